"""Errors the storage layer raises, each with a message a person can read.

The messages are shown as they are, on the app's problem screen and by the command line, so
they use plain words and never SQLite's own wording (that is kept in ``detail`` for logs).
"""

from __future__ import annotations

from pathlib import Path


class DiaryError(Exception):
    """Something is wrong with the diary file itself; the message says what, in plain words."""


class DiaryUnreadable(DiaryError):
    """The file is not a readable Cramp Diary (not SQLite, truncated, damaged, empty)."""

    def __init__(self, path: Path | None, reason: str, detail: str = "") -> None:
        self.path = path
        self.reason = reason
        self.detail = detail
        where = f" ({path})" if path else ""
        super().__init__(
            f"The diary file{where} cannot be read: {reason}. It has been left exactly as it was."
        )


class DiaryNotAccessible(DiaryUnreadable):
    """The file may be fine, but it cannot be opened here and now: a read-only folder or file,
    missing permissions, a disk that fails to read, a lock held by another program. Restoring a
    backup would not help; fixing the cause and trying again will."""

    def __init__(self, path: Path | None, reason: str, detail: str = "") -> None:
        DiaryError.__init__(
            self,
            f"The diary file{f' ({path})' if path else ''} cannot be opened: {reason}. "
            "It has not been changed.",
        )
        self.path = path
        self.reason = reason
        self.detail = detail


class DiaryTooNew(DiaryError):
    """The diary was written by a newer version of Cramp Diary."""

    def __init__(self, path: Path | None, revision: str) -> None:
        self.path = path
        self.revision = revision
        where = f" ({path})" if path else ""
        super().__init__(
            f"This diary{where} was saved by a newer version of Cramp Diary "
            f"(schema {revision}). Please update the app; the file has not been changed."
        )


class DiaryWriteFailed(DiaryError):
    """A write could not be completed (disk full, read-only folder, locked too long).

    Nothing of that write was saved, and nothing saved before it was lost: the transaction
    was rolled back as a whole.
    """
