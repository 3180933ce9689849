"""The cramp form, new (``episode=None``) or edit: where on the body map (or by name), then
``EpisodeFields`` for the rest. Save validates everything first (the domain's
``episode_from_mapping``), shows each problem beside its field, and writes through ``app.write``;
a failed write leaves every answer in place. Edit mode can delete, with "Undo" in the message bar.
"""

from __future__ import annotations

from kivy.app import App
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.domain import Episode, Muscle, Side, ValidationError, new_id
from crampdiary.domain.enums import MUSCLE_LABELS, SIDE_LABELS
from crampdiary.domain.validation import episode_from_mapping
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.navigation import ScreenName
from crampdiary.ui.widgets import body_map, chips, episode_fields  # noqa: F401  (kv classes)
from crampdiary.ui.widgets.layout import arrange, is_wide, keep
from crampdiary.ui.widgets.words import describe_duration, describe_where

NARROW_MAP_HEIGHT_DP = 520

# Where each field's message goes, and how a missing answer is asked for.
ERROR_LABELS = {
    "started_at": "when_error",
    "duration_minutes": "duration_error",
    "muscle": "where_error",
    "side": "where_error",
    "severity_0_10": "severity_error",
    "context": "context_error",
    "eased_with_rest": "eased_error",
    "symptoms": "symptoms_error",
    "medications": "medicines_error",
    "hydration_litres_24h": "fluids_error",
    "exercise_minutes_24h": "exercise_error",
    "soreness_days": "soreness_error",
    "affected_daily_activities": "affected_error",
    "notes": "notes_error",
}
REQUIRED_WORDS = {
    "started_at": "Choose when it started.",
    "duration_minutes": "Choose how long it lasted.",
    "muscle": "Tap where the cramp was, on the body or in the list by name.",
    "side": "Choose left, right or both.",
    "severity_0_10": "Choose a number from 0 to 10.",
    "context": "Choose what you were doing.",
}
FIELD_WORDS = {
    "started_at": "The start time",
    "duration_minutes": "How long it lasted",
    "severity_0_10": "How bad it was",
    "hydration_litres_24h": "Drinks",
    "exercise_minutes_24h": "Exercise",
    "soreness_days": "Days sore",
    "notes": "The notes",
    "medications": "A medicine",
}


# Stand-ins used only while looking for further problems once one answer is known to be wrong.
_STAND_INS = {
    "duration_minutes": "1",
    "muscle": "other",
    "side": "not_applicable",
    "severity_0_10": 0,
    "context": "other",
    "symptoms": [],
    "medications": [],
    "notes": "",
}


def find_problems(raw: dict, now) -> list[ValidationError]:
    """Every field the domain would reject, one error each, in the form's order.

    The domain stops at the first problem; asking again with that answer replaced by a harmless
    stand-in finds the next, so all of them can be shown beside their fields at once.
    """
    problems: list[ValidationError] = []
    seen: set[str] = set()
    trial = dict(raw)
    for _ in range(len(ERROR_LABELS) + 2):
        try:
            episode_from_mapping(trial, now=now)
            break
        except ValidationError as error:
            base = _base(error.field)
            if base in seen:
                break
            seen.add(base)
            problems.append(error)
            trial[base] = _STAND_INS.get(base, now if base == "started_at" else None)
    return problems


def _base(field: str) -> str:
    return field.split("[", 1)[0].split(".", 1)[0]


def error_place(field: str) -> str:
    """The error label for a §3.1 field name such as ``medications[0].name``."""
    return ERROR_LABELS.get(_base(field), "form_error")


def error_words(error: ValidationError) -> str:
    base = _base(error.field)
    if error.problem == "is required" and base in REQUIRED_WORDS:
        return REQUIRED_WORDS[base]
    return f"{FIELD_WORDS.get(base, base.replace('_', ' ').capitalize())} {error.problem}."


class EpisodeScreen(Screen):
    episode = ObjectProperty(None, allownone=True)
    """The episode being edited, or None for a new one."""
    muscle = StringProperty("")
    side = StringProperty("")
    where_text = StringProperty("")
    muscle_options = ListProperty([(m.value, label) for m, label in MUSCLE_LABELS.items()])
    side_options = ListProperty([(s.value, label) for s, label in SIDE_LABELS.items()])
    saving = BooleanProperty(False)
    form_message = StringProperty("")
    wide = BooleanProperty(True)

    def on_kv_post(self, _base) -> None:
        self._draft_id = new_id()
        self._loaded = 0
        self._untouched: dict | None = None  # the answers as the form was opened
        self._diary = None  # the diary the form was opened for
        self._finished = False  # saved or deleted: leaving loses nothing
        self._sections = keep(
            self.ids, "map_panel", "fields_scroll", "fields_column", "single_scroll"
        )
        self.bind(size=self._arrange, muscle=self._describe, side=self._describe)
        self._arrange(force=True)
        self._describe()

    # --- opening -------------------------------------------------------------------------------

    def prepare(self, episode: Episode | None = None, resume: int | None = None, **_params) -> None:
        """Called by ``app.go``: fill the form (medicines and the last cramp load in background).

        ``resume`` (from "Bring it back" after leaving unsaved answers) keeps the form as it was
        left, if it has not been opened for another cramp since.
        """
        if resume is not None and resume == self._loaded and not self._finished:
            return
        app = App.get_running_app()
        self._finished = False
        self.episode = episode
        self._draft_id = new_id()
        self.saving = False
        self._loaded += 1
        loading = self._loaded
        now = app.clock()
        fields = self.ids.fields
        fields.load(episode, now=now, medicines=[])
        self.show_errors({})
        if episode is not None:
            self.muscle, self.side = episode.muscle.value, episode.side.value
        else:
            self.muscle = self.side = ""
        self._scroll_top()
        self._untouched = self.answers()
        diary = self._diary = app.diary
        if diary is None:
            return

        def work():
            last = diary.last_episode() if episode is None else None
            return diary.medicines(), last

        def done(result) -> None:
            if loading != self._loaded:
                return  # the form was opened again meanwhile
            medicines, last = result
            untouched = self.answers() == self._untouched
            fields.offer_known(medicines)
            if episode is None and last is not None and not self.muscle:
                self.muscle, self.side = last.muscle.value, last.side.value
            if untouched:  # what the form filled in itself is not an answer to keep
                self._untouched = self.answers()

        app.runner.submit(work, done)

    # --- where ---------------------------------------------------------------------------------

    def pick(self, muscle: str | None, side: str | None = None) -> None:
        """From the body map (muscle and side) or the list by name (muscle only)."""
        if muscle is None:
            return
        self.muscle = muscle
        if side:
            self.side = side
        elif muscle == Muscle.OTHER.value and not self.side:
            self.side = Side.NOT_APPLICABLE.value

    def choose_side(self, side: str | None) -> None:
        if side is not None:
            self.side = side

    def _describe(self, *_args) -> None:
        if not self.muscle:
            self.where_text = "Nothing chosen yet."
        elif not self.side:
            self.where_text = f"{MUSCLE_LABELS[Muscle(self.muscle)]}: choose the side."
        else:
            where = describe_where(self.muscle, self.side)
            self.where_text = f"Chosen: {where[:1].upper()}{where[1:]}"

    # --- saving --------------------------------------------------------------------------------

    def answers(self) -> dict:
        raw = self.ids.fields.answers()
        raw["id"] = self.episode.id if self.episode is not None else self._draft_id
        raw["muscle"] = self.muscle or None
        raw["side"] = self.side or None
        return raw

    def save(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        if self.saving or diary is None:
            return
        raw, now = self.answers(), app.clock()
        problems = find_problems(raw, now)
        if problems:
            self.show_problems(problems)
            return
        episode = episode_from_mapping(raw, now=now)
        self.show_errors({})
        self.saving = True
        editing = self.episode is not None
        write = diary.update_episode if editing else diary.log_episode

        def done(saved: Episode) -> None:
            self.saving = False
            self.episode = None
            self._finished = True
            app.back()
            where = describe_where(saved.muscle, saved.side)
            app.notify(
                f"{'Changes saved' if editing else 'Saved'}: {where}, "
                f"{describe_duration(saved.duration_minutes)}, {saved.severity_0_10}/10."
            )

        def failed(error: BaseException) -> bool:
            self.saving = False
            if isinstance(error, ValidationError):
                self.show_error(error)
                return True
            self.form_message = "Not saved. Your answers are still here: try Save again."
            return False

        app.write(lambda: write(episode), done, what="save the cramp", on_error=failed)

    def show_error(self, error: ValidationError) -> None:
        self.show_problems([error])

    def show_problems(self, problems: list[ValidationError]) -> None:
        errors: dict[str, str] = {}
        for error in problems:
            place = error_place(error.field)
            words = error_words(error)
            errors[place] = f"{errors[place]} {words}" if place in errors else words
        self.show_errors(errors)

    def show_errors(self, errors: dict[str, str]) -> None:
        self.ids.where_error.text = errors.get("where_error", "")
        self.ids.fields.show_errors(errors)
        other = errors.get("form_error", "")
        marked = len(errors) - (1 if other else 0)
        hint = "Please check the answers marked in red." if marked > 1 else ""
        hint = hint or ("Please check the answer marked in red." if marked else "")
        self.form_message = other or hint
        if errors:
            self._scroll_to_error(next(iter(errors)))

    def error_text(self, place: str) -> str:
        """The message shown in an error label (tests read it)."""
        if place in self.ids:
            return self.ids[place].text
        return self.ids.fields.ids[place].text if place in self.ids.fields.ids else ""

    def cancel(self) -> None:
        App.get_running_app().back()

    def on_leave(self, *_args) -> None:
        """Left without saving (Cancel, Esc, Back): answers given are kept for "Bring it back"."""
        if self._finished or self._untouched is None or self.answers() == self._untouched:
            return
        if App.get_running_app().diary is not self._diary:
            return  # another diary was opened: these answers do not belong to it
        opened = self._loaded
        editing = self.episode is not None
        App.get_running_app().notify(
            "Your changes were not saved." if editing else "This cramp was not saved.",
            action_text="Bring it back",
            action=lambda: self._resume(opened),
        )

    def _resume(self, opened: int) -> None:
        app = App.get_running_app()
        if opened != self._loaded or self._finished or app.diary is not self._diary:
            app.notify("Those answers are gone: the form has been used since.")
            return
        app.go(ScreenName.EPISODE, resume=opened)

    def on_enter_key(self) -> bool:
        fields = self.ids.fields.ids
        if fields.notes_input.focus:
            return False  # a new line in the notes
        if fields.medicine_input.focus:
            fields.medicine_input.focus = False
            self.ids.fields.add_medicine()
            return True
        self.save()
        return True

    # --- deleting ------------------------------------------------------------------------------

    def delete(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        episode = self.episode
        if episode is None or diary is None:
            return

        def done(deleted: Episode) -> None:
            self.episode = None
            self._finished = True
            app.back()
            app.notify("Cramp deleted.", action_text="Undo", action=lambda: self._undo(deleted))

        app.write(lambda: diary.delete_episode(episode.id), done, what="delete the cramp")

    def _undo(self, deleted: Episode) -> None:
        app = App.get_running_app()
        diary = app.diary

        def done(_episode) -> None:
            app.notify("Cramp put back.")

        app.write(lambda: diary.undo_delete(deleted), done, what="put the cramp back")

    # --- layout --------------------------------------------------------------------------------

    def _arrange(self, *_args, force: bool = False) -> None:
        wide = is_wide(self.width)
        if wide == self.wide and not force:
            return
        self.wide = wide
        ids = self.ids
        ids.map_panel.size_hint_y = 1 if wide else None
        ids.body_map.size_hint_y = 1 if wide else None
        ids.body_map.height = dp(NARROW_MAP_HEIGHT_DP)
        if wide:
            arrange(
                [
                    (ids.form_body, [ids.map_panel, ids.fields_scroll]),
                    (ids.fields_scroll, [ids.fields_column]),
                    (ids.single_column, []),
                ]
            )
        else:
            arrange(
                [
                    (ids.form_body, [ids.single_scroll]),
                    (ids.fields_scroll, []),
                    (ids.single_column, [ids.map_panel, ids.fields_column]),
                ]
            )

    def _scroll_top(self) -> None:
        for scroll in (self.ids.fields_scroll, self.ids.single_scroll):
            scroll.scroll_y = 1

    def _scroll_to_error(self, place: str) -> None:
        label = self.ids.get(place) or self.ids.fields.ids.get(place)
        scroll = self.ids.fields_scroll if self.wide else self.ids.single_scroll
        if label is None or place == "form_error":
            return
        if place == "where_error" and self.wide:
            return  # beside the body map, always in view
        scroll.scroll_to(label, padding=dp(160), animate=False)


load_kv("screens/episode.kv")
