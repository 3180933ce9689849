"""Our own file picker, for where the system has no file dialog (plyer found none): a popup
with a path field, the folder's contents as large rows, "Up one folder", Cancel and Choose.

It only lists folders and the given kinds of file; it never opens or writes a file itself:
``on_chosen(path)`` hands the path to the caller.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.modalview import ModalView

from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists import controls  # noqa: F401  (CdFormMessage)
from crampdiary.ui.lists.rows import TappableRow
from crampdiary.ui.widgets.scrolling import CalmRecycleView

MAX_ENTRIES = 500  # a huge folder is cut short rather than freezing the window


def folder_entries(folder: Path, suffixes: Sequence[str]) -> list[tuple[str, bool]]:
    """(name, is_folder) in ``folder``: visible folders first, then files with ``suffixes``."""
    folders: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        folders.append(entry.name)
                    elif not suffixes or Path(entry.name).suffix.lower() in suffixes:
                        files.append(entry.name)
                except OSError:
                    continue
    except OSError:
        return []
    listed = [(n, True) for n in sorted(folders, key=str.lower)]
    listed += [(n, False) for n in sorted(files, key=str.lower)]
    return listed[:MAX_ENTRIES]


class FileRows(CalmRecycleView):
    __events__ = ("on_pick",)

    def on_pick(self, name: str, is_folder: bool) -> None:
        pass


class FileRow(TappableRow, BoxLayout):
    name = StringProperty("")
    shown = StringProperty("")
    is_folder = BooleanProperty(False)

    def event_args(self) -> tuple:
        return (self.name, self.is_folder)


class FilePickPopup(ModalView):
    title = StringProperty("")
    note = StringProperty("")
    choose_text = StringProperty("Choose")
    folder_text = StringProperty("")
    message = StringProperty("")
    suffixes = ListProperty()

    def __init__(
        self,
        *,
        title: str,
        folder: Path,
        on_chosen: Callable[[Path], None],
        suffixes: Sequence[str] = (".json", ".csv"),
        choose_text: str = "Choose",
        note: str = "",
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.title, self.choose_text, self.note = title, choose_text, note
        self.suffixes = list(suffixes)
        self._on_chosen = on_chosen
        self.show_folder(folder)

    def show_folder(self, folder: Path) -> None:
        folder = folder.expanduser()
        if not folder.is_dir():
            folder = Path.home()
        self.folder_text = str(folder)
        self.ids.path_input.text = str(folder) + os.sep
        entries = folder_entries(folder, self.suffixes)
        self.ids.file_rows.data = [
            {
                "name": name,
                "shown": f"{name}{os.sep}" if is_folder else name,
                "is_folder": is_folder,
            }
            for name, is_folder in entries
        ]
        self.message = "" if entries else "Nothing to choose in this folder."

    def picked(self, name: str, is_folder: bool) -> None:
        target = Path(self.folder_text) / name
        if is_folder:
            self.show_folder(target)
        else:
            self.ids.path_input.text = str(target)

    def up(self) -> None:
        self.show_folder(Path(self.folder_text).parent)

    def choose(self) -> None:
        text = self.ids.path_input.text.strip()
        if not text:
            self.message = "Type a path or pick a file."
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.show_folder(path)
            return
        if path.suffix.lower() not in self.suffixes:
            self.message = "Pick a file ending in " + " or ".join(self.suffixes) + "."
            return
        if not path.is_file():
            self.message = f"There is no file called {path.name} here."
            return
        self.dismiss()
        self._on_chosen(path)


load_kv("lists/file_picker.kv")
