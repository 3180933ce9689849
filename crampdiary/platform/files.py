"""The system's open/save dialog: the ``FileChooser`` protocol, a null fallback, and plyer.

plyer's file chooser BLOCKS the calling thread until the person closes the dialog (on Linux it
runs zenity, kdialog or yad as a child process and polls it), so ``open_file``/``save_file`` must
be called off the UI thread, through ``app.runner``. Where there is no dialog program,
``available()`` is False and the screens fall back to their own Kivy picker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from crampdiary.platform._plyer import NoBackend, load_backend

log = logging.getLogger(__name__)

Filters = Sequence[tuple[str, Sequence[str]]]
"""``(("Diary files", ("*.json", "*.csv")),)``: a label and its glob patterns."""

NO_DIALOG = "This device has no file dialog that Cramp Diary can use"
# Android's dialog answers through a callback after the call has returned; wait this long for it.
CALLBACK_WAIT_SECONDS = 600.0
SAVE_TITLE = "Save the diary as"


@runtime_checkable
class FileChooser(Protocol):
    def open_file(self, filters: Filters = ()) -> Path | None:
        """Ask for a file to read. Blocks; ``None`` if the person cancelled."""
        ...

    def save_file(
        self, suggested_name: str, folder: Path | None = None, title: str = SAVE_TITLE
    ) -> Path | None:
        """Ask where to write a file, under ``title``. Blocks; ``None`` if the person cancelled."""
        ...

    def available(self) -> bool: ...

    def why_unavailable(self) -> str: ...


class NullFileChooser:
    """No dialog: every request answers ``None`` at once; screens use their own picker."""

    def __init__(self, reason: str = f"{NO_DIALOG}.") -> None:
        self.reason = reason

    def open_file(self, filters: Filters = ()) -> Path | None:
        return None

    def save_file(
        self, suggested_name: str, folder: Path | None = None, title: str = SAVE_TITLE
    ) -> Path | None:
        return None

    def available(self) -> bool:
        return False

    def why_unavailable(self) -> str:
        return self.reason


def plyer_filters(filters: Filters) -> list[list[str]]:
    return [[label, *patterns] for label, patterns in filters]


class PlyerFileChooser:
    """plyer's file dialog. ``backend`` is for tests: an object with plyer's
    ``open_file(**kwargs)``/``save_file(**kwargs)`` returning a list of paths or None."""

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend
        self._loaded = backend is not None
        self._reason = ""

    def _resolve(self) -> Any:
        if not self._loaded:
            self._loaded = True
            try:
                backend = load_backend("filechooser")
            except NoBackend as exc:
                self._reason = exc.sentence(NO_DIALOG)
                return None
            # Linux: plyer picks zenity, kdialog or yad when its module is imported; None = none.
            if hasattr(backend, "desktop") and backend.desktop is None:
                self._reason = f"{NO_DIALOG} (no zenity, kdialog or yad is installed)."
                return None
            self._backend = backend
        return self._backend

    def available(self) -> bool:
        return not self._reason and self._resolve() is not None

    def why_unavailable(self) -> str:
        self.available()
        return self._reason

    def open_file(self, filters: Filters = ()) -> Path | None:
        return self._ask("open_file", title="Choose a diary file", filters=plyer_filters(filters))

    def save_file(
        self, suggested_name: str, folder: Path | None = None, title: str = SAVE_TITLE
    ) -> Path | None:
        path = str(folder / suggested_name) if folder is not None else suggested_name
        return self._ask("save_file", title=title, path=path)

    def _ask(self, method: str, **kwargs: Any) -> Path | None:
        if not self.available():
            return None
        answered = threading.Event()
        box: list[Any] = []

        def on_selection(selection: Any) -> None:
            box.append(selection)
            answered.set()

        try:
            result = getattr(self._backend, method)(on_selection=on_selection, **kwargs)
        except (NotImplementedError, OSError) as exc:
            self._reason = f"{NO_DIALOG} ({exc})." if str(exc) else f"{NO_DIALOG}."
            return None
        if result is None and not answered.is_set():
            answered.wait(CALLBACK_WAIT_SECONDS)
        if result is None and box:
            result = box[0]
        return _first_path(result)


def _first_path(selection: Any) -> Path | None:
    if not selection:
        return None
    first = selection[0] if isinstance(selection, list | tuple) else selection
    return Path(first) if first else None
