"""Home: "Cramp now" through the live timer to a saved cramp, this week's numbers, the last cramps,
warning signs (urgent first, acknowledged), and the way to other screens. Real window, real
screens, real diary file (read back with sqlite3, not through the app)."""

from __future__ import annotations

import json
import sys
import types
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest

from crampdiary.domain import Context, Medicine, MedicineClass, Muscle, Side
from tests.ui.diary_files import log, rows, when

SHOTS = Path("/tmp/shots/home")


class Taps:
    """Real touches through the window, counted."""

    def __init__(self, ui) -> None:
        self.ui, self.count = ui, 0

    def __call__(self, widget) -> None:
        self.count += 1
        self.ui.tap(widget)
        self.ui.idle()


def test_cramp_now_then_stop_saves_the_timed_cramp_in_two_taps(ui) -> None:
    home = ui.screen
    tap = Taps(ui)
    tap(home.ids.cramp_now_button)
    assert home.timing
    timer = home.ids.cramp_timer
    assert timer.get_root_window() is not None  # the timer replaced the dashboard
    assert home.ids.cramp_now_button.get_root_window() is None

    ui.clock.advance(minutes=2.5)
    ui.wait_until(lambda: timer.elapsed_text == "02:30")
    assert timer.ids.timer_muscles.value == "calf"
    assert timer.ids.timer_sides.value == "left"
    tap(timer.ids.stop_button)

    assert tap.count <= 3
    stored = rows(ui.db_path)
    assert len(stored) == 1
    row = stored[0]
    assert (row["muscle"], row["side"], row["duration_minutes"]) == ("calf", "left", 2.5)
    assert when(row) == datetime(2026, 11, 22, 10, 0)
    assert row["context"] == "resting"  # 10:00 is daytime
    assert row["severity_0_10"] == 5
    assert not home.timing and ui.app.state.timer_started is None
    ui.wait_until(lambda: home.recent_rows())
    assert "Calf (left)" in home.recent_rows()[0].text
    assert "2.5 min" in home.recent_rows()[0].text
    assert home.ids.week_cramps.number == "1"
    bar = ui.app.root.message_bar
    assert bar.text == "Saved: calf (left), 2.5 min."
    assert bar.action_text == "Add details"


def test_a_different_muscle_is_one_more_tap_and_night_defaults_apply(ui) -> None:
    ui.app.diary.save_medicine(
        Medicine("Furosemide 40 mg", MedicineClass.DIURETIC, started_on=date(2025, 1, 1))
    )
    ui.app.diary.save_medicine(
        Medicine("Ramipril", MedicineClass.OTHER_BLOOD_PRESSURE, stopped_on=date(2026, 1, 1))
    )
    log(ui, muscle=Muscle.FOOT, side=Side.RIGHT, severity_0_10=6)
    ui.clock.now = datetime(2026, 11, 22, 3, 0)
    home = ui.screen
    home.reload()
    ui.idle()
    assert "foot (right)" in home.ids.cramp_now_hint.text
    tap = Taps(ui)
    tap(home.ids.cramp_now_button)
    timer = home.ids.cramp_timer
    assert timer.ids.timer_muscles.value == "foot"  # last used
    tap(timer.ids.timer_muscles.chip("calf"))
    ui.clock.advance(seconds=40)
    tap(timer.ids.stop_button)

    assert tap.count == 3
    row = rows(ui.db_path)[-1]
    assert (row["muscle"], row["side"]) == ("calf", "right")
    assert row["context"] == "asleep"  # started at 03:00
    assert row["severity_0_10"] == 6  # last used
    assert row["duration_minutes"] == pytest.approx(0.7)
    meds = json.loads(row["medications"])
    assert [m["name"] for m in meds] == ["Furosemide 40 mg"]  # Ramipril stopped in January
    assert meds[0]["class"] == "diuretic"
    assert ui.app.root.message_bar.text == "Saved: calf (right), 42 s."


def test_add_details_opens_the_form_on_the_saved_cramp(ui) -> None:
    home = ui.screen
    ui.press(home.ids.cramp_now_button)
    ui.clock.advance(minutes=3)
    ui.press(home.ids.cramp_timer.ids.stop_button)
    ui.idle()
    bar = ui.app.root.message_bar
    ui.press(bar.ids.message_action)
    ui.idle()
    form = ui.screen
    assert form.name == "episode"
    saved = rows(ui.db_path)[0]
    assert form.episode is not None and form.episode.id == saved["id"]
    assert form.ids.fields.ids.duration_stepper.text == "3"
    assert form.ids.fields.ids.severity_scale.value == 5


def test_cancel_stops_the_timer_without_saving(ui) -> None:
    home = ui.screen
    ui.press(home.ids.cramp_now_button)
    ui.clock.advance(minutes=1)
    ui.press(home.ids.cramp_timer.ids.cancel_timer_button)
    ui.idle()
    assert not home.timing
    assert home.ids.cramp_now_button.get_root_window() is not None
    assert rows(ui.db_path) == []


def reopen(ui) -> None:
    """Open the same diary file again, as starting the app afresh would."""
    opened: list = []
    ui.app.open_diary(str(ui.db_path), on_open=opened.append)
    ui.wait_until(lambda: opened)
    ui.idle()


def test_a_running_timer_carries_on_after_a_restart(ui) -> None:
    ui.press(ui.screen.ids.cramp_now_button)
    ui.idle()
    ui.app.state.timer_started = None  # a fresh app knows nothing of it
    ui.clock.advance(minutes=20)
    reopen(ui)
    home = ui.screen
    assert ui.app.state.timer_started == datetime(2026, 11, 22, 10, 0)
    assert home.timing and home.ids.cramp_timer.elapsed_text == "20:00"
    ui.clock.advance(minutes=1)
    ui.press(home.ids.cramp_timer.ids.stop_button)
    ui.idle()
    assert rows(ui.db_path)[0]["duration_minutes"] == 21
    reopen(ui)  # stopped means forgotten: nothing resumes
    assert ui.app.state.timer_started is None and len(rows(ui.db_path)) == 1


def test_a_timer_left_running_for_hours_is_mentioned_not_saved(ui) -> None:
    ui.press(ui.screen.ids.cramp_now_button)
    ui.idle()
    ui.app.state.timer_started = None
    ui.clock.advance(hours=3)
    reopen(ui)
    assert ui.app.state.timer_started is None and not ui.screen.timing
    bar = ui.app.root.message_bar
    assert "started at 10:00 on Sun 22 Nov was still running" in bar.text
    assert bar.action_text == "Log it"
    assert rows(ui.db_path) == []
    ui.press(bar.ids.message_action)
    ui.idle()
    assert ui.screen.name == "episode" and ui.screen.episode is None
    ui.app.back()
    ui.idle()
    reopen(ui)  # said once, then forgotten
    assert "still running" not in ui.app.root.message_bar.text


def test_enter_stops_a_running_timer(ui) -> None:
    from kivy.core.window import Window

    ui.press(ui.screen.ids.cramp_now_button)
    ui.clock.advance(minutes=1)
    Window.dispatch("on_key_down", 13, 0, None, [])
    ui.idle()
    assert len(rows(ui.db_path)) == 1


def test_week_numbers_and_last_cramps(ui) -> None:
    log(ui, started_at=datetime(2026, 11, 22, 3, 0))  # night of the 21st
    log(ui, started_at=datetime(2026, 11, 21, 23, 30))  # night of the 21st too
    log(ui, started_at=datetime(2026, 11, 19, 15, 0), context=Context.WALKING, severity_0_10=4)
    log(ui, started_at=datetime(2026, 11, 14, 3, 0))  # 8 days ago: not this week
    home = ui.screen
    home.reload()
    ui.idle()
    assert home.ids.week_cramps.number == "3"
    assert home.ids.week_days.number == "3"
    assert (home.ids.week_nights.number, home.ids.week_nights.word) == ("1", "cramp night")
    lines = [row.text for row in home.recent_rows()]
    assert len(lines) == 4
    assert lines[0].startswith("Today, 03:00")
    assert lines[1].startswith("Yesterday, 23:30")
    assert "4/10" in lines[2] and lines[2].startswith("Thu 19 Nov")

    row = home.recent_rows()[2]
    home.ids.dashboard.scroll_to(row, animate=False)
    ui.pump(3)
    ui.tap(row)
    ui.idle()
    assert ui.screen.name == "episode"
    assert ui.screen.episode.started_at == datetime(2026, 11, 19, 15, 0)
    assert ui.screen.ids.fields.ids.context_chips.value == "walking"


def test_last_cramps_are_updated_in_place(ui) -> None:
    """A save changes the lines of the last cramps; the rows (buttons) already there are reused."""
    log(ui, started_at=datetime(2026, 11, 21, 3, 0))
    log(ui, started_at=datetime(2026, 11, 20, 3, 0))
    home = ui.screen
    before = home.recent_rows()
    assert len(before) == 2
    log(ui, started_at=datetime(2026, 11, 22, 4, 0), severity_0_10=3)
    after = home.recent_rows()
    assert after[:2] == before and len(after) == 3
    assert after[0].text.startswith("Today, 04:00") and "3/10" in after[0].text
    assert after[2].text.startswith("Fri 20 Nov")
    ui.tap(after[0])
    ui.idle()
    assert ui.screen.name == "episode"
    assert ui.screen.episode.started_at == datetime(2026, 11, 22, 4, 0)


def test_a_cramp_written_by_another_program_shows_on_the_next_visit(ui) -> None:
    """The command line (another process) can write to the open diary: coming back to home
    shows it, and the warning signs are worked out again."""
    from crampdiary.cli import main as cli

    log(ui, started_at=datetime(2026, 11, 20, 3, 0))
    home = ui.screen
    assert home.ids.week_cramps.number == "1"
    ui.go("history")
    ui.idle()
    code = cli(
        [
            "--db", str(ui.db_path), "add", "--at", "2026-11-22T04:00", "--duration", "3",
            "--muscle", "foot", "--side", "right", "--severity", "6", "--context", "asleep",
        ]
    )  # fmt: skip
    assert code == 0
    asked = ui.app._warnings_asked
    ui.app.back()
    ui.wait_until(lambda: home.ids.week_cramps.number == "2")
    ui.idle()
    assert home.recent_rows()[0].text.startswith("Today, 04:00")
    assert ui.app._warnings_asked > asked


@dataclass
class FakeWarning:
    id: str
    severity: str
    title: str
    message: str
    sources: tuple[str, ...] = ("[NHS-LC] Leg cramps",)


def test_urgent_warnings_come_first_and_stay_until_acknowledged(ui) -> None:
    state = ui.app.state
    state.warnings = [
        FakeWarning("W-FREQ", "see-doctor", "Cramps that keep coming back", "Book."),
        FakeWarning("W-LOW-FLUID", "info", "Low fluids", "Mention it."),
        FakeWarning("W-DURATION-LONG", "urgent", "A very long cramp", "Get advice today."),
    ]
    ui.pump(3)
    panel = ui.screen.ids.warnings_panel
    cards = panel.cards()
    assert [c.warning_id for c in cards] == ["W-DURATION-LONG", "W-FREQ"]  # info is collapsed
    assert cards[0].needs_ack and not cards[1].needs_ack
    assert cards[0].ids.card_sources.text == ""  # sources fold away until asked for
    ui.press(cards[0].ids.sources_button)
    assert "Sources: [NHS-LC] Leg cramps" in cards[0].ids.card_sources.text
    assert panel.ids.info_toggle.text.startswith("Good to know (1)")

    ui.press(cards[0].ids.acknowledge_button)
    assert state.acknowledged == ["W-DURATION-LONG"]
    cards = panel.cards()
    assert cards[0].warning_id == "W-DURATION-LONG" and not cards[0].needs_ack

    ui.press(panel.ids.info_toggle)
    assert [c.warning_id for c in panel.cards()][-1] == "W-LOW-FLUID"
    state.acknowledged = []
    state.warnings = []


def test_warnings_are_worked_out_after_every_change(ui, monkeypatch) -> None:
    calls: list[tuple[object, date]] = []

    def current_warnings(diary, as_of):
        calls.append((diary, as_of))
        found = len(diary.episodes())
        return [
            FakeWarning("W-FREQ", "see-doctor", f"{found} cramps", "Book."),
            FakeWarning("W-CHEST", "urgent", "Chest", "Today."),
        ]

    fake = types.ModuleType("crampdiary.services.insights")
    fake.current_warnings = current_warnings  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "crampdiary.services.insights", fake)
    log(ui)
    ui.wait_until(lambda: ui.app.state.warnings)
    assert calls[-1] == (ui.app.diary, date(2026, 11, 22))
    assert [w.id for w in ui.app.state.warnings] == ["W-CHEST", "W-FREQ"]
    assert ui.app.state.warnings[1].title == "1 cramps"
    ui.app.state.warnings = []


def test_navigation_buttons(ui) -> None:
    ui.press(ui.screen.ids.nav_help)
    ui.idle()
    assert ui.screen.name == "help"
    ui.app.back()
    ui.idle()
    ui.press(ui.screen.ids.log_button)
    ui.idle()
    assert ui.screen.name == "episode" and ui.screen.episode is None


@pytest.mark.parametrize("theme", ["light", "night"])
def test_render_home(ui, theme) -> None:
    from crampdiary.services.demo import demo_document

    ui.app.theme.apply(theme)
    for size in ((1280, 800), (800, 1280)):
        ui.resize(*size)
        ui.go("home")
        ui.screenshot(SHOTS / f"empty-{theme}-{size[0]}x{size[1]}.png")
    ui.app.diary.import_document(demo_document(end=ui.clock(), months=12))
    ui.app.state.changed()  # the real warning signs of the demo diary
    ui.wait_until(lambda: ui.app.state.warnings)
    ui.screen.ids.warnings_panel.show_info = False
    for size in ((1280, 800), (800, 1280)):
        ui.resize(*size)
        ui.screen.reload()
        ui.idle()
        ui.screenshot(SHOTS / f"demo-{theme}-{size[0]}x{size[1]}.png")
    ui.app.state.warnings = [
        FakeWarning(
            "W-DURATION-LONG",
            "urgent",
            "A cramp that lasted more than 10 minutes",
            "A cramp on 20 Nov lasted 14 minutes. Get medical advice today, for example from "
            "your doctor's surgery or a non-emergency health line.",
        ),
        *ui.app.state.warnings,
    ]
    for size in ((1280, 800), (800, 1280)):
        ui.resize(*size)
        ui.screenshot(SHOTS / f"urgent-{theme}-{size[0]}x{size[1]}.png")
    ui.press(ui.screen.ids.cramp_now_button)
    ui.clock.advance(minutes=1, seconds=7)
    for size in ((1280, 800), (800, 1280)):
        ui.resize(*size)
        ui.screenshot(SHOTS / f"timer-{theme}-{size[0]}x{size[1]}.png")
    ui.press(ui.screen.ids.cramp_timer.ids.cancel_timer_button)
    ui.app.theme.apply("light")


def test_a_long_timer_is_saved_as_timed_and_asks_for_a_correction(ui) -> None:
    """Someone may fall asleep with the timer running: the time is kept as measured (no data is
    invented), and the message asks calmly whether to correct it, opening the cramp to edit."""
    home = ui.screen
    ui.press(home.ids.cramp_now_button)
    ui.clock.advance(minutes=47)
    ui.press(home.ids.cramp_timer.ids.stop_button)
    ui.idle()
    assert rows(ui.db_path)[0]["duration_minutes"] == 47
    bar = ui.app.root.message_bar
    assert "correct the time" in bar.text and bar.action_text == "Correct it"
    bar.run_action()
    ui.idle()
    assert ui.screen.name == "episode" and ui.screen.episode.duration_minutes == 47
