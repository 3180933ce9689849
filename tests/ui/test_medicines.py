"""Medicines: add by name (the type is looked up as it is typed), override the type, change
dates, see validation messages, remove and undo — checked in the database and on screen."""

from __future__ import annotations

from datetime import date

import pytest

from crampdiary.domain import Medicine, MedicineClass


def settle(ui, timeout: float = 60.0) -> None:
    """``ui.idle()`` with room for a busy shared machine, where software GL can spend seconds
    on one frame: wait until the runner has nothing left, then draw a few frames."""
    ui.wait_until(lambda: ui.app.runner.busy == 0, timeout=timeout)
    ui.pump(3)


def go(ui, name: str, **params):
    screen = ui.app.go(name, **params)
    settle(ui)
    return screen


@pytest.fixture
def medicines(ui):
    return go(ui, "medicines")


def rows(screen) -> list[dict]:
    return screen.ids.medicine_list.data


def chip(screen, label: str):
    return next(c for c in screen.ids.class_chips.children if c.text == label)


def type_name(ui, screen, text: str) -> None:
    screen.ids.name_input.text = text
    ui.pump(1)


def test_add_a_medicine_by_name(ui, medicines) -> None:
    type_name(ui, medicines, "Atorvastatin 20 mg")
    assert medicines.class_value == "statin"
    assert chip(medicines, "Cholesterol (statin)").state == "down"
    assert medicines.ids.lookup_line.text == "Type: Cholesterol (statin) (found from the name)."
    medicines.ids.started_input.text = "2026-09-13"
    ui.press(medicines.ids.save_button)
    settle(ui)
    stored = ui.app.diary.medicines()
    assert [(m.name, m.med_class, m.started_on, m.stopped_on) for m in stored] == [
        ("Atorvastatin 20 mg", MedicineClass.STATIN, date(2026, 9, 13), None)
    ]
    assert [r["name"] for r in rows(medicines)] == ["Atorvastatin 20 mg"]
    assert rows(medicines)[0]["detail"] == "Cholesterol (statin) · Since 13 Sep 2026"
    assert medicines.ids.form_message.text == "Atorvastatin 20 mg added to your list."
    assert medicines.ids.name_input.text == ""  # ready for the next one


def test_unknown_names_are_other_and_the_type_can_be_chosen(ui, medicines) -> None:
    type_name(ui, medicines, "Vitamin D")
    assert medicines.class_value == "other"
    assert "Not in our list" in medicines.ids.lookup_line.text
    ui.press(chip(medicines, "Asthma (beta-agonist)"))
    type_name(ui, medicines, "Vitamin D 1000 units")  # typing more keeps the chosen type
    assert medicines.class_value == "beta_agonist"
    assert medicines.ids.lookup_line.text == "Type: Asthma (beta-agonist) (chosen by you)."
    ui.press(medicines.ids.save_button)
    settle(ui)
    (stored,) = ui.app.diary.medicines()
    assert stored.med_class is MedicineClass.BETA_AGONIST and stored.started_on is None
    assert rows(medicines)[0]["detail"] == "Asthma (beta-agonist) · Start date not noted"


def test_bad_dates_say_what_is_wrong_and_store_nothing(ui, medicines) -> None:
    type_name(ui, medicines, "Furosemide 40 mg")
    medicines.ids.started_input.text = "13/09/2026"
    ui.press(medicines.ids.save_button)
    settle(ui)
    assert medicines.ids.form_message.text == "Start date: must be a date like 2026-08-01."
    assert medicines.message_is_error
    medicines.ids.started_input.text = "2026-09-13"
    medicines.ids.stopped_input.text = "2026-09-01"
    ui.press(medicines.ids.save_button)
    settle(ui)
    assert medicines.ids.form_message.text == "Stop date: must not be before the start date."
    medicines.ids.name_input.text = "  "
    ui.press(medicines.ids.save_button)
    settle(ui)
    assert medicines.ids.form_message.text == "Name: is required."
    assert ui.app.diary.medicines() == []


def test_change_a_medicine(ui, medicines) -> None:
    original = Medicine("Simvastatin 40 mg", MedicineClass.STATIN, date(2025, 3, 1))
    ui.app.diary.save_medicine(original)
    ui.app.state.changed()
    settle(ui)
    assert [r["name"] for r in rows(medicines)] == ["Simvastatin 40 mg"]
    medicines.pick(rows(medicines)[0]["medicine_id"])  # what tapping the row does
    ui.pump(2)
    assert medicines.ids.name_input.text == "Simvastatin 40 mg"
    assert medicines.ids.started_input.text == "2025-03-01"
    assert rows(medicines)[0]["selected"]
    ui.press(medicines.ids.stopped_today)
    assert medicines.ids.stopped_input.text == "2026-11-22"
    ui.press(medicines.ids.save_button)
    settle(ui)
    (stored,) = ui.app.diary.medicines()
    assert stored.id == original.id
    assert stored.stopped_on == date(2026, 11, 22) and stored.started_on == date(2025, 3, 1)
    assert rows(medicines)[0]["detail"] == "Cholesterol (statin) · From 1 Mar 2025 to 22 Nov 2026"
    assert medicines.ids.form_message.text == "Simvastatin 40 mg changed in your list."


def test_tapping_a_row_picks_it_and_remove_then_undo(ui, medicines) -> None:
    kept = Medicine("Bendroflumethiazide 2.5 mg", MedicineClass.DIURETIC, date(2024, 1, 5))
    ui.app.diary.save_medicine(kept)
    ui.app.state.changed()
    settle(ui)
    view = ui.wait_until(lambda: medicines.ids.medicine_list.layout_manager.children, timeout=60)[0]
    ui.tap(view)
    assert medicines.editing_id == kept.id
    assert medicines.ids.delete_button.opacity == 1
    ui.press(medicines.ids.delete_button)
    settle(ui)
    assert ui.app.diary.medicines() == []
    assert rows(medicines) == []
    bar = ui.app.root.message_bar
    assert bar.text == "Bendroflumethiazide 2.5 mg removed from your list."
    ui.press(bar.ids.message_action)
    settle(ui)
    assert ui.app.diary.medicines() == [kept]
    assert [r["medicine_id"] for r in rows(medicines)] == [kept.id]


def test_says_it_is_a_record_only(medicines) -> None:
    text = medicines.ids.record_only.text
    assert "never suggests starting, stopping or changing a medicine" in text


def test_enter_on_the_keyboard_saves(ui, medicines) -> None:
    from kivy.core.window import Window

    type_name(ui, medicines, "Indapamide 2.5 mg")
    Window.dispatch("on_key_down", 13, 0, None, [])
    settle(ui)
    (stored,) = ui.app.diary.medicines()
    assert (stored.name, stored.med_class) == ("Indapamide 2.5 mg", MedicineClass.DIURETIC)
