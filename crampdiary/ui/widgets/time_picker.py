"""A plain, large date and time picker: the day with − and +, the hour and the minute with − and +.

``value`` is a naive local datetime; ``today`` is the app clock's date, used only to say "Today" or
"Yesterday" beside the date. The picker never refuses a time: the form's validation explains.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.ui.kvload import load_kv

MINUTE_STEP = 5


def describe_day(day: date, today: date | None) -> str:
    """ "Today, Sun 22 Nov 2026" / "Yesterday, Sat 21 Nov 2026" / "Fri 20 Nov 2026"."""
    words = f"{day:%a} {day.day} {day:%b %Y}"
    if today is not None:
        if day == today:
            return f"Today, {words}"
        if day == today - timedelta(days=1):
            return f"Yesterday, {words}"
        if day == today + timedelta(days=1):
            return f"Tomorrow, {words}"
    return words


class TimePicker(BoxLayout):
    value = ObjectProperty(None, allownone=True)
    today = ObjectProperty(None, allownone=True)
    day_text = StringProperty("")
    hour_text = StringProperty("--")
    minute_text = StringProperty("--")

    def on_value(self, *_args) -> None:
        self._show()

    def on_today(self, *_args) -> None:
        self._show()

    def move_day(self, days: int) -> None:
        self._shift(timedelta(days=days))

    def move_hour(self, hours: int) -> None:
        """Hours wrap within the day (23 + 1 → 00 on the same date): the day has its own buttons."""
        if self.value is None:
            return
        self.value = self.value.replace(hour=(self.value.hour + hours) % 24)

    def move_minute(self, direction: int) -> None:
        """Steps of five minutes on the five-minute grid, wrapping within the hour."""
        if self.value is None:
            return
        minute = self.value.minute
        if minute % MINUTE_STEP and direction > 0:
            minute = minute - minute % MINUTE_STEP + MINUTE_STEP
        elif minute % MINUTE_STEP:
            minute -= minute % MINUTE_STEP
        else:
            minute += direction * MINUTE_STEP
        self.value = self.value.replace(minute=minute % 60, second=0)

    def _shift(self, delta: timedelta) -> None:
        if self.value is not None:
            self.value = self.value + delta

    def _show(self) -> None:
        value: datetime | None = self.value
        if value is None:
            self.day_text, self.hour_text, self.minute_text = "Choose a day", "--", "--"
            return
        self.day_text = describe_day(value.date(), self.today)
        self.hour_text = f"{value.hour:02d}"
        self.minute_text = f"{value.minute:02d}"


load_kv("widgets/time_picker.kv")
