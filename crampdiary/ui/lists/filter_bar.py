"""The History filter bar: quick date ranges, from/to dates, muscle, situation and a notes search.

It turns what the person chose into a ``HistoryFilter`` and dispatches ``on_filter``; bad dates
get the domain's message and no filter. It never reads the diary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.domain import Context, Muscle, ValidationError
from crampdiary.domain.enums import CONTEXT_LABELS, MUSCLE_LABELS
from crampdiary.domain.validation import parse_date
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import controls  # noqa: F401  (CdSpinner, CdFormMessage)
from crampdiary.ui.lists.calendar import add_months

ANY_MUSCLE = "Any muscle"
ANY_CONTEXT = "Any situation"
QUICK_RANGES = {"4w": "4 weeks", "3m": "3 months", "1y": "Year", "all": "All"}
SEARCH_DELAY = 0.4  # seconds of no typing before the notes search runs


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    start: date | None = None
    end: date | None = None
    muscles: tuple[Muscle, ...] = ()
    contexts: tuple[Context, ...] = ()
    text: str = ""


def quick_range(name: str, today: date) -> tuple[date | None, date | None]:
    """The dates of a quick range ending today ("all" is open at both ends)."""
    if name == "4w":
        return today - timedelta(days=27), today
    if name == "3m":
        return add_months(today, -3) + timedelta(days=1), today
    if name == "1y":
        return add_months(today, -12) + timedelta(days=1), today
    return None, None


def _by_label(labels: dict, text: str) -> tuple:
    return tuple(value for value, label in labels.items() if label == text)


class HistoryFilterBar(BoxLayout):
    range_name = StringProperty("4w")
    """One of QUICK_RANGES, or "custom" once dates were typed or a calendar day was tapped."""
    from_text = StringProperty("")
    to_text = StringProperty("")
    muscle_text = StringProperty(ANY_MUSCLE)
    context_text = StringProperty(ANY_CONTEXT)
    search_text = StringProperty("")
    message = StringProperty("")
    range_columns = NumericProperty(4)
    muscle_choices = ListProperty([ANY_MUSCLE, *MUSCLE_LABELS.values()])
    context_choices = ListProperty([ANY_CONTEXT, *CONTEXT_LABELS.values()])

    __events__ = ("on_filter",)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._search_event = None

    # --- what the person does -------------------------------------------------------------

    def choose_range(self, name: str) -> None:
        start, end = quick_range(name, App.get_running_app().clock().date())
        self.range_name = name
        self._show_dates(start.isoformat() if start else "", end.isoformat() if end else "")
        self.apply()

    def choose_day(self, day: date) -> None:
        self.range_name = "custom"
        self._show_dates(day.isoformat(), day.isoformat())
        self.apply()

    def _show_dates(self, from_text: str, to_text: str) -> None:
        """Set the dates, and the fields too: they may hold typing the properties never saw."""
        self.from_text, self.to_text = from_text, to_text
        self.ids.from_input.text, self.ids.to_input.text = from_text, to_text

    def dates_typed(self, from_text: str, to_text: str) -> None:
        if (from_text, to_text) == (self.from_text, self.to_text):
            return
        self.range_name = "custom"
        self.from_text, self.to_text = from_text.strip(), to_text.strip()
        self.apply()

    def dates_left(self, focused: bool, from_text: str, to_text: str) -> None:
        """A date field lost focus: use what was typed (Enter does the same)."""
        if not focused:
            self.dates_typed(from_text, to_text)

    def choose_muscle(self, text: str) -> None:
        if text != self.muscle_text:
            self.muscle_text = text
            self.apply()

    def choose_context(self, text: str) -> None:
        if text != self.context_text:
            self.context_text = text
            self.apply()

    def search_typed(self, text: str) -> None:
        if text == self.search_text:
            return
        self.search_text = text
        if self._search_event is not None:
            self._search_event.cancel()
        self._search_event = Clock.schedule_once(lambda _dt: self.apply(), SEARCH_DELAY)

    def search_now(self) -> None:
        if self._search_event is not None:
            self._search_event.cancel()
            self._search_event = None
        self.apply()

    def clear(self) -> None:
        """Back to the last 4 weeks, any muscle, any situation, no search."""
        self.reset()
        self.choose_range("4w")

    def reset(self) -> None:
        """Forget every choice without filtering (the next ``choose_range`` applies)."""
        if self._search_event is not None:
            self._search_event.cancel()
            self._search_event = None
        self.muscle_text, self.context_text, self.search_text = ANY_MUSCLE, ANY_CONTEXT, ""
        self.range_name, self.from_text, self.to_text, self.message = "4w", "", "", ""

    # --- the filter -----------------------------------------------------------------------

    def current(self) -> HistoryFilter:
        """The filter as chosen; raises ``ValidationError`` for a date that cannot be read."""
        start = parse_date("From", self.from_text)
        end = parse_date("To", self.to_text)
        if start is not None and end is not None and end < start:
            raise ValidationError("To", self.to_text, "must not be before the From date")
        return HistoryFilter(
            start=start,
            end=end,
            muscles=_by_label(MUSCLE_LABELS, self.muscle_text),
            contexts=_by_label(CONTEXT_LABELS, self.context_text),
            text=self.search_text.strip(),
        )

    def apply(self) -> None:
        try:
            chosen = self.current()
        except ValidationError as error:
            self.message = f"{error.field}: {error.problem}."
            return
        self.message = ""
        self.dispatch("on_filter", chosen)

    def on_filter(self, chosen: HistoryFilter) -> None:
        pass


load_kv("lists/filter_bar.kv")
