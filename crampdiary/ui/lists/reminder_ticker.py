"""Runs the reminders while the app is open: once a minute it asks ``platform.reminders`` what
is due (by ``app.clock()``) and hands it to a ``Notifier`` on the background runner.

Not a widget and no kv. ``start_reminders(app)`` is idempotent: the first call (from the shell
at start-up, or from the Settings screen) makes the one ticker; later calls return it. The plan
is read from the diary's settings whenever a diary is opened.
"""

from __future__ import annotations

from kivy.clock import Clock

from crampdiary.platform import default_notifier
from crampdiary.platform.reminders import PREFIX, Reminder, ReminderPlan, Reminders

CHECK_EVERY_SECONDS = 60


class ReminderTicker:
    def __init__(self, app, notifier) -> None:
        self.app = app
        self.notifier = notifier
        self.reminders = Reminders(ReminderPlan(), started=app.clock())
        self._event = Clock.schedule_interval(lambda _dt: self.tick(), CHECK_EVERY_SECONDS)
        app.state.bind(diary=lambda _state, diary: self.load(diary))
        if app.state.diary is not None:
            self.load(app.state.diary)

    def load(self, diary) -> None:
        if diary is None:
            return
        self.app.runner.submit(
            lambda: ReminderPlan.from_settings(diary.settings(PREFIX)), self.replan
        )

    def replan(self, plan: ReminderPlan) -> None:
        self.reminders.replan(plan, self.app.clock())

    def tick(self) -> list[Reminder]:
        """Show what is due now; returns it (nothing when notifications are unavailable)."""
        due = self.reminders.due(self.app.clock())
        if not due or not self.notifier.available():
            return []
        notifier = self.notifier
        for reminder in due:
            self.app.runner.submit(lambda r=reminder: notifier.notify(r.title, r.message))
        return due

    def stop(self) -> None:
        self._event.cancel()


_ticker: ReminderTicker | None = None


def start_reminders(app, notifier=None) -> ReminderTicker:
    global _ticker
    if _ticker is None:
        _ticker = ReminderTicker(app, notifier or default_notifier())
    elif notifier is not None:
        _ticker.notifier = notifier
    return _ticker
