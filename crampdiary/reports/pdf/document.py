"""``_Document``: the report's ``FPDF`` with its fonts, running header and footer, flow helpers
(headings, wrapped paragraphs, charts kept whole) and the fast paths: text widths from the font's
own width table, text written without ``FPDF.text``'s checks, and chart PNGs embedded without
decoding them."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.image_datastructures import RasterImageInfo

from crampdiary.reports.pdf.fonts import _font_files as _font_files
from crampdiary.reports.pdf.images import _opaque as _opaque
from crampdiary.reports.pdf.images import png_size, png_stream
from crampdiary.reports.pdf.layout import (
    _BODY,
    _BODY_TOP,
    _BOTTOM,
    _INK,
    _LINE,
    _MARGIN,
    _MUTED,
    _RULE,
    _SMALL,
    _TABLE,
    _TOP,
    _WIDTH,
)


class _Document(FPDF):  # type: ignore[misc]
    """A4 pages with the period in the header and "Page N of M" in the footer."""

    def __init__(self, running_head: str, prepared: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_head = running_head
        self.prepared = prepared
        self.set_margins(_MARGIN, _BODY_TOP, _MARGIN)
        self.set_auto_page_break(True, margin=_BOTTOM + 3.0)
        self.alias_nb_pages("{nb}")
        regular, bold, extra = _font_files()
        self.add_font("Body", "", str(regular))
        self.add_font("Body", "B", str(bold))
        self._fallbacks = extra
        self._fallbacks_on = False
        self.set_font("Body", size=_BODY)
        self.set_text_color(*_INK)
        self.set_draw_color(*_RULE)
        self.set_creator("Cramp Diary")
        self.set_title(f"Cramp diary report, {running_head}")
        fonts: dict[str, Any] = {style: self.fonts["body" + style] for style in ("", "B")}
        self._chars = frozenset(map(chr, fonts[""].cmap)) | frozenset("\n\r\t")
        # Advance widths in 1/1000 em, by code point (a defaultdict: unknown -> the font's default).
        self._advances: dict[str, Mapping[int, int]] = {k: f.cw for k, f in fonts.items()}
        self._widths: dict[tuple[str, float, str], float] = {}
        self._encoded: dict[tuple[int, str], str] = {}
        self._wrapped: dict[tuple[str, float, str, float], tuple[str, ...]] = {}

    # Fonts ----------------------------------------------------------------------------------

    def close_fonts(self) -> None:
        """Close the font files (``output()`` does this; call it when a document is dropped)."""
        for font in self.fonts.values():
            close = getattr(font, "close", None)
            if close is not None:
                close()

    def covers(self, text: str) -> bool:
        """Whether DejaVu Sans has every character of ``text`` (else fallback fonts are needed)."""
        return self._chars.issuperset(text)

    def enable_fallbacks(self) -> None:
        """Register fallback fonts the first time a text needs them (loading costs time)."""
        if self._fallbacks_on:
            return
        names = []
        for index, path in enumerate(self._fallbacks):
            name = f"Fallback{index}"
            try:
                self.add_font(name, "", str(path))
            except Exception:  # an unreadable extra font is skipped, not fatal
                continue
            names.append(name)
        if names:
            self.set_fallback_fonts(names, exact_match=False)
        self._fallbacks_on = True

    def width_of(self, text: str, style: str, size: float) -> float:
        """Text width in mm from the font's width table (fast; fallback glyphs measured slowly)."""
        key = (style, size, text)
        cached = self._widths.get(key)
        if cached is not None:
            return cached
        if self.covers(text):
            advances = self._advances[style.upper()]
            width = sum(map(advances.__getitem__, map(ord, text))) * size / 1000 / self.k
        else:
            self.enable_fallbacks()
            self.set_font("Body", style, size)
            width = self.get_string_width(text)
        if len(self._widths) < 50_000:
            self._widths[key] = width
        return float(width)

    def wrap(self, text: str, width: float, style: str = "", size: float = _TABLE) -> list[str]:
        """Lines of ``text`` no wider than ``width`` mm (words broken only when longer)."""
        key = (text, width, style, size)
        cached = self._wrapped.get(key)
        if cached is None:
            cached = self._wrap(text, width, style, size)
            if len(self._wrapped) < 20_000:  # table cells repeat: "Calf, left", "6/10", ...
                self._wrapped[key] = cached
        return list(cached)

    def _wrap(self, text: str, width: float, style: str, size: float) -> tuple[str, ...]:
        lines: list[str] = []
        for paragraph in text.replace("\r\n", "\n").split("\n"):
            current = ""
            for word in paragraph.split():
                candidate = f"{current} {word}" if current else word
                if self.width_of(candidate, style, size) <= width:
                    current = candidate
                    continue
                if current:
                    lines.append(current)
                current = ""
                while self.width_of(word, style, size) > width and len(word) > 1:
                    cut = len(word) - 1
                    while cut > 1 and self.width_of(word[:cut], style, size) > width:
                        cut -= 1
                    lines.append(word[:cut])
                    word = word[cut:]
                current = word
            lines.append(current)
        while len(lines) > 1 and not lines[-1]:
            lines.pop()
        return tuple(lines or [""])

    def write_at(self, x: float, baseline: float, text: str) -> None:
        """One line of text; ``text()`` is fast but ignores fallback fonts, ``cell()`` does not."""
        if not text:
            return
        if self.covers(text):
            self.text_runs(baseline, [(x, text)])
            return
        self.enable_fallbacks()
        size = self.font_size  # mm
        self.set_xy(x - self.c_margin, baseline - size * 0.8 - (self.h_cell(size) - size) / 2)
        self.cell(h=self.h_cell(size), text=text, new_x=XPos.RIGHT, new_y=YPos.TOP)

    def text_runs(self, baseline: float, runs: Sequence[tuple[float, str]]) -> None:
        """Texts at ``x`` positions on one baseline, in the current font and colour, as one PDF
        text object: what ``FPDF.text`` writes for each, without its checks, each string's
        encoding kept. The cramp table writes thousands of short cells, many alike ("7/10",
        "as above"). The font must cover every text (``covers``); a page must be open.
        """
        font, colour = self.current_font, self.text_color
        if font is None or colour is None:
            raise ValueError("set a font and a text colour before writing")
        if not self.current_font_is_set_on_page:
            self._out(self._set_font_for_page(font, self.font_size_pt))
        parts = ["BT"]
        y = f"{(self.h - baseline) * self.k:.2f}"
        for x, text in runs:
            key = (font.i, text)
            encoded = self._encoded.get(key)
            if encoded is None:
                encoded = self._encoded[key] = font.encode_text(text)
            parts.append(f"1 0 0 1 {x * self.k:.2f} {y} Tm {encoded}")  # where each begins
        parts.append("ET")
        op = " ".join(parts)
        if self.fill_color != colour:
            op = f"q {colour.serialize().lower()} {op} Q"
        self._out(op)

    @staticmethod
    def h_cell(size_mm: float) -> float:
        return size_mm * 1.2

    # Running header and footer ----------------------------------------------------------------

    def header(self) -> None:
        self.set_font("Body", "", _SMALL + 1)
        self.set_text_color(*_MUTED)
        # On every page: written as plain text runs, at the baselines ``cell`` would use.
        baseline = _TOP + 2.5 + 0.3 * self.font_size
        right = self.w - _MARGIN - self.c_margin
        self.write_at(_MARGIN + self.c_margin, baseline, f"Cramp diary: {self.running_head}")
        self.write_at(right - self.width_of(self.prepared, "", _SMALL + 1), baseline, self.prepared)
        self.set_draw_color(*_RULE)
        self.set_line_width(0.2)
        self.line(_MARGIN, _TOP + 6.0, self.w - _MARGIN, _TOP + 6.0)
        self.set_text_color(*_INK)
        self.set_font("Body", "", _BODY)
        self.set_xy(_MARGIN, _BODY_TOP)

    def footer(self) -> None:
        self.set_font("Body", "", _SMALL + 1)
        self.set_text_color(*_MUTED)
        half = (self.w - 2 * _MARGIN) / 2
        baseline = self.h - _BOTTOM + 2.5 + 0.3 * self.font_size
        self.write_at(_MARGIN + self.c_margin, baseline, "Holds health data: keep it private.")
        self.set_xy(_MARGIN + half, self.h - _BOTTOM)  # a cell: it fills in the page count
        self.cell(half, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*_INK)

    # Flow helpers -----------------------------------------------------------------------------

    @property
    def limit(self) -> float:
        """The lowest y that content may reach on this page."""
        return float(self.h) - _BOTTOM - 3.0

    def room(self) -> float:
        return self.limit - self.get_y()

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the current position."""
        if height > self.room():
            self.add_page()

    def heading(self, text: str, size: float = 12.0, before: float = 3.0) -> None:
        self.ensure(before + 7.0 + 3 * _LINE)  # never a heading alone at the foot of a page
        self.set_y(self.get_y() + before)
        self.set_font("Body", "B", size)
        self.multi_cell(_WIDTH, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(self.get_y() + 1.2)
        self.set_font("Body", "", _BODY)

    def para(
        self,
        text: str,
        *,
        size: float = _BODY,
        line: float = _LINE,
        style: str = "",
        muted: bool = False,
        width: float = _WIDTH,
        x: float | None = None,
    ) -> None:
        """Wrapped text, line by line, carrying on over page breaks.

        Wraps with the font's width table and writes each line with ``write_at``: the same
        result as ``multi_cell`` (text 1 mm in from ``x``, centred in ``line``) at a fraction of
        the cost.
        """
        left = (_MARGIN if x is None else x) + self.c_margin
        colour = _MUTED if muted else _INK
        lines = self.wrap(text, width - 2 * self.c_margin, style, size)
        self.set_font("Body", style, size)
        self.set_text_color(*colour)
        for words in lines:
            if self.get_y() + line > self.limit:
                self.add_page()  # the header sets its own font and colour
                self.set_font("Body", style, size)
                self.set_text_color(*colour)
            top = self.get_y()
            self.write_at(left, top + 0.5 * line + 0.3 * self.font_size, words)
            self.set_y(top + line)
        self.set_text_color(*_INK)
        self.set_font("Body", "", _BODY)

    def chart_row(self, pngs: Sequence[bytes], gap: float = 4.0) -> None:
        """Charts side by side across the page, kept together (shrunk to 85 % at most to stay)."""
        width = (_WIDTH - gap * (len(pngs) - 1)) / len(pngs)
        heights = [width * h / w for w, h in map(png_size, pngs)]
        scale = min(1.0, (self.room() - 2.0) / max(heights))
        if scale < 0.85:
            self.add_page()
            scale = 1.0
        y, x = self.get_y(), _MARGIN
        for png, height in zip(pngs, heights, strict=True):
            self.png(png, x=x, y=y, w=width * scale, h=height * scale)
            x += width + gap
        self.set_y(y + max(heights) * scale + 2.0)

    def chart(self, png: bytes, width: float = _WIDTH) -> None:
        """A chart at full width, moved whole to the next page if it does not fit."""
        pixels_w, pixels_h = png_size(png)
        height = width * pixels_h / pixels_w
        self.ensure(height + 2.0)
        y = self.get_y()
        self.png(png, x=_MARGIN + (_WIDTH - width) / 2, y=y, w=width, h=height)
        self.set_y(y + height + 2.0)

    def png(self, png: bytes, *, x: float, y: float, w: float, h: float) -> None:
        """Place a PNG, its compressed pixels copied into the PDF as they are when they can be.

        The charts are 8-bit RGB PNGs, and a PDF Flate stream with the PNG predictor reads a PNG's
        IDAT data unchanged. fpdf2 would decode the picture and compress it again, which takes
        longer than drawing the chart; other PNGs still go that way, on white.
        """
        stream = png_stream(png)
        if stream is None:
            self.image(_opaque(png), x=x, y=y, w=w, h=h)
            return
        key = "crampdiary-png-" + hashlib.sha256(png).hexdigest()
        if key not in self.image_cache.images:
            width, height = png_size(png)
            info = RasterImageInfo()
            info.update(
                {
                    "data": stream,
                    "w": width,
                    "h": height,
                    "cs": "DeviceRGB",
                    "iccp": None,
                    "bpc": 8,
                    "dpn": 3,
                    "f": "FlateDecode",
                    "inverted": False,
                    "dp": f"/Predictor 15 /Colors 3 /Columns {width}",
                    "i": len(self.image_cache.images) + 1,
                    "usages": 0,
                    "iccp_i": None,
                }
            )
            self.image_cache.images[key] = info
        self.image(key, x=x, y=y, w=w, h=h)
