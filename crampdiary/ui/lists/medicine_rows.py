"""Rows of the medicines list: name, its type in plain words, and when it was taken.

``to_row`` makes each RecycleView dict; the row reports a tap to its ``MedicineList``
(``on_pick`` with the medicine id)."""

from __future__ import annotations

from datetime import date

from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.domain import Medicine
from crampdiary.domain.enums import MEDICINE_CLASS_LABELS
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists.rows import TappableRow
from crampdiary.ui.widgets.scrolling import CalmRecycleView


def date_words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def taken_words(medicine: Medicine) -> str:
    start, stop = medicine.started_on, medicine.stopped_on
    if start and stop:
        return f"From {date_words(start)} to {date_words(stop)}"
    if start:
        return f"Since {date_words(start)}"
    if stop:
        return f"Start date not noted; stopped {date_words(stop)}"
    return "Start date not noted"


def to_row(medicine: Medicine, *, selected: bool, height: float) -> dict:
    return {
        "viewclass": "MedicineRow",
        "medicine_id": medicine.id,
        "name": medicine.name,
        "detail": f"{MEDICINE_CLASS_LABELS[medicine.med_class]} · {taken_words(medicine)}",
        "selected": selected,
        "height": height,
    }


class MedicineList(CalmRecycleView):
    __events__ = ("on_pick",)

    def on_pick(self, medicine_id: str) -> None:
        pass


class MedicineRow(TappableRow, BoxLayout):
    medicine_id = StringProperty("")
    name = StringProperty("")
    detail = StringProperty("")
    selected = BooleanProperty(False)

    def event_args(self) -> tuple:
        return (self.medicine_id,)


load_kv("lists/medicine_rows.kv")
