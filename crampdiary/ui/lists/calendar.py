"""A month calendar that circles the days with a cramp; tapping a day dispatches ``on_day``.

The parent owns the data: it listens to ``on_month`` (the month shown changed), loads the cramp
days for that month off the UI thread and sets ``marked``. The calendar never reads the diary.
"""

from __future__ import annotations

import calendar as _calendar
from datetime import date, timedelta

from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import controls  # noqa: F401  (CdInlineLabel)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CELLS = 42  # six weeks always, so the calendar never changes height


def month_grid(first: date) -> list[date]:
    """The 42 dates shown for ``first``'s month, from the Monday on or before the 1st."""
    start = first.replace(day=1)
    start -= timedelta(days=start.weekday())
    return [start + timedelta(days=i) for i in range(CELLS)]


def month_bounds(first: date) -> tuple[date, date]:
    first = first.replace(day=1)
    last = first.replace(day=_calendar.monthrange(first.year, first.month)[1])
    return first, last


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (earlier if negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class CalendarDay(ButtonBehavior, Label):
    day = ObjectProperty(None, allownone=True)
    in_month = BooleanProperty(True)
    marked = BooleanProperty(False)
    is_today = BooleanProperty(False)
    selected = BooleanProperty(False)


class MonthCalendar(BoxLayout):
    month = ObjectProperty(None, allownone=True)
    """The first day of the month shown."""
    marked = ObjectProperty(frozenset())
    """Dates to circle (only those in the month shown matter)."""
    selected = ObjectProperty(None, allownone=True)
    today = ObjectProperty(None, allownone=True)
    title = StringProperty("")
    previous_text = StringProperty("<")
    next_text = StringProperty(">")
    summary = StringProperty("")
    weekdays = ListProperty(WEEKDAYS)

    __events__ = ("on_day", "on_month")

    def on_kv_post(self, base_widget) -> None:
        grid = self.ids.day_grid
        for _ in range(CELLS):
            cell = CalendarDay()
            cell.bind(on_release=self._day_released)
            grid.add_widget(cell)
        self.bind(
            month=self._refresh, marked=self._refresh, selected=self._refresh, today=self._refresh
        )
        self._refresh()

    @property
    def cells(self) -> list[CalendarDay]:
        return list(reversed(self.ids.day_grid.children))

    def show(self, month: date) -> None:
        """Show ``month``'s month and tell the parent (``on_month``) to load its cramp days."""
        first = month.replace(day=1)
        if first != self.month:
            self.marked = frozenset()
            self.month = first
        self.dispatch("on_month", *month_bounds(first))

    def previous_month(self) -> None:
        self.show(add_months(self.month, -1))

    def next_month(self) -> None:
        self.show(add_months(self.month, 1))

    def _refresh(self, *_args) -> None:
        if self.month is None or not self.ids:
            return
        first = self.month
        self.title = f"{first:%B %Y}"
        self.previous_text = f"< {add_months(first, -1):%b}"
        self.next_text = f"{add_months(first, 1):%b} >"
        marked_here = 0
        for cell, day in zip(self.cells, month_grid(first), strict=True):
            in_month = day.month == first.month
            cell.day = day
            cell.text = str(day.day)
            cell.in_month = in_month
            cell.marked = in_month and day in self.marked
            cell.is_today = day == self.today
            cell.selected = day == self.selected
            marked_here += cell.marked
        plural = "" if marked_here == 1 else "s"
        self.summary = (
            f"{marked_here} day{plural} with a cramp (circled)"
            if marked_here
            else "No cramps this month"
        )

    def _day_released(self, cell: CalendarDay) -> None:
        if cell.day is not None:
            self.dispatch("on_day", cell.day)

    def on_day(self, day: date) -> None:
        pass

    def on_month(self, first: date, last: date) -> None:
        pass


load_kv("lists/calendar.kv")
