"""The app shell: opens a diary, shows home with its data, navigates and goes back."""

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
    ui.screen.reload()
    ui.idle()
    assert ui.screen.name == "home"
    assert "1 cramp on 1 day" in ui.screen.ids.week_summary.text
    assert "7/10" in ui.screen.ids.recent_list.text


def test_escape_goes_back_to_home(ui) -> None:
    from kivy.core.window import Window

    ui.go("help")
    assert ui.screen.name == "help"
    Window.dispatch("on_key_down", 27, 0, None, [])
    ui.pump(2)
    assert ui.screen.name == "home"
