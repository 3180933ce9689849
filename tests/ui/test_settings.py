"""Settings (and Help): theme and text size stored in the settings table and applied; profile;
reminders through a Notifier (and a plain reason when there is none); thresholds validated and
stored under ``rules.``; export, import (with a summary, or the reason nothing changed), backup,
restore, and the fallback file picker."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from crampdiary.domain import Condition, Context, Episode, Muscle, Side
from crampdiary.platform import NullFileChooser, NullNotifier

# Kivy's UI modules are imported inside the tests, never at collection: importing a widget
# module before the session's window exists would create an 800x600 window early.


def settle(ui, timeout: float = 60.0) -> None:
    """``ui.idle()`` with room for a busy shared machine, where software GL can spend seconds
    on one frame: wait until the runner has nothing left, then draw a few frames."""
    ui.wait_until(lambda: ui.app.runner.busy == 0, timeout=timeout)
    ui.pump(3)


def go(ui, name: str, **params):
    screen = ui.app.go(name, **params)
    settle(ui)
    return screen


class FakeNotifier:
    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def notify(self, title: str, message: str) -> bool:
        self.shown.append((title, message))
        return True

    def available(self) -> bool:
        return True

    def why_unavailable(self) -> str:
        return ""


def stored_settings(ui, prefix: str) -> dict[str, str]:
    """Read the settings table of the diary file directly."""
    with sqlite3.connect(ui.db_path) as db:
        rows = db.execute("SELECT key, value FROM settings WHERE key LIKE ?", (prefix + "%",))
        return dict(rows.fetchall())


def cramp(day: int, hour: int = 3) -> Episode:
    return Episode(
        started_at=datetime(2026, 11, day, hour, 10),
        duration_minutes=2,
        muscle=Muscle.CALF,
        side=Side.LEFT,
        severity_0_10=6,
        context=Context.ASLEEP,
    )


@pytest.fixture
def settings(ui):
    screen = go(ui, "settings")
    screen.file_chooser = NullFileChooser()
    settle(ui)
    yield screen
    ui.app.theme.apply("light", 1.0)


def section(screen, name: str):
    return screen.ids[name].ids


def data_message(screen) -> str:
    return section(screen, "data_section").data_message.text


def test_switching_theme_stores_it_and_recolours_the_app(ui, settings) -> None:
    from crampdiary.ui.theme import PALETTES

    look = section(settings, "look_section")
    assert ui.app.theme.name == "light"
    light_bg = list(ui.app.theme.bg)
    ui.press(look.theme_dark)
    settle(ui)
    assert stored_settings(ui, "app.")["app.theme"] == "dark"
    assert ui.app.theme.name == "dark"
    assert list(ui.app.theme.bg) != light_bg
    assert [round(c, 3) for c in ui.app.theme.bg[:3]] == [
        round(int(PALETTES["dark"]["bg"][i : i + 2], 16) / 255, 3) for i in (1, 3, 5)
    ]
    ui.press(look.night_auto_no)
    ui.press(look.text_largest)
    settle(ui)
    stored = stored_settings(ui, "app.")
    assert stored["app.night_auto"] == "false" and stored["app.text_size"] == "largest"
    assert ui.app.theme.text_scale == pytest.approx(1.3)
    assert look.theme_dark.state == "down" and look.text_largest.state == "down"


def test_at_night_the_automatic_night_theme_is_explained(ui, settings) -> None:
    ui.clock.now = datetime(2026, 11, 22, 23, 30)
    ui.press(section(settings, "look_section").theme_light)
    settle(ui)
    assert ui.app.theme.name == "night"
    assert "stays on until 7 am" in settings.ids.look_message.text
    ui.press(section(settings, "look_section").night_auto_no)
    settle(ui)
    assert ui.app.theme.name == "light"
    assert settings.ids.look_message.text == ""


def test_profile_answers_are_saved(ui, settings) -> None:
    profile = section(settings, "profile_section")
    assert "restricted diet (e.g. low-salt" in profile.diet_yes.parent.parent.children[-2].text
    ui.press(profile.diet_yes)
    chip = next(c for c in profile.condition_grid.children if c.text == "Diabetes")
    ui.press(chip)
    settle(ui)
    stored = ui.app.diary.profile()
    assert stored.on_restricted_diet is True
    assert stored.conditions == (Condition.DIABETES,)
    ui.press(chip)
    ui.press(profile.diet_no)
    settle(ui)
    assert ui.app.diary.profile().conditions == ()
    assert ui.app.diary.profile().on_restricted_diet is False


def test_edit_a_threshold_and_restore_the_usual_values(ui, settings) -> None:
    editor = settings.threshold_editor
    row = editor.rows["recent_window_days"]
    assert row.ids.value_input.text == "14"
    row.ids.value_input.text = "21"
    editor.rows["low_fluid_litres_lt"].ids.value_input.text = "1.5"
    ui.press(section(settings, "threshold_section").save_thresholds)
    settle(ui)
    stored = stored_settings(ui, "rules.")
    assert stored["rules.recent_window_days"] == "21"
    assert stored["rules.low_fluid_litres_lt"] == "1.5"
    assert "Saved" in section(settings, "threshold_section").threshold_message.text
    ui.press(section(settings, "threshold_section").restore_defaults)
    settle(ui)
    assert stored_settings(ui, "rules.")["rules.recent_window_days"] == "14"
    assert row.ids.value_input.text == "14"


def test_an_invalid_threshold_shows_the_message_and_stores_nothing(ui, settings) -> None:
    editor = settings.threshold_editor
    editor.rows["recent_window_days"].ids.value_input.text = "30"
    editor.rows["severe_pain_min_score"].ids.value_input.text = "12"
    ui.press(section(settings, "threshold_section").save_thresholds)
    settle(ui)
    row = editor.rows["severe_pain_min_score"]
    assert row.ids.threshold_message.text == "This must be a whole number from 0 to 10."
    message = section(settings, "threshold_section").threshold_message.text
    assert message.startswith("Not saved. “Pain score that counts as very painful (0-10)”")
    assert stored_settings(ui, "rules.") == {}
    editor.rows["severe_pain_min_score"].ids.value_input.text = "lots"
    ui.press(section(settings, "threshold_section").save_thresholds)
    settle(ui)
    assert row.ids.threshold_message.text.startswith("This must be")
    assert stored_settings(ui, "rules.") == {}


def test_export_then_import_through_the_settings_handlers(ui, settings, tmp_path) -> None:
    diary = ui.app.diary
    for day in (18, 19, 20):
        diary.log_episode(cramp(day))
    out = tmp_path / "mine.json"
    settings.export_diary("json", out)
    settle(ui)
    assert out.exists()
    assert data_message(settings) == (
        f"Exported to {out}. The file holds your health details: keep it private."
    )
    assert len(json.loads(out.read_text())["episodes"]) == 3
    removed = diary.episodes()[0]
    diary.delete_episode(removed.id)
    settings.import_diary(out)
    settle(ui)
    assert data_message(settings) == (
        "Imported mine.json: 1 new cramp added, 2 already in the diary."
    )
    assert len(diary.episodes()) == 3 and diary.get_episode(removed.id) == removed
    csv_out = tmp_path / "mine.csv"
    settings.export_diary("csv", csv_out)
    settle(ui)
    settings.import_diary(csv_out)
    settle(ui)
    assert (
        data_message(settings) == "Imported mine.csv: 0 new cramps added, 3 already in the diary."
    )


def test_importing_a_bad_record_changes_nothing_and_says_why(ui, settings, tmp_path) -> None:
    diary = ui.app.diary
    diary.log_episode(cramp(20))
    good = {
        "started_at": "2026-11-10T03:10",
        "duration_minutes": 2,
        "muscle": "calf",
        "side": "left",
        "severity_0_10": 5,
        "context": "asleep",
        "eased_with_rest": None,
        "symptoms": [],
        "medications": [],
    }
    bad = {**good, "started_at": "2026-11-11T03:10", "severity_0_10": 11}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"episodes": [good, bad]}))
    settings.import_diary(path)
    settle(ui)
    text = data_message(settings)
    assert text.startswith("Nothing was imported and your diary is unchanged. In bad.json:")
    assert "severity_0_10" in text and "episodes[1]" in text
    assert section(settings, "data_section").data_message.is_error
    assert len(diary.episodes()) == 1


def test_export_without_a_file_dialog_goes_to_the_documents_folder(
    ui, settings, tmp_path, monkeypatch
) -> None:
    from crampdiary.ui.screens import settings as settings_module

    monkeypatch.setattr(settings_module, "export_folder", lambda: tmp_path / "Documents")
    ui.app.diary.log_episode(cramp(20))
    ui.press(section(settings, "data_section").format_csv)
    ui.press(section(settings, "data_section").export_button)
    settle(ui)
    written = tmp_path / "Documents" / "cramp-diary-2026-11-22.csv"
    assert written.exists()
    assert data_message(settings).startswith(f"Exported to {written}.")
    ui.press(section(settings, "data_section").export_button)  # a second time: a new name
    settle(ui)
    assert (tmp_path / "Documents" / "cramp-diary-2026-11-22-2.csv").exists()


def test_import_without_a_file_dialog_uses_our_picker(ui, settings, tmp_path, monkeypatch) -> None:
    from kivy.core.window import Window

    from crampdiary.ui.lists.file_picker import FilePickPopup
    from crampdiary.ui.screens import settings as settings_module

    ui.app.diary.log_episode(cramp(20))
    settings.export_diary("json", tmp_path / "diary.json")
    settle(ui)
    ui.app.diary.delete_episode(ui.app.diary.episodes()[0].id)
    monkeypatch.setattr(settings_module, "export_folder", lambda: tmp_path)
    ui.press(section(settings, "data_section").import_button)
    popup = ui.wait_until(
        lambda: next((w for w in Window.children if isinstance(w, FilePickPopup)), None),
        timeout=60,
    )
    ui.pump(3)
    assert [row["name"] for row in popup.ids.file_rows.data] == ["diary.json"]
    popup.picked("diary.json", False)  # what tapping the row does
    assert popup.ids.path_input.text == str(tmp_path / "diary.json")
    ui.press(popup.ids.choose_button)
    settle(ui)
    assert popup.parent is None
    assert (
        data_message(settings) == "Imported diary.json: 1 new cramp added, 0 already in the diary."
    )


def test_backup_and_restore(ui, settings) -> None:
    diary = ui.app.diary
    diary.log_episode(cramp(20))
    ui.press(section(settings, "data_section").backup_button)
    settle(ui)
    text = data_message(settings)
    assert text.startswith("Backup saved: ")
    backup = Path(text.removeprefix("Backup saved: "))
    assert backup.exists()
    diary.log_episode(cramp(21))
    settings.restore_backup(backup)
    settle(ui)
    assert len(ui.app.diary.episodes()) == 1
    assert data_message(settings).startswith(f"Your diary was restored from {backup.name}.")


def test_reminders_are_stored_and_shown_through_the_notifier(ui, settings) -> None:
    fake = FakeNotifier()
    settings.notifier = fake
    settings.ticker.notifier = fake
    settings.load()
    settle(ui)
    reminders = section(settings, "reminder_section")
    assert settings.ids.reminder_section.note == "Reminders appear only while Cramp Diary is open."
    ui.press(reminders.morning_on)
    reminders.morning_hour.text = "at 7:00"  # what picking it in the drop-down does
    settle(ui)
    stored = stored_settings(ui, "app.reminders.")
    assert stored["app.reminders.morning"] == "true"
    assert stored["app.reminders.morning_hour"] == "7"
    ui.clock.now = datetime(2026, 11, 23, 7, 0)
    due = settings.ticker.tick()
    settle(ui)
    assert [r.kind for r in due] == ["morning"]
    assert fake.shown == [("Cramp Diary", "Did cramps wake you last night?")]
    assert settings.ticker.tick() == []  # once a day


def test_without_notifications_the_reminders_say_so(ui, settings) -> None:
    settings.notifier = NullNotifier("This device has no notification service.")
    settings.load()
    settle(ui)
    note = section(settings, "reminder_section").reminder_note.text
    assert note == (
        "Reminders cannot appear on this device. This device has no notification service. "
        "Everything else works."
    )
    assert section(settings, "reminder_section").morning_on.parent.disabled


def test_help_shows_the_safety_text_with_its_references(ui) -> None:
    from crampdiary.analysis.rules import SAFETY_TEXT

    screen = go(ui, "help")
    lines = [w for w in screen.ids.safety.children if hasattr(w, "source")]
    assert len(lines) == len(SAFETY_TEXT)
    texts = {line.text: line.source for line in lines}
    chest = next(t for t in texts if t.startswith("If you have chest pain"))
    assert "[" not in chest
    assert texts[chest] == 'Source [NHS-DVT]: NHS, "Deep vein thrombosis" (beta.nhs.uk)'


def hidden(widget, screen) -> bool:
    node = widget
    while node is not None and node is not screen:
        if node.opacity == 0 or node.height == 0:
            return True
        node = node.parent
    return False


def target_problems(screen) -> tuple[int, list[str]]:
    """How many touch targets are visible, and which are under 48 dp or leave the window."""
    from kivy.core.window import Window
    from kivy.metrics import dp
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.textinput import TextInput

    checked, problems = 0, []
    for widget in screen.walk(restrict=True):
        if not isinstance(widget, ButtonBehavior | TextInput) or hidden(widget, screen):
            continue
        checked += 1
        left, _ = widget.to_window(widget.x, widget.y)
        name = f"{type(widget).__name__}({getattr(widget, 'text', '')[:30]!r})"
        if widget.height < dp(48) - 0.5:
            problems.append(f"{name} is {widget.height:.0f}px high")
        if left < -0.5 or left + widget.width > Window.width + 0.5:
            problems.append(f"{name} reaches outside the window")
    return checked, problems


def black_share(path: Path) -> float:
    """Share of pure black pixels: no palette uses #000000, so black is undrawn window."""
    from kivy.core.image import Image as CoreImage

    image = CoreImage(str(path), keep_data=True)
    width, height = image.size
    points = [(x, y) for x in range(0, width, 32) for y in range(0, height, 32)]
    black = sum(1 for x, y in points if tuple(image.read_pixel(x, y)[:3]) == (0, 0, 0))
    return black / len(points)


@pytest.mark.parametrize("name", ["history", "medicines", "settings", "help"])
def test_screens_render_on_laptop_and_tablet_in_light_and_night(ui, name, tmp_path) -> None:
    import os

    from crampdiary.services.demo import demo_document

    ui.app.diary.import_document(demo_document(end=ui.clock(), months=12))
    ui.app.state.changed()
    shots = Path(os.environ.get("CRAMPDIARY_SHOTS", tmp_path))
    try:
        for theme in ("light", "night"):
            ui.app.theme.apply(theme)
            for width, height in ((1280, 800), (800, 1280)):
                ui.resize(width, height)
                screen = go(ui, name)
                settle(ui)
                checked, problems = target_problems(screen)
                assert problems == [], (theme, width)
                assert checked >= (0 if name == "help" else 10)
                shot = ui.screenshot(shots / f"{name}-{theme}-{width}x{height}.png")
                assert black_share(shot) < 0.01  # the whole window was drawn
    finally:
        ui.app.theme.apply("light")
        ui.resize(1280, 800)
