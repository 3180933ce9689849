"""When reminders are due: pure timing, read from a clock the caller passes in.

Two optional reminders, both off by default and both only while the app is running:

- the morning prompt, "Did cramps wake you last night?", once a day at a chosen hour (or, if the
  app was not open then, when it is opened later that morning);
- a fluids reminder every N hours, never during the night's quiet hours.

Settings are stored as text under ``app.reminders.*``. Nothing here shows anything: the UI asks
``Reminders.due(now)`` once a minute and hands what is due to a ``Notifier``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

PREFIX = "app.reminders."
MORNING_ON = PREFIX + "morning"
MORNING_HOUR = PREFIX + "morning_hour"
FLUIDS_ON = PREFIX + "fluids"
FLUIDS_HOURS = PREFIX + "fluids_every_hours"

MORNING_HOURS = tuple(range(5, 12))
FLUIDS_CHOICES = (1, 2, 3, 4)
# A morning prompt missed at its hour is still shown if the app opens within this time.
MORNING_LATE_LIMIT = timedelta(hours=4)
# No fluids reminders from QUIET_START until QUIET_END (people are asleep).
QUIET_START, QUIET_END = time(21, 0), time(8, 0)

MORNING_TITLE = "Cramp Diary"
MORNING_MESSAGE = "Did cramps wake you last night?"
FLUIDS_TITLE = "Cramp Diary"
FLUIDS_MESSAGE = "A reminder to have a drink, if you would like one."


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    morning: bool = False
    morning_hour: int = 8
    fluids: bool = False
    fluids_every_hours: int = 2

    @classmethod
    def from_settings(cls, stored: Mapping[str, str]) -> ReminderPlan:
        """Read ``app.reminders.*``; anything missing or unreadable keeps its default."""
        default = cls()
        return cls(
            morning=stored.get(MORNING_ON, "false") == "true",
            morning_hour=_choice(stored.get(MORNING_HOUR), MORNING_HOURS, default.morning_hour),
            fluids=stored.get(FLUIDS_ON, "false") == "true",
            fluids_every_hours=_choice(
                stored.get(FLUIDS_HOURS), FLUIDS_CHOICES, default.fluids_every_hours
            ),
        )

    def to_settings(self) -> dict[str, str]:
        return {
            MORNING_ON: "true" if self.morning else "false",
            MORNING_HOUR: str(self.morning_hour),
            FLUIDS_ON: "true" if self.fluids else "false",
            FLUIDS_HOURS: str(self.fluids_every_hours),
        }


def _choice(raw: str | None, allowed: tuple[int, ...], default: int) -> int:
    try:
        value = int(raw) if raw is not None else default
    except ValueError:
        return default
    return value if value in allowed else default


def next_morning_prompt(now: datetime, hour: int, last_prompted_on: date | None) -> datetime:
    """When the morning prompt is next due (``<= now`` means due now)."""
    today_at = datetime.combine(now.date(), time(hour))
    already_today = last_prompted_on is not None and last_prompted_on >= now.date()
    if already_today or now > today_at + MORNING_LATE_LIMIT:
        return today_at + timedelta(days=1)
    return today_at


def in_quiet_hours(moment: datetime) -> bool:
    clock = moment.time()
    return clock >= QUIET_START or clock < QUIET_END


def next_fluids_reminder(since: datetime, every_hours: int) -> datetime:
    """``every_hours`` after ``since`` (the last reminder, or when reminders started),
    moved to the end of the quiet hours if it would fall inside them."""
    due = since + timedelta(hours=every_hours)
    if not in_quiet_hours(due):
        return due
    end = datetime.combine(due.date(), QUIET_END)
    return end if due < end else end + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str  # "morning" | "fluids"
    title: str
    message: str


class Reminders:
    """The plan plus what has been shown already; ``due(now)`` returns what to show now."""

    def __init__(self, plan: ReminderPlan, started: datetime) -> None:
        self.plan = plan
        self.morning_shown_on: date | None = None
        self.fluids_since = started

    def replan(self, plan: ReminderPlan, now: datetime) -> None:
        """New settings: the fluids interval counts from now, the morning record stays."""
        if plan.fluids and not self.plan.fluids:
            self.fluids_since = now
        if plan.fluids_every_hours != self.plan.fluids_every_hours:
            self.fluids_since = now
        self.plan = plan

    def due(self, now: datetime) -> list[Reminder]:
        shown: list[Reminder] = []
        plan = self.plan
        if (
            plan.morning
            and next_morning_prompt(now, plan.morning_hour, self.morning_shown_on) <= now
        ):
            self.morning_shown_on = now.date()
            shown.append(Reminder("morning", MORNING_TITLE, MORNING_MESSAGE))
        fluids_due = next_fluids_reminder(self.fluids_since, plan.fluids_every_hours) <= now
        if plan.fluids and fluids_due and not in_quiet_hours(now):
            self.fluids_since = now
            shown.append(Reminder("fluids", FLUIDS_TITLE, FLUIDS_MESSAGE))
        return shown
