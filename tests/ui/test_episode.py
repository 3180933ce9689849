"""The cramp form: the body map on the real widget, quick start times, validation beside the
field, saving, editing, deleting with undo, keyboard, and a failed write that keeps the answers.
Real window, real screens, real diary file (read back with sqlite3)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from crampdiary.domain import Medicine, MedicineClass, Muscle, Side
from tests.ui.diary_files import log, rows, when

SHOTS = Path("/tmp/shots/episode")


def touch_at(ui, x: float, y: float) -> None:
    """A real touch at window coordinates, through the window's dispatch."""
    from kivy.tests.common import UnitTestTouch

    touch = UnitTestTouch(x, y)
    touch.touch_down()
    ui.pump(1)
    touch.touch_up()
    ui.pump(2)


def new_form(ui):
    form = ui.go("episode", episode=None)
    ui.idle()
    return form


def fields(form):
    return form.ids.fields.ids


def fill_required(ui, form, severity: int = 6, context: str = "resting") -> None:
    ui.press(form.ids.muscle_chips.chip("calf"))
    ui.press(form.ids.side_chips.chip("left"))
    ui.press(fields(form).severity_scale.button(severity))
    ui.press(fields(form).context_chips.chip(context))


# --- pure helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "hour", "expected"),
    [
        (datetime(2026, 11, 22, 10, 0), 3, datetime(2026, 11, 22, 3, 0)),  # night of the 21st
        (datetime(2026, 11, 22, 23, 30), 3, datetime(2026, 11, 22, 3, 0)),
        (datetime(2026, 11, 22, 2, 0), 3, datetime(2026, 11, 21, 3, 0)),
        (datetime(2026, 11, 22, 3, 0), 3, datetime(2026, 11, 22, 3, 0)),
        (datetime(2026, 1, 1, 0, 30), 5, datetime(2025, 12, 31, 5, 0)),
    ],
)
def test_last_night_at_is_the_latest_such_hour_not_after_now(kivy_app, now, hour, expected) -> None:
    # Imported here: importing Kivy widgets before the session app would open the window early.
    from crampdiary.ui.widgets.episode_fields import last_night_at

    assert last_night_at(now, hour) == expected


def test_quick_starts(kivy_app) -> None:
    from crampdiary.ui.widgets.episode_fields import quick_start

    now = datetime(2026, 11, 22, 10, 7, 42)
    assert quick_start(now, "now") == datetime(2026, 11, 22, 10, 7)
    assert quick_start(now, "15m") == datetime(2026, 11, 22, 9, 52)
    assert quick_start(now, "1h") == datetime(2026, 11, 22, 9, 7)


# --- the form -------------------------------------------------------------------------------


def test_log_afterwards_with_the_body_map(ui) -> None:
    form = new_form(ui)
    body = form.ids.body_map
    touch_at(ui, *body.region_centre(Muscle.CALF, Side.LEFT))
    assert (form.muscle, form.side) == ("calf", "left")
    assert form.ids.muscle_chips.value == "calf"
    assert form.ids.side_chips.value == "left"
    assert "Calf (left)" in form.ids.where_label.text

    ui.tap(fields(form).night_quick.chip("3"))
    assert fields(form).start_picker.value == datetime(2026, 11, 22, 3, 0)
    assert fields(form).start_picker.day_text.startswith("Today")
    assert fields(form).context_chips.value == "asleep"  # chosen with "last night"
    ui.press(fields(form).severity_scale.button(7))
    ui.press(fields(form).context_chips.chip("asleep"))
    ui.tap(form.ids.save_button)
    ui.idle()

    [row] = rows(ui.db_path)
    assert (row["muscle"], row["side"], row["severity_0_10"], row["context"]) == (
        "calf",
        "left",
        7,
        "asleep",
    )
    # 03:00 on the 22nd: the night that began on the previous date (spec §2.2 N(e)).
    assert when(row) == datetime(2026, 11, 22, 3, 0)
    assert row["duration_minutes"] == 1  # the form's default
    assert ui.screen.name == "home"
    assert ui.app.root.message_bar.text.startswith("Saved: calf (left), 1 min, 7/10")
    ui.wait_until(lambda: ui.screen.recent_rows())
    assert "7/10" in ui.screen.recent_rows()[0].text


def test_last_night_before_dawn_is_the_previous_date(ui) -> None:
    ui.clock.now = datetime(2026, 11, 22, 2, 0)
    form = new_form(ui)
    fill_required(ui, form, context="asleep")
    ui.press(fields(form).night_quick.chip("4"))
    ui.press(form.ids.save_button)
    ui.idle()
    assert when(rows(ui.db_path)[0]) == datetime(2026, 11, 21, 4, 0)


def test_every_region_can_be_tapped_on_both_views(ui) -> None:
    from crampdiary.domain import body_map

    form = new_form(ui)
    body = form.ids.body_map
    for view in body_map.VIEWS:
        for region in body_map.regions(view):
            touch_at(ui, *body.region_centre(region.muscle, region.side))
            assert (form.muscle, form.side) == (region.muscle.value, region.side.value)


def test_a_tap_just_outside_a_small_region_still_picks_it(ui) -> None:
    from kivy.metrics import dp

    form = new_form(ui)
    body = form.ids.body_map
    x, _y = body.region_centre(Muscle.FOOT, Side.RIGHT)
    bx, by, _bw, bh = body.box("front")
    # Straight down from the right foot (the viewer's left on the front view), below the sole.
    touch_at(ui, x, by - dp(8))
    assert (form.muscle, form.side) == ("foot", "right")
    touch_at(ui, bx - dp(60), by + bh / 2)  # far from the body: nothing changes
    assert (form.muscle, form.side) == ("foot", "right")


def test_a_future_start_is_explained_beside_the_time_and_nothing_is_saved(ui) -> None:
    form = new_form(ui)
    fill_required(ui, form)
    ui.press(fields(form).start_picker.ids.day_forward)
    assert fields(form).start_picker.day_text.startswith("Tomorrow")
    ui.press(form.ids.save_button)
    ui.idle()
    assert form.error_text("when_error") == "The start time is in the future."
    assert form.form_message == "Please check the answer marked in red."
    assert rows(ui.db_path) == []
    assert ui.screen is form
    assert fields(form).severity_scale.value == 6  # answers kept

    ui.press(fields(form).start_picker.ids.day_back)
    ui.press(form.ids.save_button)
    ui.idle()
    assert len(rows(ui.db_path)) == 1
    assert form.error_text("when_error") == ""


def test_absurd_fluids_are_explained_beside_the_fluids(ui) -> None:
    form = new_form(ui)
    fill_required(ui, form)
    fields(form).fluids_stepper.ids.value_input.text = "50"
    ui.press(form.ids.save_button)
    ui.idle()
    assert form.error_text("fluids_error") == "Drinks must be at most 20 litres."
    assert form.error_text("when_error") == ""
    assert rows(ui.db_path) == []

    ui.press(fields(form).fluids_stepper.ids.minus_button)  # clamps into range
    assert fields(form).fluids_stepper.text == "20"
    ui.press(fields(form).fluids_stepper.ids.unknown_button)
    assert fields(form).fluids_stepper.text == ""
    ui.press(fields(form).fluids_stepper.ids.plus_button)
    assert fields(form).fluids_stepper.text == "1.5"
    ui.press(form.ids.save_button)
    ui.idle()
    assert rows(ui.db_path)[0]["hydration_litres_24h"] == 1.5


def test_every_problem_is_shown_beside_its_field_at_once(ui) -> None:
    form = new_form(ui)
    fields(form).exercise_stepper.ids.value_input.text = "2000"
    ui.press(form.ids.save_button)
    ui.idle()
    assert form.error_text("where_error").startswith("Tap where the cramp was")
    assert form.error_text("severity_error") == "Choose a number from 0 to 10."
    assert form.error_text("context_error") == "Choose what you were doing."
    assert form.error_text("exercise_error") == "Exercise must be at most 1440 minutes."
    assert form.error_text("when_error") == ""
    assert form.form_message == "Please check the answers marked in red."
    fields(form).exercise_stepper.ids.value_input.text = "40"
    ui.press(form.ids.muscle_chips.chip("thigh_back"))
    assert form.where_text == "Back of thigh: choose the side."
    ui.press(form.ids.save_button)
    assert form.error_text("where_error") == "Choose left, right or both."
    assert form.error_text("exercise_error") == ""
    ui.press(form.ids.side_chips.chip("both"))
    ui.press(fields(form).severity_scale.button(0))
    ui.press(form.ids.save_button)
    assert form.error_text("where_error") == form.error_text("severity_error") == ""
    assert form.error_text("context_error") == "Choose what you were doing."
    assert form.form_message == "Please check the answer marked in red."
    assert rows(ui.db_path) == []
    ui.press(fields(form).context_chips.chip("walking"))
    ui.press(fields(form).eased_chips.chip("yes"))
    ui.press(fields(form).symptom_chips.chip("tingling"))
    ui.press(fields(form).symptom_chips.chip("swelling"))
    ui.press(fields(form).duration_quick.chip("10"))
    fields(form).notes_input.text = "Long walk — uphill ✓"
    ui.press(form.ids.save_button)
    ui.idle()
    [row] = rows(ui.db_path)
    assert (row["muscle"], row["side"], row["severity_0_10"]) == ("thigh_back", "both", 0)
    assert row["exercise_minutes_24h"] == 40
    assert row["eased_with_rest"] == 1 and row["duration_minutes"] == 10
    assert json.loads(row["symptoms"]) == ["swelling", "tingling"]
    assert row["notes"] == "Long walk — uphill ✓"


def test_medicines_are_prefilled_for_the_day_and_can_be_added_by_name(ui) -> None:
    diary = ui.app.diary
    diary.save_medicine(Medicine("Amlodipine 5 mg", MedicineClass.OTHER_BLOOD_PRESSURE))
    diary.save_medicine(
        Medicine("Atorvastatin 20 mg", MedicineClass.STATIN, started_on=date(2026, 11, 22))
    )
    form = new_form(ui)
    chips = fields(form).medicine_chips
    labels = {value: label for value, label in chips.options}
    chosen = sorted(labels[v] for v in chips.values)
    assert chosen == [
        "Amlodipine 5 mg · Other blood pressure",
        "Atorvastatin 20 mg · Cholesterol (statin)",
    ]

    ui.press(fields(form).start_picker.ids.day_back)  # the day before the statin began
    assert sorted(labels[v] for v in chips.values) == ["Amlodipine 5 mg · Other blood pressure"]

    fields(form).medicine_input.text = "Furosemide 40 mg"
    ui.press(fields(form).add_medicine_button)
    assert "Furosemide 40 mg · Water tablet (diuretic)" in [label for _v, label in chips.options]
    fill_required(ui, form)
    ui.press(form.ids.save_button)
    ui.idle()
    meds = json.loads(rows(ui.db_path)[0]["medications"])
    assert sorted((m["name"], m["class"]) for m in meds) == [
        ("Amlodipine 5 mg", "other_blood_pressure"),
        ("Furosemide 40 mg", "diuretic"),
    ]


def test_edit_from_home_changes_the_row_and_home(ui) -> None:
    episode = log(ui, hydration_litres_24h=1.25, symptoms=())
    home = ui.screen
    ui.wait_until(lambda: home.recent_rows())
    ui.tap(home.recent_rows()[0])
    ui.idle()
    form = ui.screen
    assert form.name == "episode" and form.episode.id == episode.id
    assert fields(form).severity_scale.value == 7
    assert fields(form).fluids_stepper.text == "1.25"
    assert form.ids.delete_button.opacity == 1
    ui.press(fields(form).severity_scale.button(9))
    ui.press(form.ids.save_button)
    ui.idle()
    [row] = rows(ui.db_path)
    assert row["id"] == episode.id and row["severity_0_10"] == 9
    assert row["hydration_litres_24h"] == 1.25
    assert ui.screen.name == "home"
    ui.wait_until(lambda: "9/10" in home.recent_rows()[0].text)


def test_delete_from_the_form_then_undo(ui) -> None:
    episode = log(ui)
    form = ui.go("episode", episode=episode)
    ui.press(form.ids.delete_button)
    ui.idle()
    assert rows(ui.db_path) == []
    assert ui.screen.name == "home"
    bar = ui.app.root.message_bar
    assert (bar.text, bar.action_text) == ("Cramp deleted.", "Undo")
    ui.wait_until(lambda: not ui.screen.recent_rows())
    ui.press(bar.ids.message_action)
    ui.idle()
    [row] = rows(ui.db_path)
    assert row["id"] == episode.id and row["severity_0_10"] == 7
    ui.wait_until(lambda: ui.screen.recent_rows())


def test_ctrl_n_opens_an_empty_form_and_enter_saves_it(ui) -> None:
    from kivy.core.window import Window

    Window.dispatch("on_key_down", ord("n"), 0, "n", ["ctrl"])
    ui.idle()
    form = ui.screen
    assert form.name == "episode" and form.episode is None
    assert form.ids.delete_button.opacity == 0
    fill_required(ui, form)
    fields(form).notes_input.focus = True
    Window.dispatch("on_key_down", 13, 0, None, [])
    ui.idle()
    assert rows(ui.db_path) == []  # Enter in the notes is a new line, not Save
    fields(form).notes_input.focus = False
    Window.dispatch("on_key_down", 13, 0, None, [])
    ui.idle()
    assert len(rows(ui.db_path)) == 1
    assert ui.screen.name == "home"


def test_turning_the_tablet_keeps_the_answers_and_the_layout_follows(ui) -> None:
    form = new_form(ui)
    assert form.wide and form.ids.map_panel.parent is form.ids.form_body.__self__
    fill_required(ui, form, severity=3)
    fields(form).notes_input.text = "turned"
    ui.resize(800, 1280)
    assert not form.wide
    assert form.ids.map_panel.parent is form.ids.single_column.__self__
    assert form.ids.fields_column.parent is form.ids.single_column.__self__
    assert fields(form).severity_scale.value == 3 and fields(form).notes_input.text == "turned"
    assert (form.muscle, form.side) == ("calf", "left")
    touch_at(ui, *form.ids.body_map.region_centre(Muscle.HAND, Side.RIGHT))
    assert (form.muscle, form.side) == ("hand", "right")  # the map still answers taps
    ui.resize(1280, 800)
    assert form.wide and form.ids.fields_column.parent is form.ids.fields_scroll.__self__
    ui.press(form.ids.save_button)
    ui.idle()
    [row] = rows(ui.db_path)
    assert (row["muscle"], row["severity_0_10"], row["notes"]) == ("hand", 3, "turned")


def test_reopening_the_form_clears_old_messages(ui) -> None:
    form = new_form(ui)
    ui.press(form.ids.save_button)
    assert form.error_text("where_error") and form.form_message
    form = new_form(ui)
    assert form.error_text("where_error") == "" and form.form_message == ""
    assert form.error_text("severity_error") == ""


def test_a_failed_write_keeps_every_answer(ui, monkeypatch) -> None:
    form = new_form(ui)
    fill_required(ui, form, severity=8)
    fields(form).notes_input.text = "kept"
    diary = ui.app.diary

    def disk_full(_episode):
        raise OSError("disk full")

    monkeypatch.setattr(diary, "log_episode", disk_full)
    ui.press(form.ids.save_button)
    ui.idle()
    assert ui.screen is form
    assert "Your answers are still here" in form.form_message
    assert "disk full" in ui.app.root.message_bar.text
    assert fields(form).severity_scale.value == 8 and fields(form).notes_input.text == "kept"
    assert not form.saving

    monkeypatch.undo()
    ui.press(form.ids.save_button)
    ui.idle()
    [row] = rows(ui.db_path)
    assert row["notes"] == "kept" and row["severity_0_10"] == 8


@pytest.mark.parametrize("theme", ["light", "night"])
def test_render_the_form(ui, theme) -> None:
    diary = ui.app.diary
    diary.save_medicine(Medicine("Amlodipine 5 mg", MedicineClass.OTHER_BLOOD_PRESSURE))
    episode = log(
        ui,
        hydration_litres_24h=1.5,
        symptoms=(),
        notes="Woke me at 3 — stretched it out.",
    )
    ui.app.theme.apply(theme)
    for size in ((1280, 800), (800, 1280)):
        ui.resize(*size)
        form = new_form(ui)
        touch_at(ui, *form.ids.body_map.region_centre(Muscle.CALF, Side.LEFT))
        ui.press(fields(form).start_picker.ids.day_forward)
        ui.press(form.ids.save_button)  # a start in the future: the error shows
        ui.idle()
        name = f"{theme}-{size[0]}x{size[1]}"
        ui.screenshot(SHOTS / f"new-error-{name}.png")
        form = ui.go("episode", episode=episode)
        scroll = form.ids.fields_scroll if form.wide else form.ids.single_scroll
        for step, position in enumerate((1.0, 0.6, 0.3, 0.0)):
            scroll.scroll_y = position
            ui.screenshot(SHOTS / f"edit-{step}-{name}.png")
    ui.app.theme.apply("light")


def test_leaving_unsaved_answers_offers_them_back(ui) -> None:
    """Cancel, Esc or Back with answers given: nothing is saved, and "Bring it back" reopens the
    form exactly as it was left; then Save keeps them."""
    from kivy.core.window import Window

    form = new_form(ui)
    fill_required(ui, form, severity=8, context="walking")
    fields(form).notes_input.text = "Half asleep, pressed the wrong thing"
    Window.dispatch("on_key_down", 27, 0, None, [])  # Esc
    ui.idle()
    assert ui.screen.name == "home" and rows(ui.db_path) == []
    bar = ui.app.root.message_bar
    assert (bar.text, bar.action_text) == ("This cramp was not saved.", "Bring it back")
    ui.press(bar.ids.message_action)
    ui.idle()
    assert ui.screen is form
    assert fields(form).notes_input.text == "Half asleep, pressed the wrong thing"
    assert (form.muscle, form.side) == ("calf", "left")
    ui.press(form.ids.save_button)
    ui.idle()
    [row] = rows(ui.db_path)
    assert row["severity_0_10"] == 8 and row["context"] == "walking"
    assert row["notes"] == "Half asleep, pressed the wrong thing"


def test_leaving_an_untouched_form_says_nothing(ui) -> None:
    log(ui)  # a last cramp: the new form fills in its muscle by itself
    bar = ui.app.root.message_bar
    bar.text = ""
    form = new_form(ui)
    ui.wait_until(lambda: form.muscle == "calf")
    ui.press(form.ids.cancel_button)
    ui.idle()
    assert ui.screen.name == "home" and bar.text == ""


def test_changes_to_a_saved_cramp_can_be_brought_back_but_not_after_another_form(ui) -> None:
    episode = log(ui)
    form = ui.go("episode", episode=episode)
    ui.idle()
    ui.press(fields(form).severity_scale.button(3))
    ui.press(form.ids.cancel_button)
    ui.idle()
    bar = ui.app.root.message_bar
    assert (bar.text, bar.action_text) == ("Your changes were not saved.", "Bring it back")
    assert rows(ui.db_path)[0]["severity_0_10"] == 7
    action = bar._action
    assert action is not None
    new_form(ui)  # the form is used for something else meanwhile
    ui.app.back()
    ui.idle()
    action()
    ui.idle()
    assert ui.screen.name == "home"
    assert bar.text == "Those answers are gone: the form has been used since."
