"""The app shell: opens a diary, shows home with its data, navigates and goes back, works out the
warning signs in the background, and lets a screen handle a failed write itself."""

from __future__ import annotations

from datetime import datetime

from crampdiary.domain import Context, Episode, Muscle, Side


def test_home_shows_the_diary_data(ui) -> None:
    diary = ui.app.diary
    diary.log_episode(
        Episode(
            started_at=datetime(2026, 11, 21, 3, 10),
            duration_minutes=2,
            muscle=Muscle.CALF,
            side=Side.LEFT,
            severity_0_10=7,
            context=Context.ASLEEP,
        )
    )
    ui.app.state.changed()
    ui.idle()
    home = ui.screen
    assert home.name == "home"
    assert (home.ids.week_cramps.number, home.ids.week_cramps.word) == ("1", "cramp")
    assert (home.ids.week_days.number, home.ids.week_days.word) == ("1", "cramp day")
    assert home.ids.week_nights.number == "1"
    assert "7/10" in home.recent_rows()[0].text


def test_escape_goes_back_to_home(ui) -> None:
    from kivy.core.window import Window

    ui.go("help")
    assert ui.screen.name == "help"
    Window.dispatch("on_key_down", 27, 0, None, [])
    ui.pump(2)
    assert ui.screen.name == "home"


def test_ctrl_n_opens_a_new_cramp_form(ui) -> None:
    from kivy.core.window import Window

    Window.dispatch("on_key_down", ord("n"), 0, "n", ["ctrl"])
    ui.idle()
    assert ui.screen.name == "episode"
    assert ui.screen.episode is None


def test_warnings_follow_the_diary(ui) -> None:
    """A cramp in the chest today raises the urgent W-CHEST sign; deleting it clears it."""
    from datetime import datetime

    from crampdiary.domain import Context, Episode, Muscle, Side

    assert ui.app.state.warnings == []
    episode = Episode(
        started_at=datetime(2026, 11, 22, 9, 0),
        duration_minutes=1,
        muscle=Muscle.CHEST,
        side=Side.NOT_APPLICABLE,
        severity_0_10=4,
        context=Context.RESTING,
    )
    ui.app.write(lambda: ui.app.diary.log_episode(episode))
    ui.wait_until(lambda: [w.id for w in ui.app.state.warnings] == ["W-CHEST"])
    assert ui.app.state.warnings[0].severity == "urgent"
    ui.app.write(lambda: ui.app.diary.delete_episode(episode.id))
    ui.wait_until(lambda: ui.app.state.warnings == [])


def test_write_failures_can_be_handled_by_the_screen(ui) -> None:
    handled: list[BaseException] = []
    version = ui.app.state.data_version

    def fails():
        raise OSError("disk full")

    ui.app.write(fails, on_error=lambda e: handled.append(e) or True)
    ui.idle()
    assert [str(e) for e in handled] == ["disk full"]
    assert ui.app.root.message_bar.text == ""  # the screen said it handled it
    assert ui.app.state.data_version == version

    ui.app.write(fails, what="save the cramp")
    ui.idle()
    assert ui.app.root.message_bar.text == "Could not save the cramp: disk full"


def test_warnings_are_worked_out_once_per_change_and_day(ui, monkeypatch) -> None:
    """Home reloads on a change and on every visit; the warning signs are worked out once for
    each change of the data (or of the day), in the same background task as home's numbers."""
    import sys
    import types
    from datetime import date

    calls: list[date] = []

    def current_warnings(_diary, as_of):
        calls.append(as_of)
        return []

    fake = types.ModuleType("crampdiary.services.insights")
    fake.current_warnings = current_warnings  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "crampdiary.services.insights", fake)

    ui.app.write(lambda: None)  # a change: data_version moves on
    ui.idle()
    assert calls == [date(2026, 11, 22)]
    ui.go("help")
    ui.go("home")  # the same data on the same day: nothing to work out again
    assert calls == [date(2026, 11, 22)]
    ui.clock.advance(days=1)
    ui.go("help")
    ui.go("home")  # a new day: rules that count days may say something else
    assert calls == [date(2026, 11, 22), date(2026, 11, 23)]


def other_diary(ui, cramps: int, settings: dict[str, str] | None = None):
    """Another diary file with ``cramps`` cramps on the night of the 21st."""
    from crampdiary.services import Diary

    path = ui.db_path.with_name("other.db")
    diary = Diary.open(path)
    diary.save_settings(settings or {})
    for hour in range(1, cramps + 1):
        diary.log_episode(
            Episode(
                started_at=datetime(2026, 11, 21, hour, 0),
                duration_minutes=2,
                muscle=Muscle.CALF,
                side=Side.LEFT,
                severity_0_10=5,
                context=Context.ASLEEP,
            )
        )
    diary.close()
    return path


def open_and_wait(ui, path) -> None:
    opened: list = []
    ui.app.open_diary(str(path), on_open=opened.append)
    ui.wait_until(lambda: opened)
    ui.idle()


def test_home_shows_nothing_of_a_diary_until_its_data_is_here(ui) -> None:
    """Opening another diary never shows the one before's numbers (or zeros) in the meantime."""
    other = other_diary(ui, 3)
    home = ui.screen
    body = home.ids.home_body
    assert home.loaded and body.children  # the empty diary's home
    shown: list[tuple[bool, str]] = []
    body.bind(children=lambda *_a: shown.append((home.loaded, home.ids.week_cramps.number)))
    open_and_wait(ui, other)
    assert home.loaded and body.children
    assert shown[0] == (False, "0")  # hidden as soon as the other diary was open
    assert [s for s in shown if s[0]] == [(True, "3")]  # shown again only with its numbers


def test_home_appears_with_its_data_and_the_theme_in_one_go(ui) -> None:
    """Opened from another screen (as at start-up): home becomes the screen only once its
    numbers, last cramps and warnings are there, and the diary's theme comes with it."""
    other = other_diary(ui, 2, {"app.theme": "dark", "app.night_auto": "false"})
    ui.go("help")
    navigator, home = ui.app.root.navigator, ui.app.root.navigator.get_screen("home")
    seen: list[tuple] = []

    def current(*_args) -> None:
        rows = len(home.recent_rows())
        seen.append((navigator.current, home.loaded, home.ids.week_cramps.number, rows))
        seen.append(("theme", ui.app.theme.name))

    navigator.bind(current=current)
    open_and_wait(ui, other)
    navigator.unbind(current=current)
    assert seen == [("home", True, "2", 2), ("theme", "dark")]
    open_and_wait(ui, ui.db_path)  # back to the first diary, and its (default) light theme
    assert ui.app.theme.name == "light" and home.ids.week_cramps.number == "0"


def test_the_busy_line_shows_only_for_work_that_takes_a_while(ui) -> None:
    """A save and home's reload take hundredths of a second: a line flashing on and off would only
    redraw the window twice. Longer work shows it, and it goes as soon as the work is done."""
    import threading
    import time

    from crampdiary.ui.app_shell import BUSY_LINE_AFTER_S

    root, runner = ui.app.root, ui.app.runner
    seen: list[int] = []
    runner.submit(lambda: None)
    ui.wait_until(lambda: seen.append(root.busy) or runner.busy == 0)
    ui.pump(3)
    assert set(seen) == {0} and root.busy == 0

    release = threading.Event()
    started = time.monotonic()
    runner.submit(lambda: release.wait(30))
    ui.pump(1)
    if time.monotonic() - started < BUSY_LINE_AFTER_S * 0.8:  # a slow frame proves nothing
        assert root.busy == 0  # not yet
    ui.wait_until(lambda: root.busy == 1, timeout=BUSY_LINE_AFTER_S * 40)
    release.set()
    ui.wait_until(lambda: runner.busy == 0)
    ui.pump(2)
    assert root.busy == 0


def test_what_start_up_loaded_is_set_aside_from_garbage_collection(ui) -> None:
    """Once the diary is open, a full collection no longer walks Kivy, SQLAlchemy and the
    screens again (it paused the window for 60-90 ms on the first visit to Insights)."""
    import gc

    ui.wait_until(lambda: gc.get_freeze_count() > 10_000, timeout=10)
