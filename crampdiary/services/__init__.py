"""Services: the use cases the UI and the command line share. Must not import Kivy or plyer.

``Diary`` is loaded on first use, so that ``services.insights`` can work out home's warning signs
from the first look at the diary file before SQLAlchemy has been imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crampdiary.services.diary import Diary, ImportSummary

__all__ = ["Diary", "ImportSummary"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from crampdiary.services import diary

        return getattr(diary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
