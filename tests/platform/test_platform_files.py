"""The file chooser: plyer's answers become a Path or None; no dialog program means a plain
reason and a ``None`` at once (never a hang)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from crampdiary.platform import NullFileChooser, PlyerFileChooser
from crampdiary.platform.files import FileChooser


class FakeDialog:
    def __init__(self, answer: Any, *, callback_only: bool = False) -> None:
        self.answer = answer
        self.callback_only = callback_only
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def _answer(self, name: str, kwargs: dict[str, Any]) -> Any:
        on_selection = kwargs.pop("on_selection")
        self.calls.append((name, kwargs))
        if self.callback_only:  # like Android: answers later, from another thread
            threading.Timer(0.05, on_selection, args=(self.answer,)).start()
            return None
        on_selection(self.answer)
        return self.answer

    def open_file(self, **kwargs: Any) -> Any:
        return self._answer("open_file", kwargs)

    def save_file(self, **kwargs: Any) -> Any:
        return self._answer("save_file", kwargs)


def test_open_returns_the_chosen_path_and_passes_filters() -> None:
    dialog = FakeDialog(["/home/me/diary.json"])
    chooser = PlyerFileChooser(dialog)
    chosen = chooser.open_file((("Diary files", ("*.json", "*.csv")),))
    assert chosen == Path("/home/me/diary.json")
    assert dialog.calls[0][1]["filters"] == [["Diary files", "*.json", "*.csv"]]


def test_cancel_is_none() -> None:
    assert PlyerFileChooser(FakeDialog(None)).open_file() is None
    assert PlyerFileChooser(FakeDialog([])).save_file("x.json") is None


def test_save_suggests_the_name_in_the_folder(tmp_path: Path) -> None:
    dialog = FakeDialog([str(tmp_path / "mine.csv")])
    chosen = PlyerFileChooser(dialog).save_file("cramp-diary.csv", tmp_path)
    assert chosen == tmp_path / "mine.csv"
    assert dialog.calls[0][1]["path"] == str(tmp_path / "cramp-diary.csv")
    assert dialog.calls[0][1]["title"] == "Save the diary as"
    PlyerFileChooser(dialog).save_file("report.pdf", tmp_path, title="Save the report as")
    assert dialog.calls[1][1]["title"] == "Save the report as"


def test_an_answer_that_arrives_through_the_callback_is_waited_for() -> None:
    chooser = PlyerFileChooser(FakeDialog(["/sdcard/diary.json"], callback_only=True))
    assert chooser.open_file() == Path("/sdcard/diary.json")


def test_a_dialog_that_raises_becomes_unavailable() -> None:
    class Broken:
        def open_file(self, **kwargs: Any) -> Any:
            raise OSError("No back-end available. Please install one.")

    chooser = PlyerFileChooser(Broken())
    assert chooser.open_file() is None
    assert chooser.available() is False
    assert "No back-end available" in chooser.why_unavailable()


def test_null_chooser() -> None:
    chooser = NullFileChooser()
    assert isinstance(chooser, FileChooser)
    assert chooser.open_file() is None and chooser.save_file("a.json") is None
    assert chooser.why_unavailable() == "This device has no file dialog that Cramp Diary can use."


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="plyer's Linux path")
def test_real_plyer_with_no_dialog_program_is_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no zenity, kdialog or yad
    for name in list(sys.modules):
        if name.startswith("plyer.platforms.linux.filechooser"):
            monkeypatch.delitem(sys.modules, name)  # plyer looks for them at import
    chooser = PlyerFileChooser()
    assert chooser.available() is False
    assert "no zenity, kdialog or yad" in chooser.why_unavailable()
    assert chooser.open_file() is None
