"""Settings: about you (diet, conditions), look (theme, night switch, text size), reminders,
your data (backup, restore, export, import) and the warning thresholds.

Every change is saved at once, off the UI thread. Preferences live in the diary's settings table
(``app.*``, ``app.reminders.*``, ``rules.*``). Files are chosen with the system's dialog where
there is one (``platform.FileChooser``, called through the runner because it blocks), else with
our own picker; an export without a dialog goes to the documents folder and says where.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.factory import Factory
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.analysis.config import CONFIG_FIELDS, RuleConfig
from crampdiary.domain import Condition, Profile, ValidationError
from crampdiary.domain.enums import CONDITION_LABELS
from crampdiary.platform import default_file_chooser, default_notifier
from crampdiary.platform.reminders import (
    FLUIDS_CHOICES,
    MORNING_HOURS,
    ReminderPlan,
)
from crampdiary.reports.interchange import InvalidRecord
from crampdiary.services.insights import reset_rule_config, rule_config, save_rule_config
from crampdiary.ui.app_shell import PREF_NIGHT_AUTO, PREF_TEXT, PREF_THEME, default_export_folder
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import settings_data, settings_sections  # noqa: F401  (kv classes)
from crampdiary.ui.lists.file_picker import FilePickPopup
from crampdiary.ui.lists.reminder_ticker import start_reminders
from crampdiary.ui.theme import is_night

HOUR_WORDS = {hour: f"at {hour}:00" for hour in MORNING_HOURS}
EVERY_WORDS = {n: f"every {n} hour{'s' if n != 1 else ''}" for n in FLUIDS_CHOICES}
DIARY_FILES = (("Diary files (JSON or CSV)", ("*.json", "*.csv")),)
LABELS = {spec.key: spec.label for spec in CONFIG_FIELDS}


def export_folder() -> Path:
    """Where exports go when there is no file dialog (tests point it elsewhere)."""
    return default_export_folder()


def free_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``… if a file is already there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


class SettingsScreen(Screen):
    landscape = BooleanProperty(True)
    diet = BooleanProperty(False)
    conditions = ListProperty()
    profile_message = StringProperty("")
    theme_name = StringProperty("light")
    night_auto = BooleanProperty(True)
    text_size_name = StringProperty("normal")
    look_message = StringProperty("")
    reminders_available = BooleanProperty(True)
    reminders_note = StringProperty("")
    morning_on = BooleanProperty(False)
    morning_hour = StringProperty(HOUR_WORDS[8])
    fluids_on = BooleanProperty(False)
    fluids_every = StringProperty(EVERY_WORDS[2])
    hour_choices = ListProperty(list(HOUR_WORDS.values()))
    every_choices = ListProperty(list(EVERY_WORDS.values()))
    export_format = StringProperty("json")
    data_message = StringProperty("")
    data_is_error = BooleanProperty(False)
    threshold_message = StringProperty("")
    threshold_is_error = BooleanProperty(False)

    def __init__(self, **kwargs) -> None:
        self.notifier = default_notifier()
        self.file_chooser = default_file_chooser()
        self._chips: dict[str, Any] = {}
        self._loading = False
        super().__init__(**kwargs)

    def on_kv_post(self, base_widget) -> None:
        grid = self.ids.profile_section.ids.condition_grid
        for condition, label in CONDITION_LABELS.items():
            chip = Factory.CdToggle(text=label)
            chip.bind(on_release=lambda _c, value=condition.value: self.toggle_condition(value))
            grid.add_widget(chip)
            self._chips[condition.value] = chip
        reminders = self.ids.reminder_section.ids
        reminders.morning_hour.bind(text=lambda _s, text: self.set_morning_hour(text))
        reminders.fluids_every.bind(text=lambda _s, text: self.set_fluids_every(text))
        self.bind(conditions=self._show_conditions, size=self._layout_changed)
        self.ticker = start_reminders(App.get_running_app(), self.notifier)

    def _layout_changed(self, *_args) -> None:
        self.landscape = self.width >= self.height

    @property
    def threshold_editor(self):
        return self.ids.threshold_section.ids.threshold_editor

    # --- loading --------------------------------------------------------------------------

    def on_pre_enter(self, *_args) -> None:
        self.profile_message = self.look_message = self.data_message = ""
        self.threshold_message = ""
        self.load()

    def load(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        if diary is None:
            return
        notifier = self.notifier

        def work():
            try:
                rules = rule_config(diary)
            except ValidationError:
                rules = RuleConfig()
            available = notifier.available()
            return (
                diary.profile(),
                diary.settings("app."),
                rules.to_settings(),
                available,
                "" if available else notifier.why_unavailable(),
            )

        app.runner.submit(work, self._show)

    def _show(self, loaded) -> None:
        profile, prefs, rules, available, why = loaded
        self._loading = True
        try:
            self.diet = profile.on_restricted_diet
            self.conditions = [c.value for c in profile.conditions]
            self.theme_name = prefs.get(PREF_THEME, "light")
            self.night_auto = prefs.get(PREF_NIGHT_AUTO, "true") == "true"
            self.text_size_name = prefs.get(PREF_TEXT, "normal")
            plan = ReminderPlan.from_settings(prefs)
            self.morning_on, self.fluids_on = plan.morning, plan.fluids
            self.morning_hour = HOUR_WORDS[plan.morning_hour]
            self.fluids_every = EVERY_WORDS[plan.fluids_every_hours]
            self.reminders_available = available
            self.reminders_note = (
                "Reminders appear only while Cramp Diary is open."
                if available
                else f"Reminders cannot appear on this device. {why} Everything else works."
            )
            self.threshold_editor.show(rules)
        finally:
            self._loading = False

    # --- about you ------------------------------------------------------------------------

    def set_diet(self, value: bool) -> None:
        self.diet = value
        self.save_profile()

    def toggle_condition(self, value: str) -> None:
        chosen = set(self.conditions) ^ {value}
        self.conditions = [c.value for c in Condition if c.value in chosen]
        self._show_conditions()
        self.save_profile()

    def _show_conditions(self, *_args) -> None:
        for value, chip in self._chips.items():
            chip.state = "down" if value in self.conditions else "normal"

    def save_profile(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        profile = Profile(
            on_restricted_diet=self.diet,
            conditions=tuple(Condition(c) for c in self.conditions),
        )

        def saved(_profile) -> None:
            self.profile_message = "Saved."

        app.write(lambda: diary.save_profile(profile), saved, what="save your details")

    # --- look -----------------------------------------------------------------------------

    def set_theme(self, name: str) -> None:
        self.theme_name = name
        self.save_look()

    def set_night_auto(self, value: bool) -> None:
        self.night_auto = value
        self.save_look()

    def set_text_size(self, name: str) -> None:
        self.text_size_name = name
        self.save_look()

    def save_look(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        values = {
            PREF_THEME: self.theme_name,
            PREF_NIGHT_AUTO: "true" if self.night_auto else "false",
            PREF_TEXT: self.text_size_name,
        }

        def work():
            diary.save_settings(values)
            return diary.settings("app.")

        def saved(prefs) -> None:
            app.apply_preferences(prefs)
            night_now = self.night_auto and is_night(app.clock())
            self.look_message = (
                "The night theme stays on until 7 am, as it switches on by itself at night."
                if night_now and self.theme_name != "night"
                else ""
            )

        app.write(work, saved, what="save the look")

    # --- reminders ------------------------------------------------------------------------

    def plan(self) -> ReminderPlan:
        hours = {words: hour for hour, words in HOUR_WORDS.items()}
        every = {words: n for n, words in EVERY_WORDS.items()}
        return ReminderPlan(
            morning=self.morning_on,
            morning_hour=hours.get(self.morning_hour, 8),
            fluids=self.fluids_on,
            fluids_every_hours=every.get(self.fluids_every, 2),
        )

    def set_morning(self, value: bool) -> None:
        self.morning_on = value
        self.save_reminders()

    def set_morning_hour(self, words: str) -> None:
        if words != self.morning_hour:
            self.morning_hour = words
            self.save_reminders()

    def set_fluids(self, value: bool) -> None:
        self.fluids_on = value
        self.save_reminders()

    def set_fluids_every(self, words: str) -> None:
        if words != self.fluids_every:
            self.fluids_every = words
            self.save_reminders()

    def save_reminders(self) -> None:
        if self._loading:
            return
        app = App.get_running_app()
        diary = app.diary
        plan = self.plan()
        app.write(
            lambda: diary.save_settings(plan.to_settings()),
            lambda _r: self.ticker.replan(plan),
            what="save the reminders",
        )

    # --- your data ------------------------------------------------------------------------

    def _say(self, text: str, *, error: bool = False) -> None:
        self.data_message, self.data_is_error = text, error

    def set_export_format(self, fmt: str) -> None:
        self.export_format = fmt

    def backup_now(self) -> None:
        app = App.get_running_app()
        self._say("Making a backup…")
        app.runner.submit(
            app.diary.backup,
            lambda path: self._say(f"Backup saved: {path}"),
            lambda error: self._say(f"Could not make a backup: {error}", error=True),
        )

    def choose_file(
        self,
        *,
        title,
        on_chosen,
        folder: Path,
        suffixes=(".json", ".csv"),
        choose_text: str = "Choose",
        note: str = "",
    ) -> None:
        """The system's dialog through the runner (it blocks), else our own picker."""
        chooser = self.file_chooser
        if chooser.available():
            filters = ((title, tuple(f"*{s}" for s in suffixes)),)
            App.get_running_app().runner.submit(
                lambda: chooser.open_file(filters),
                lambda chosen: on_chosen(chosen) if chosen else self._say("Nothing chosen."),
            )
            return
        FilePickPopup(
            title=title,
            folder=folder,
            on_chosen=on_chosen,
            suffixes=suffixes,
            choose_text=choose_text,
            note=note,
        ).open()

    def export_diary(self, fmt: str | None = None, path: Path | None = None) -> None:
        app = App.get_running_app()
        diary = app.diary
        fmt = fmt or self.export_format
        if path is None:
            name = f"cramp-diary-{app.clock():%Y-%m-%d}.{fmt}"
            chooser = self.file_chooser
            if chooser.available():
                self._say("Choose where to save the file…")
                app.runner.submit(
                    lambda: chooser.save_file(name, export_folder()),
                    lambda chosen: (
                        self.export_diary(fmt, chosen)
                        if chosen
                        else self._say("Nothing was exported.")
                    ),
                )
                return
            path = free_path(export_folder() / name)

        def work():
            path.parent.mkdir(parents=True, exist_ok=True)
            return diary.export_file(fmt, path)

        def done(written: Path) -> None:
            self._say(
                f"Exported to {written}. The file holds your health details: keep it private."
            )

        app.runner.submit(work, done, lambda e: self._say(f"Could not export: {e}", error=True))

    def import_diary(self, path: Path | None = None) -> None:
        if path is None:
            self.choose_file(
                title="Choose a diary file to import (JSON or CSV)",
                on_chosen=self.import_diary,
                folder=export_folder(),
                choose_text="Import this file",
                note="Cramps already in your diary are not added twice.",
            )
            return
        app = App.get_running_app()
        diary = app.diary
        self._say(f"Importing {path.name}…")

        def done(summary) -> None:
            app.state.changed()
            self._say(f"Imported {path.name}: {summary.describe()}")

        def failed(error: BaseException) -> None:
            if isinstance(error, InvalidRecord):
                self._say(
                    f"Nothing was imported and your diary is unchanged. In {path.name}: {error}.",
                    error=True,
                )
            else:
                self._say(f"Could not import {path.name}: {error}", error=True)

        app.runner.submit(lambda: diary.import_file(path), done, failed)

    def restore_backup(self, path: Path | None = None) -> None:
        app = App.get_running_app()
        diary = app.diary
        if path is None:
            from crampdiary.storage.backups import backup_folder

            db_path = diary.target.path
            self.choose_file(
                title="Choose a backup to restore",
                on_chosen=self.restore_backup,
                folder=backup_folder(db_path) if db_path else Path.home(),
                suffixes=(".db",),
                choose_text="Restore this backup",
                note="The diary you have now is kept as a backup first.",
            )
            return
        self._say(f"Restoring {path.name}…")

        def work():
            kept = diary.restore_from(path)
            return kept, diary.settings("app.")

        def done(result) -> None:
            kept, prefs = result
            app.state.changed()
            app.apply_preferences(prefs)
            self.ticker.load(diary)
            self.load()
            where = f" The diary you had before is kept at {kept}." if kept else ""
            self._say(f"Your diary was restored from {path.name}.{where}")

        app.runner.submit(
            work, done, lambda e: self._say(f"Could not restore {path.name}: {e}", error=True)
        )

    # --- warning thresholds ---------------------------------------------------------------

    def save_thresholds(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        editor = self.threshold_editor
        try:
            config = RuleConfig.from_settings(editor.values())
        except ValidationError as error:
            editor.show_problem(error.field, f"This {error.problem}.")
            label = LABELS.get(error.field, error.field)
            self.threshold_message = f"Not saved. “{label}” {error.problem}."
            self.threshold_is_error = True
            return

        def saved(_r) -> None:
            editor.show(config.to_settings())
            self.threshold_message = "Saved. The warning signs now use these numbers."
            self.threshold_is_error = False

        app.write(lambda: save_rule_config(diary, config), saved, what="save the thresholds")

    def restore_thresholds(self) -> None:
        app = App.get_running_app()
        diary = app.diary

        def restored(config: RuleConfig) -> None:
            self.threshold_editor.show(config.to_settings())
            self.threshold_message = "The usual values are back."
            self.threshold_is_error = False

        app.write(lambda: reset_rule_config(diary), restored, what="restore the thresholds")


load_kv("screens/settings.kv")
