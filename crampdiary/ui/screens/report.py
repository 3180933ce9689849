"""Doctor visit: choose the period and whether notes go in, preview the pages, save the PDF.

The PDF is made by ``services.report`` in the background runner; pages are previewed as PNGs
(poppler's ``pdftoppm`` when installed, else page 1's two charts and a short summary). Saving asks
the system's file dialog where there is one (``platform.FileChooser``; it blocks, so it runs in the
runner too), otherwise writes into the documents folder, and says where the file went. Widgets are
touched on the UI thread only.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kivy.app import App
from kivy.core.image import Image as CoreImage
from kivy.factory import Factory
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.platform import default_file_chooser
from crampdiary.ui.app_shell import default_export_folder
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.widgets.words import parse_day

PERIOD_DAYS = {"4w": 28, "3m": 91, "6m": 182, "1y": 365}
"""The period buttons: that many days ending today (3 months = 13 weeks, as on the command line)."""
MAX_CUSTOM_DAYS = 10 * 366
PREVIEW_PAGES = 4
PREVIEW_DPI = 72
WIDE_FROM_DP = 900


def report_folder() -> Path:
    """Where a report goes when there is no file dialog (tests point it elsewhere)."""
    return default_export_folder()


def free_path(path: Path) -> Path:
    """``path``, or ``name-2.pdf``, ``name-3.pdf``… if a file is already there."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def day_words(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def check_custom(first_text: str, last_text: str, today: date) -> tuple[date, date]:
    """The typed period, or ``ValueError`` with a plain sentence saying what to change."""
    if not first_text.strip() or not last_text.strip():
        raise ValueError("Please write both dates, like 1 Sep 2026.")
    start, end = parse_day(first_text), parse_day(last_text)
    if end > today:
        raise ValueError(f"The last date can't be after today ({day_words(today)}).")
    if start > end:
        raise ValueError("The first date must be on or before the last date.")
    if (end - start).days + 1 > MAX_CUSTOM_DAYS:
        raise ValueError("Please choose at most 10 years.")
    return start, end


def span_words(start: date, end: date) -> str:
    days = (end - start).days + 1
    length = f"{days // 7} weeks" if days % 7 == 0 and days >= 14 else f"{days} days"
    return f"{day_words(start)} to {day_words(end)} ({length})"


class ReportScreen(Screen):
    period = StringProperty("3m")
    period_line = StringProperty("")
    custom_error = StringProperty("")
    include_notes = BooleanProperty(True)
    status = StringProperty("")
    status_is_error = BooleanProperty(False)
    saved_path = StringProperty("")
    working = BooleanProperty(False)
    preview_note = StringProperty("")
    preview_count = NumericProperty(0)
    wide = BooleanProperty(True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.file_chooser = default_file_chooser()
        self.start, self.end = self._fixed_period(self.period)
        self._pdf: tuple[tuple[Any, ...], bytes] | None = None
        self.bind(size=self._resized)

    # --- period and notes -------------------------------------------------------------------

    def prepare(
        self, period: str | None = None, include_notes: bool | None = None, **_params: Any
    ) -> None:
        """Open with a period button chosen and notes in or out (else as last time)."""
        if period in PERIOD_DAYS:
            self.period = period
            self.custom_error = ""
        if include_notes is not None:
            self.include_notes = include_notes

    def on_pre_enter(self, *_args: Any) -> None:
        if self.period != "custom":
            self._set_period(*self._fixed_period(self.period))
        else:
            self._count()

    def _fixed_period(self, period: str) -> tuple[date, date]:
        today = App.get_running_app().clock().date()
        return today - timedelta(days=PERIOD_DAYS[period] - 1), today

    def choose(self, period: str) -> None:
        self.custom_error = ""
        if period == "custom":
            self.ids.custom_from.text = day_words(self.start)
            self.ids.custom_to.text = day_words(self.end)
            self.period = period
            return
        self.period = period
        self._set_period(*self._fixed_period(period))

    def apply_custom(self) -> bool:
        today = App.get_running_app().clock().date()
        try:
            start, end = check_custom(self.ids.custom_from.text, self.ids.custom_to.text, today)
        except ValueError as problem:
            self.custom_error = str(problem)
            return False
        self.custom_error = ""
        self._set_period(start, end)
        return True

    def on_enter_key(self) -> bool:
        if self.period == "custom":
            self.apply_custom()
            return True
        return False

    def set_notes(self, include: bool) -> None:
        self.include_notes = include
        self._clear_preview()

    def _set_period(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self._clear_preview()
        self._count()

    def _count(self) -> None:
        app = App.get_running_app()
        diary = app.diary
        start, end = self.start, self.end
        self.period_line = f"The report covers {span_words(start, end)}."
        if diary is None:
            return

        def done(n: int) -> None:
            if (start, end) == (self.start, self.end):
                word = "cramp" if n == 1 else "cramps"
                self.period_line = f"The report covers {span_words(start, end)}: {n} {word}."

        app.runner.submit(lambda: len(diary.episodes(start, end)), done)

    # --- making the PDF ---------------------------------------------------------------------

    def _key(self) -> tuple[Any, ...]:
        app = App.get_running_app()
        return (id(app.diary), self.start, self.end, self.include_notes, app.state.data_version)

    def _pdf_work(self):
        """A function for the runner that returns the PDF bytes (made once per choice)."""
        from crampdiary.services.report import report_pdf

        diary = App.get_running_app().diary
        start, end, notes, key = self.start, self.end, self.include_notes, self._key()
        cached = self._pdf

        def work() -> tuple[tuple[Any, ...], bytes]:
            if cached is not None and cached[0] == key:
                return cached
            return key, report_pdf(diary, start, end, include_notes=notes)

        return work

    def _keep(self, made: tuple[tuple[Any, ...], bytes]) -> None:
        """On the UI thread: remember the PDF so saving after a preview does not make it again."""
        self._pdf = made

    def _ready(self) -> bool:
        if self.working or App.get_running_app().diary is None:
            return False
        return not (self.period == "custom" and not self.apply_custom())

    def preview(self) -> None:
        if not self._ready():
            return
        from crampdiary.services.report import can_preview_pages, preview_pages, report_data

        app = App.get_running_app()
        diary = app.diary
        make = self._pdf_work()
        start, end, notes, key = self.start, self.end, self.include_notes, self._key()
        self.working = True
        self._say("Preparing the preview…")

        def work() -> tuple[Any, list[bytes], str]:
            if can_preview_pages():
                made = make()
                return made, preview_pages(made[1], dpi=PREVIEW_DPI, last=PREVIEW_PAGES), ""
            from crampdiary.reports.pdf import render

            data = report_data(diary, start, end, include_notes=notes)
            charts = [data.charts[n] for n in ("weekly_trend", "time_of_night") if n in data.charts]
            return (key, render(data)), charts, summary_words(data)

        def done(result: tuple[Any, list[bytes], str]) -> None:
            self.working = False
            made, pages, note = result
            self._keep(made)
            self._show_pages(pages)
            self.preview_note = note or (
                f"The first {len(pages)} pages of the report."
                if len(pages) > 1
                else "The report has one page."
            )
            self._say(f"Saved the report to {self.saved_path}" if self.saved_path else "")

        app.runner.submit(work, done, self._failed("prepare the preview"))

    def save_pdf(self) -> None:
        """Ask where (the system's dialog, off the UI thread) or use the documents folder."""
        if not self._ready():
            return
        from crampdiary.services.report import default_file_name, write_report

        app = App.get_running_app()
        diary = app.diary
        make = self._pdf_work()
        name = default_file_name(self.start, self.end)
        chooser = self.file_chooser
        folder = report_folder()
        self.working = True
        asking = chooser.available()
        self._say("Choose where to save the report…" if asking else "Making the report…")

        def work() -> tuple[Path, Any] | None:
            if asking:
                chosen = chooser.save_file(name, folder, title="Save the report as")
                if chosen is None:
                    return None
                path = Path(chosen)
                if path.suffix.lower() != ".pdf":
                    path = path.with_name(path.name + ".pdf")
            else:
                folder.mkdir(parents=True, exist_ok=True)
                path = free_path(folder / name)
            made = make()
            write_report(diary, path, made[1])
            return path, made

        def done(result: tuple[Path, Any] | None) -> None:
            self.working = False
            if result is None:
                self._say("Nothing was saved.")
                return
            path, made = result
            self._keep(made)
            self.saved_path = str(path)
            self._say(f"Saved the report to {path}")
            app.notify(f"Saved the report: {path.name}")

        app.runner.submit(work, done, self._failed("save the report"))

    def _failed(self, what: str):
        def failed(error: BaseException) -> None:
            self.working = False
            self._say(f"Could not {what}: {error}", error=True)

        return failed

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status = text
        self.status_is_error = error

    # --- preview pages ----------------------------------------------------------------------

    def _show_pages(self, pngs: list[bytes]) -> None:
        box = self.ids.preview_box
        box.clear_widgets()
        for index, png in enumerate(pngs):
            texture = CoreImage(io.BytesIO(png), ext="png").texture
            page = Factory.ReportPage(texture=texture)
            page.page_ratio = texture.height / max(1, texture.width)
            page.page_number = index + 1
            box.add_widget(page)
        self.preview_count = len(pngs)

    def _clear_preview(self) -> None:
        if "preview_box" in self.ids:
            self.ids.preview_box.clear_widgets()
        self.preview_count = 0
        self.preview_note = ""
        self.saved_path = ""
        if not self.working:
            self._say("")

    def _resized(self, *_args: Any) -> None:
        self.wide = self.width >= dp(WIDE_FROM_DP)


def summary_words(data: Any) -> str:
    """What page 1 says, in a few lines (the preview without pdftoppm)."""
    now = data.comparison.current
    signs = ", ".join(s.title for s in data.warnings) or "none"
    return (
        f"Page 1: {now.cramps} cramps on {now.cramp_days} days "
        f"({data.comparison.previous.cramps} in the period before). Warning signs: {signs}. "
        "Below: the two charts page 1 shows. The other pages hold more charts, a medicine "
        "timeline and every cramp."
    )


load_kv("screens/report_parts.kv")
load_kv("screens/report.kv")
