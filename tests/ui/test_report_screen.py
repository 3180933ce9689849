"""Doctor visit screen: choose the period and notes, preview the pages, save the PDF into the
documents folder (no file dialog) or where the file dialog says, and say where it went."""

from __future__ import annotations

import shutil
import subprocess
import threading
from datetime import datetime
from pathlib import Path

import pytest

from crampdiary.domain import Context, Episode, Muscle, Side
from crampdiary.platform import NullFileChooser

# Kivy's UI modules are imported inside the tests, never at collection.

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils; scripts/setup)"
)
NOTE = "Crampe au mollet — réveillé ✓"


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def log_cramps(ui) -> None:
    """Three cramps in the last 3 months (one with a note) and one 5 months ago."""
    for day, note in ((datetime(2026, 11, 20, 3, 10), NOTE), (datetime(2026, 10, 2, 2, 0), "")):
        ui.app.diary.log_episode(
            Episode(
                started_at=day,
                duration_minutes=2,
                muscle=Muscle.CALF,
                side=Side.LEFT,
                severity_0_10=6,
                context=Context.ASLEEP,
                notes=note,
            )
        )
    for day in (datetime(2026, 9, 30, 4, 0), datetime(2026, 6, 10, 4, 0)):
        ui.app.diary.log_episode(
            Episode(
                started_at=day,
                duration_minutes=1,
                muscle=Muscle.FOOT,
                side=Side.RIGHT,
                severity_0_10=4,
                context=Context.IN_BED_AWAKE,
            )
        )
    ui.app.state.changed()


class ChooserSpy:
    """A file dialog that answers with ``answer`` and records the thread it was asked on."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[tuple[str, Path | None, bool]] = []

    def available(self) -> bool:
        return True

    def why_unavailable(self) -> str:
        return ""

    def open_file(self, filters=()) -> Path | None:
        raise AssertionError("the report never opens a file")

    def save_file(
        self, suggested_name: str, folder: Path | None = None, title: str = ""
    ) -> Path | None:
        on_ui_thread = threading.current_thread() is threading.main_thread()
        assert title == "Save the report as"
        self.asked.append((suggested_name, folder, on_ui_thread))
        return self.answer


@pytest.fixture
def report(ui, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from crampdiary.ui.screens import report as report_module

    documents = tmp_path / "Documents"
    monkeypatch.setattr(report_module, "report_folder", lambda: documents)
    log_cramps(ui)
    screen = ui.go("report", period="3m", include_notes=True)
    screen.file_chooser = NullFileChooser()
    ui.idle()
    screen.documents = documents
    return screen


def save(ui, screen) -> None:
    ui.press(screen.ids.save_button)
    ui.wait_until(lambda: not screen.working, timeout=120)
    ui.idle()


@needs_poppler
def test_saves_into_the_documents_folder_and_says_where(ui, report) -> None:
    assert report.ids.period_3m.state == "down"
    assert (
        report.period_line == "The report covers 24 Aug 2026 to 22 Nov 2026 (13 weeks): 3 cramps."
    )
    save(ui, report)
    files = list(report.documents.glob("*.pdf"))
    assert [f.name for f in files] == ["cramp-diary-report-2026-08-24-to-2026-11-22.pdf"]
    saved = files[0]
    assert str(saved) in report.ids.status_text.text
    assert report.saved_path == str(saved)
    assert (saved.stat().st_mode & 0o777) == 0o600
    text = pdf_text(saved)
    assert "(3 cramps, oldest first)" in text
    assert NOTE in text
    assert "health data" in report.ids.privacy_note.text
    # Previewing afterwards keeps saying where the file went.
    ui.press(report.ids.preview_button)
    ui.wait_until(lambda: report.preview_count > 0, timeout=120)
    ui.idle()
    assert str(saved) in report.ids.status_text.text
    # A second save never overwrites the first.
    save(ui, report)
    assert len(list(report.documents.glob("*.pdf"))) == 2


@needs_poppler
def test_notes_can_be_left_out(ui, report) -> None:
    ui.press(report.ids.notes_toggle)  # down -> normal: leave notes out
    assert report.include_notes is False
    assert report.ids.notes_toggle.text == "Leave my notes out"
    ui.press(report.ids.period_1y)
    ui.idle()
    assert report.period_line.endswith(" (365 days): 4 cramps.")
    save(ui, report)
    saved = Path(report.saved_path)
    text = pdf_text(saved)
    assert "(4 cramps, oldest first)" in text
    assert "réveillé" not in text and "✓" not in text
    assert "Notes are left out of this copy." in text


@needs_poppler
def test_the_file_dialog_is_asked_off_the_ui_thread(ui, report, tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere" / "for-dr-lee"
    chosen.parent.mkdir()
    spy = ChooserSpy(chosen)
    report.file_chooser = spy
    save(ui, report)
    assert spy.asked == [
        ("cramp-diary-report-2026-08-24-to-2026-11-22.pdf", report.documents, False)
    ]
    written = chosen.with_name("for-dr-lee.pdf")
    assert written.is_file() and report.saved_path == str(written)
    assert not report.documents.exists()
    spy.answer = None  # cancelled
    save(ui, report)
    assert report.ids.status_text.text == "Nothing was saved."


def test_custom_dates_are_checked_before_anything_is_made(ui, report) -> None:
    ui.press(report.ids.period_custom)
    report.ids.custom_from.text = "1 Nov 2026"
    report.ids.custom_to.text = "1 Oct 2026"
    save(ui, report)
    assert report.custom_error == "The first date must be on or before the last date."
    assert not report.documents.exists()
    report.ids.custom_from.text = "2026-10-01"
    report.ids.custom_to.text = "20 November 2026"
    ui.press(report.ids.custom_apply)
    ui.idle()
    assert report.custom_error == ""
    assert report.period_line == "The report covers 1 Oct 2026 to 20 Nov 2026 (51 days): 2 cramps."


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_preview_shows_the_pages(ui, report) -> None:
    ui.press(report.ids.preview_button)
    ui.wait_until(lambda: report.preview_count > 0, timeout=120)
    ui.idle()
    pages = list(reversed(report.ids.preview_box.children))
    assert len(pages) == 4
    first = pages[0]
    assert first.texture is not None and first.texture.height > first.texture.width
    assert report.preview_note == "The first 4 pages of the report."
    # Changing what goes in clears the preview, which no longer matches.
    ui.press(report.ids.notes_toggle)
    assert report.preview_count == 0 and not report.ids.preview_box.children


def test_preview_without_poppler_shows_page_one_charts(ui, report, monkeypatch) -> None:
    from crampdiary.services import report as report_service

    monkeypatch.setattr(report_service, "can_preview_pages", lambda: False)
    ui.press(report.ids.preview_button)
    ui.wait_until(lambda: report.preview_count > 0, timeout=120)
    ui.idle()
    assert report.preview_count == 2
    assert report.preview_note.startswith("Page 1: 3 cramps on 3 days (1 in the period before).")


def test_the_diary_itself_is_never_overwritten(ui, report) -> None:
    """Choosing the diary file in the dialog saves beside it, as a .pdf."""
    report.file_chooser = ChooserSpy(ui.db_path)
    save(ui, report)
    assert not report.status_is_error
    assert report.saved_path == f"{ui.db_path}.pdf"
    assert ui.db_path.read_bytes().startswith(b"SQLite format 3")
    assert len(ui.app.diary.episodes()) == 4
