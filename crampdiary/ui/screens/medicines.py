"""Medicines: the person's own list (name, type, start and stop dates) and a form to add,
change or remove one. The type is looked up from the name as it is typed and can be overridden.

A record only: the screen says so, and never suggests starting or stopping anything.
"""

from __future__ import annotations

from typing import Any

from kivy.app import App
from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.domain import Medicine, MedicineClass, ValidationError
from crampdiary.domain.enums import MEDICINE_CLASS_LABELS
from crampdiary.domain.medicine_lookup import classify_medicine
from crampdiary.domain.model import new_id
from crampdiary.domain.validation import parse_date, validate_medicine
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists.controls import plain_problem
from crampdiary.ui.lists.medicine_rows import MedicineList, to_row

__all__ = ["MedicineList", "MedicinesScreen"]

RECORD_ONLY = (
    "This list is a record for you and your doctor. Cramp Diary never suggests starting, "
    "stopping or changing a medicine."
)
FIELD_LABELS = {
    "name": "Name",
    "class": "Type",
    "started_on": "Start date",
    "stopped_on": "Stop date",
}


class MedicinesScreen(Screen):
    landscape = BooleanProperty(True)
    editing_id = StringProperty("")
    class_value = StringProperty(MedicineClass.OTHER.value)
    class_chosen = BooleanProperty(False)
    """True once the person picked a type by hand; the name then no longer changes it."""
    lookup_text = StringProperty("")
    message = StringProperty("")
    message_is_error = BooleanProperty(False)
    list_summary = StringProperty("")
    record_only = StringProperty(RECORD_ONLY)

    def __init__(self, **kwargs) -> None:
        self._medicines: list[Medicine] = []
        self._chips: dict[str, Any] = {}
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget) -> None:
        grid = self.ids.class_chips
        for med_class, label in MEDICINE_CLASS_LABELS.items():
            chip = Factory.CdToggle(text=label, group="medicine_class", allow_no_selection=False)
            chip.bind(on_release=lambda _chip, value=med_class.value: self.choose_class(value))
            grid.add_widget(chip)
            self._chips[med_class.value] = chip
        self.bind(class_value=self._show_class, size=self._layout_changed)
        App.get_running_app().state.bind(data_version=self._data_changed)
        self._show_class()

    def _layout_changed(self, *_args) -> None:
        self.landscape = self.width >= self.height

    # --- loading --------------------------------------------------------------------------

    def on_pre_enter(self, *_args) -> None:
        self.new_medicine()
        self.message = ""
        self.reload()

    def _data_changed(self, *_args) -> None:
        if self.manager is not None and self.manager.current == self.name:
            self.reload()

    def reload(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        if diary is not None:
            app.runner.submit(diary.medicines, self._show_list)

    def _show_list(self, medicines: list[Medicine]) -> None:
        self._medicines = sorted(
            medicines, key=lambda m: (m.stopped_on is not None, m.name.lower())
        )
        height = App.get_running_app().theme.target * 1.4
        self.ids.medicine_list.data = [
            to_row(m, selected=m.id == self.editing_id, height=height) for m in self._medicines
        ]
        count = len(medicines)
        self.list_summary = (
            f"{count} medicine{'s' if count != 1 else ''}. Tap one to change it."
            if count
            else "No medicines yet. Add the ones you take with the form."
        )

    # --- the form -------------------------------------------------------------------------

    def name_typed(self, text: str) -> None:
        if not self.class_chosen:
            self.class_value = classify_medicine(text).value
        self._describe_lookup(text)

    def _describe_lookup(self, text: str) -> None:
        label = MEDICINE_CLASS_LABELS[MedicineClass(self.class_value)]
        if not text.strip():
            self.lookup_text = "Type the name as it is on the box, for example Atorvastatin 20 mg."
        elif self.class_chosen:
            self.lookup_text = f"Type: {label} (chosen by you)."
        elif self.class_value == MedicineClass.OTHER.value:
            self.lookup_text = (
                "Not in our list, so the type is Other. Pick a type below if you know it."
            )
        else:
            self.lookup_text = f"Type: {label} (found from the name)."

    def choose_class(self, value: str) -> None:
        self.class_chosen = True
        self.class_value = value
        self._describe_lookup(self.ids.name_input.text)

    def _show_class(self, *_args) -> None:
        for value, chip in self._chips.items():
            chip.state = "down" if value == self.class_value else "normal"

    def set_today(self, which: str) -> None:
        today = App.get_running_app().clock().date().isoformat()
        self.ids[f"{which}_input"].text = today

    def new_medicine(self) -> None:
        self.editing_id = ""
        self.class_chosen = False
        self.ids.name_input.text = ""
        self.ids.started_input.text = ""
        self.ids.stopped_input.text = ""
        self.class_value = MedicineClass.OTHER.value
        self._describe_lookup("")
        self._refresh_selection()

    def pick(self, medicine_id: str) -> None:
        medicine = next((m for m in self._medicines if m.id == medicine_id), None)
        if medicine is None:
            return
        self.editing_id = medicine.id
        self.ids.name_input.text = medicine.name
        self.ids.started_input.text = medicine.started_on.isoformat() if medicine.started_on else ""
        self.ids.stopped_input.text = medicine.stopped_on.isoformat() if medicine.stopped_on else ""
        # Keep the stored type, even if the lookup would say otherwise.
        self.class_chosen = medicine.med_class != classify_medicine(medicine.name)
        self.class_value = medicine.med_class.value
        self._describe_lookup(medicine.name)
        self.message = ""
        self._refresh_selection()

    def _refresh_selection(self) -> None:
        data = self.ids.medicine_list.data
        if data:
            self.ids.medicine_list.data = [
                {**row, "selected": row["medicine_id"] == self.editing_id} for row in data
            ]

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message, self.message_is_error = text, error

    def form_medicine(self) -> Medicine:
        """The medicine as typed; raises ``ValidationError`` with the domain's message."""
        ids = self.ids
        medicine = Medicine(
            name=ids.name_input.text.strip(),
            med_class=MedicineClass(self.class_value),
            started_on=parse_date("started_on", ids.started_input.text),
            stopped_on=parse_date("stopped_on", ids.stopped_input.text),
            id=self.editing_id or new_id(),
        )
        return validate_medicine(medicine)

    def save(self) -> None:
        try:
            medicine = self.form_medicine()
        except ValidationError as error:
            self._say(plain_problem(error, FIELD_LABELS), error=True)
            return
        app = App.get_running_app()
        diary = app.diary
        was_new = not self.editing_id

        def saved(saved_medicine: Medicine) -> None:
            self.new_medicine()
            verb = "added to" if was_new else "changed in"
            self._say(f"{saved_medicine.name} {verb} your list.")

        app.write(lambda: diary.save_medicine(medicine), saved, what="save the medicine")

    def on_enter_key(self) -> bool:
        """Enter on a keyboard saves the form (the shell calls this)."""
        self.save()
        return True

    def delete(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        medicine_id = self.editing_id
        if not medicine_id or diary is None:
            return

        def deleted(medicine: Medicine) -> None:
            self.new_medicine()
            self._say("")
            app.notify(
                f"{medicine.name} removed from your list.",
                action_text="Undo",
                action=lambda: app.write(lambda: diary.save_medicine(medicine), what="put it back"),
            )

        app.write(lambda: diary.delete_medicine(medicine_id), deleted, what="remove the medicine")


load_kv("screens/medicines.kv")
