"""The report's page geometry in millimetres, type sizes in points and its three inks (black
text, muted grey small print, grey rules), shared by the document and every section."""

from __future__ import annotations

from typing import Final

# Geometry in millimetres, type in points.
_MARGIN: Final = 15.0
_TOP: Final = 10.0
_BODY_TOP: Final = 19.0  # below the running header
_BOTTOM: Final = 14.0  # room for the footer
_PAGE_W: Final = 210.0
_PAGE_H: Final = 297.0
_WIDTH: Final = _PAGE_W - 2 * _MARGIN


_BODY: Final = 9.5
_SMALL: Final = 7.0
_TABLE: Final = 8.0
_LINE: Final = 4.9  # body line height: about 1.45 x the type size
_SMALL_LINE: Final = 3.4
_TABLE_LINE: Final = 4.0
_INK: Final = (0, 0, 0)
_MUTED: Final = (60, 60, 60)
_RULE: Final = (150, 150, 150)
