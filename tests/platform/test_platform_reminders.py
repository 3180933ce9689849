"""Reminder timing: the morning prompt once a day at its hour (or later that morning), fluids
every N hours outside the quiet hours; settings read back from text."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crampdiary.platform.reminders import (
    FLUIDS_HOURS,
    MORNING_HOUR,
    MORNING_ON,
    ReminderPlan,
    Reminders,
    in_quiet_hours,
    next_fluids_reminder,
    next_morning_prompt,
)

DAY = date(2026, 11, 22)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def test_morning_prompt_is_today_at_the_hour_until_shown() -> None:
    assert next_morning_prompt(at(6), 8, None) == at(8)
    assert next_morning_prompt(at(8), 8, None) == at(8)  # due now
    assert next_morning_prompt(at(11, 59), 8, None) == at(8)  # opened late that morning
    assert next_morning_prompt(at(12, 1), 8, None) == at(8, day=DAY + timedelta(days=1))
    assert next_morning_prompt(at(9), 8, DAY) == at(8, day=DAY + timedelta(days=1))
    assert next_morning_prompt(at(9), 8, DAY - timedelta(days=1)) == at(8)


def test_fluids_every_n_hours_but_not_at_night() -> None:
    assert next_fluids_reminder(at(10), 2) == at(12)
    assert next_fluids_reminder(at(20), 2) == at(8, day=DAY + timedelta(days=1))
    assert next_fluids_reminder(at(2), 3) == at(8)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a busy shared machine
@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)),
    st.integers(1, 4),
)
def test_fluids_reminders_never_fall_in_quiet_hours_and_never_come_early(
    since: datetime, hours: int
) -> None:
    due = next_fluids_reminder(since, hours)
    assert not in_quiet_hours(due)
    assert due >= since + timedelta(hours=hours)


def test_reminders_fire_once_each() -> None:
    plan = ReminderPlan(morning=True, morning_hour=7, fluids=True, fluids_every_hours=2)
    reminders = Reminders(plan, started=at(6))
    assert reminders.due(at(6, 30)) == []
    kinds = [r.kind for r in reminders.due(at(7))]
    assert kinds == ["morning"]
    assert reminders.due(at(7, 1)) == []
    fired = reminders.due(at(8))
    assert [r.kind for r in fired] == ["fluids"]
    assert fired[0].message
    assert reminders.due(at(9, 59)) == []
    assert [r.kind for r in reminders.due(at(10))] == ["fluids"]
    # Overnight the fluids reminder waits for the end of the quiet hours.
    assert [r.kind for r in reminders.due(at(7, day=DAY + timedelta(days=1)))] == ["morning"]
    assert [r.kind for r in reminders.due(at(8, day=DAY + timedelta(days=1)))] == ["fluids"]


def test_nothing_is_due_when_both_are_off() -> None:
    reminders = Reminders(ReminderPlan(), started=at(0))
    assert reminders.due(at(8)) == [] and reminders.due(at(20)) == []


def test_plan_round_trips_through_settings_and_ignores_nonsense() -> None:
    plan = ReminderPlan(morning=True, morning_hour=6, fluids=True, fluids_every_hours=3)
    assert ReminderPlan.from_settings(plan.to_settings()) == plan
    odd = ReminderPlan.from_settings({MORNING_ON: "yes", MORNING_HOUR: "25", FLUIDS_HOURS: "x"})
    assert odd == ReminderPlan()
