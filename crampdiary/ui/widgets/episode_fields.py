"""Every answer of the cramp form except where it was: when, how long, how bad, what you were
doing, eased with rest, other symptoms, medicines, fluids and exercise, the after-effects, notes.

The widgets hold the answers; ``load`` fills them, ``answers`` reads them as the §3.1 mapping the
domain validates (``episode_from_mapping``), ``show_errors`` puts messages beside fields. Quick
choices ("15 min ago", "last night at 3:00") read the app clock when pressed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from kivy.app import App
from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.domain import Context, Episode, MedicationTaken, Medicine, MedicineClass, new_id
from crampdiary.domain.enums import (
    CONTEXT_LABELS,
    MEDICINE_CLASS_LABELS,
    SYMPTOM_LABELS,
)
from crampdiary.domain.medicine_lookup import classify_medicine
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.widgets import chips, severity_scale, stepper, time_picker  # noqa: F401
from crampdiary.ui.widgets.stepper import format_number

NIGHT_HOURS = (1, 2, 3, 4, 5)
QUICK_DURATIONS: tuple[tuple[str, str], ...] = (
    ("0.5", "½ min"),
    ("1", "1 min"),
    ("2", "2 min"),
    ("5", "5 min"),
    ("10", "10 min"),
    ("15", "15 min"),
)
YES_NO_UNSURE = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
ANSWERS = {"yes": True, "no": False}


def last_night_at(now: datetime, hour: int) -> datetime:
    """The latest ``hour``:00 that is not after ``now``: at 10:00 "last night at 3" is 03:00 today
    (the night that began yesterday); at 02:00 it is 03:00 yesterday."""
    candidate = datetime.combine(now.date(), time(hour))
    return candidate if candidate <= now else candidate - timedelta(days=1)


def quick_start(now: datetime, choice: str) -> datetime:
    now = now.replace(second=0, microsecond=0)
    return {"now": now, "15m": now - timedelta(minutes=15), "1h": now - timedelta(hours=1)}[choice]


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def medicine_label(name: str, med_class: MedicineClass) -> str:
    if med_class is MedicineClass.OTHER:
        return name
    return f"{name} · {MEDICINE_CLASS_LABELS[med_class]}"


class EpisodeFields(BoxLayout):
    context_options = ListProperty([(c.value, label) for c, label in CONTEXT_LABELS.items()])
    symptom_options = ListProperty([(s.value, label) for s, label in SYMPTOM_LABELS.items()])
    answer_options = ListProperty(YES_NO_UNSURE)
    duration_options = ListProperty(QUICK_DURATIONS)
    start_options = ListProperty([("now", "Now"), ("15m", "15 min ago"), ("1h", "1 hour ago")])
    night_options = ListProperty([(str(h), f"{h}:00") for h in NIGHT_HOURS])
    medicine_options = ListProperty()
    today = ObjectProperty(None, allownone=True)
    editing = BooleanProperty(False)
    medicine_hint = StringProperty("")

    def __init__(self, **kwargs) -> None:
        self._medicines: dict[str, MedicationTaken] = {}
        self._known: list[Medicine] = []
        self._medicines_touched = False
        self._quick_value: datetime | None = None
        super().__init__(**kwargs)

    def on_kv_post(self, _base) -> None:
        ids = self.ids
        ids.start_picker.bind(value=self._start_moved)
        ids.duration_stepper.bind(text=self._duration_typed)
        ids.medicine_chips.bind(on_choose=self._medicine_chosen)

    # --- filling -------------------------------------------------------------------------------

    def load(
        self,
        episode: Episode | None,
        *,
        now: datetime,
        medicines: list[Medicine],
        defaults: dict[str, Any] | None = None,
    ) -> None:
        """Show ``episode`` (or an empty form at ``now``); offer ``medicines`` from the list."""
        ids = self.ids
        defaults = defaults or {}
        self.editing = episode is not None
        self.today = now.date()
        self._known = list(medicines)
        self._medicines_touched = False
        self._quick_value = None
        ids.start_quick.value = None
        ids.night_quick.value = None
        self.show_errors({})
        if episode is None:
            ids.start_picker.value = now.replace(second=0, microsecond=0)
            ids.duration_stepper.text = defaults.get("duration", "1")
            ids.severity_scale.value = -1
            ids.context_chips.value = None
            ids.eased_chips.value = None
            ids.symptom_chips.values = []
            ids.fluids_stepper.text = ""
            ids.exercise_stepper.text = ""
            ids.soreness_stepper.text = ""
            ids.affected_chips.value = None
            ids.notes_input.text = ""
            self._offer_medicines([], now.date())
        else:
            ids.start_picker.value = episode.started_at
            ids.duration_stepper.text = format_number(episode.duration_minutes, 2)
            ids.severity_scale.value = episode.severity_0_10
            ids.context_chips.value = episode.context.value
            eased = episode.eased_with_rest
            ids.eased_chips.value = yes_no(eased) if eased is not None else None
            ids.symptom_chips.values = [s.value for s in episode.symptoms]
            ids.fluids_stepper.text = _number_text(episode.hydration_litres_24h, 2)
            ids.exercise_stepper.text = _number_text(episode.exercise_minutes_24h, 0)
            ids.soreness_stepper.text = _number_text(episode.soreness_days, 0)
            ids.affected_chips.value = yes_no(episode.affected_daily_activities)
            ids.notes_input.text = episode.notes
            self._offer_medicines(list(episode.medications), None)
        ids.medicine_input.text = ""

    def offer_known(self, medicines: list[Medicine]) -> None:
        """The medicines list arrived (it loads in the background): add it to the chips without
        touching any other answer. Until the user changes the medicines, a new cramp takes those
        taken on its day; otherwise what is chosen stays chosen."""
        self._known = list(medicines)
        chosen = [
            self._medicines[k] for k in self.ids.medicine_chips.values if k in self._medicines
        ]
        picked = self.ids.start_picker.value
        if self.editing or self._medicines_touched or picked is None:
            self._offer_medicines(chosen, None)
        else:
            self._offer_medicines([], picked.date())

    def _offer_medicines(self, taken: list[MedicationTaken], day: date | None) -> None:
        """Chips for the medicines on this cramp, then the rest of the list, unchosen.

        A new cramp (``day`` given) starts with the list's medicines taken on that day.
        """
        self._medicines = {}
        chosen: list[str] = []
        for med in taken:
            key = new_id()
            self._medicines[key] = med
            chosen.append(key)
        names = {m.name.strip().lower() for m in taken}
        for medicine in self._known:
            if medicine.name.strip().lower() in names:
                continue
            self._medicines[medicine.id] = medicine.snapshot()
            if day is not None and medicine.taken_on(day):
                chosen.append(medicine.id)
        self._show_medicines(chosen)

    def _show_medicines(self, chosen: list[str]) -> None:
        self.medicine_options = [
            (key, medicine_label(med.name, med.med_class)) for key, med in self._medicines.items()
        ]
        self.ids.medicine_chips.values = chosen
        self.medicine_hint = (
            "" if self._medicines else "No medicines in your list. Add one by name if you take any."
        )

    # --- quick choices -------------------------------------------------------------------------

    def choose_start(self, choice: str | None) -> None:
        if choice is None:
            return
        self.ids.night_quick.value = None
        self._set_start(quick_start(App.get_running_app().clock(), choice))

    def choose_night(self, hour: str | None) -> None:
        if hour is None:
            return
        self.ids.start_quick.value = None
        self._set_start(last_night_at(App.get_running_app().clock(), int(hour)))
        if not self.editing and self.ids.context_chips.value is None:
            self.ids.context_chips.value = Context.ASLEEP.value

    def _set_start(self, value: datetime) -> None:
        self._quick_value = value
        self.ids.start_picker.value = value

    def _start_moved(self, _picker, value: datetime | None) -> None:
        if value != self._quick_value:
            self.ids.start_quick.value = None
            self.ids.night_quick.value = None
        if not self.editing and not self._medicines_touched and value is not None:
            taken = [k for k, m in self._medicines.items() if self._taken(k, value.date())]
            self.ids.medicine_chips.values = taken

    def _taken(self, key: str, day: date) -> bool:
        for medicine in self._known:
            if medicine.id == key:
                return medicine.taken_on(day)
        return key in self.ids.medicine_chips.values

    def choose_duration(self, value: str | None) -> None:
        if value is not None:
            self.ids.duration_stepper.text = value

    def _duration_typed(self, _stepper, text: str) -> None:
        known = {value for value, _label in self.duration_options}
        self.ids.duration_quick.value = text if text in known else None

    # --- medicines -----------------------------------------------------------------------------

    def _medicine_chosen(self, *_args) -> None:
        self._medicines_touched = True

    def add_medicine(self) -> bool:
        name = " ".join(self.ids.medicine_input.text.split())
        if not name:
            self.ids.medicines_error.text = "Type the medicine's name first."
            return False
        self.ids.medicines_error.text = ""
        key = new_id()
        self._medicines[key] = MedicationTaken(name, classify_medicine(name))
        self._medicines_touched = True
        self._show_medicines([*self.ids.medicine_chips.values, key])
        self.ids.medicine_input.text = ""
        return True

    # --- reading -------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The answers as a §3.1 mapping (text as typed; the domain parses and checks it)."""
        ids = self.ids
        severity = int(ids.severity_scale.value)
        chosen = ids.medicine_chips.values
        return {
            "started_at": ids.start_picker.value,
            "duration_minutes": ids.duration_stepper.text.strip(),
            "severity_0_10": severity if severity >= 0 else None,
            "context": ids.context_chips.value,
            "eased_with_rest": ANSWERS.get(ids.eased_chips.value or ""),
            "symptoms": list(ids.symptom_chips.values),
            "medications": [
                {
                    "name": med.name,
                    "class": med.med_class.value,
                    "started_on": med.started_on.isoformat() if med.started_on else None,
                }
                for key, med in self._medicines.items()
                if key in chosen
            ],
            "hydration_litres_24h": ids.fluids_stepper.text.strip() or None,
            "exercise_minutes_24h": ids.exercise_stepper.text.strip() or None,
            "soreness_days": ids.soreness_stepper.text.strip() or None,
            "affected_daily_activities": ANSWERS.get(ids.affected_chips.value or ""),
            "notes": ids.notes_input.text,
        }

    def show_errors(self, errors: dict[str, str]) -> None:
        """``errors`` maps error-label ids to messages; every other label is cleared."""
        for name, widget in self.ids.items():
            if name.endswith("_error"):
                widget.text = errors.get(name, "")


def _number_text(value: float | None, decimals: int) -> str:
    return "" if value is None else format_number(value, decimals)


load_kv("widgets/episode_fields.kv")
load_kv("widgets/episode_fields_around.kv")  # a second EpisodeFields rule: load it after
