"""The doctor-visit report as PDF bytes: the one place that knows fpdf2.

Owns the page layout (A4 portrait, black on white, DejaVu Sans embedded so any Unicode prints) and
``render(ReportData) -> bytes``. Page 1 is the summary a doctor reads in a minute: the period, the
trial-grade numbers beside the previous period, the warning signs (urgent first, their sources in
small print), current medicines, the weekly and time-of-night charts, a one-line profile and "This
diary does not diagnose." Then: every warning sign with its sources quoted in full, the other
charts, a medicine timeline, and a table of every cramp (headers repeat on each page). Every page
shows the period and "Page N of M"; charts never split across pages.

The cramp table is drawn with direct text writes and text widths from the font's own width table
(fpdf2's table API takes about a minute for 5,000 rows; this takes a second or two).

Imports fpdf2 (only here in the code base), ``crampdiary.domain`` and ``crampdiary.analysis``
types; never the clock, the database, services or Kivy. The caller gathers the data.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.image_datastructures import RasterImageInfo

from crampdiary.analysis.metrics import PeriodComparison, PeriodNumbers
from crampdiary.analysis.rules import Severity, WarningSign
from crampdiary.domain import Condition, Context, Episode, Medicine, Muscle, Profile, Side
from crampdiary.domain.enums import (
    CONDITION_LABELS,
    CONTEXT_LABELS,
    MEDICINE_CLASS_LABELS,
    MUSCLE_LABELS,
    SIDE_LABELS,
    SYMPTOM_LABELS,
)
from crampdiary.resources import asset_path

__all__ = [
    "OTHER_CHARTS",
    "PAGE_ONE_CHARTS",
    "ReportData",
    "period_text",
    "readable_date",
    "readable_datetime",
    "render",
]

PAGE_ONE_CHARTS: Final = ("weekly_trend", "time_of_night")
OTHER_CHARTS: Final = (
    "muscle_heatmap",
    "duration_severity",
    "fluids_exercise",
    "medicine_before_after",
)

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

_SEVERITY_WORDS: Final = {
    Severity.URGENT: "URGENT: get medical advice today",
    Severity.SEE_DOCTOR: "Book an appointment",
    Severity.INFO: "Good to know",
}
_MATPLOTLIB_FONTS: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_REPORT_FONTS: Final = ("DejaVuSans-Report.ttf", "DejaVuSans-Bold-Report.ttf")
_FALLBACK_FONTS: Final = ("STIXGeneral.ttf", "LastResortHE-Regular.ttf")


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report shows, gathered by ``services.report``.

    ``episodes`` are the cramps inside ``start`` … ``end``; ``warnings`` are evaluated as of
    ``end``; ``charts`` maps chart names (``PAGE_ONE_CHARTS``, ``OTHER_CHARTS``) to PNG bytes;
    ``references`` maps a source key such as ``NHS-LC`` to its (title, address).
    """

    start: date
    end: date
    prepared_on: date
    comparison: PeriodComparison
    episodes: Sequence[Episode]
    warnings: Sequence[WarningSign]
    medicines: Sequence[Medicine]
    profile: Profile
    include_notes: bool = True
    charts: Mapping[str, bytes] = field(default_factory=dict)
    references: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    safety_text: Sequence[str] = ()
    first_entry: date | None = None


# --- words -----------------------------------------------------------------------------------


def readable_date(day: date) -> str:
    """``Tue 3 Mar 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def readable_datetime(moment: datetime) -> str:
    """``Tue 3 Mar 2026, 03:10``."""
    return f"{readable_date(moment.date())}, {moment:%H:%M}"


def period_text(start: date, end: date) -> str:
    """``3 Mar 2026 to 1 Jun 2026``: how every page names the period."""
    return f"{start.day} {start:%b %Y} to {end.day} {end:%b %Y}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = f"{value:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _share(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def _minutes(value: float) -> str:
    return f"{_num(value, 2)} min"


def _muscle_side(e: Episode) -> str:
    muscle = MUSCLE_LABELS[e.muscle]
    if e.side is Side.NOT_APPLICABLE:
        return muscle
    return f"{muscle}, {SIDE_LABELS[e.side].lower()}"


def _doing(e: Episode) -> str:
    words = CONTEXT_LABELS[e.context]
    if e.eased_with_rest is True:
        return f"{words}; eased with rest"
    if e.eased_with_rest is False:
        return f"{words}; did not ease with rest"
    return words


def _top_shares(shares: Mapping[Muscle, float] | Mapping[Context, float], labels: Any) -> str:
    if not shares:
        return "–"
    items = list(shares.items())[:2]
    return ", ".join(f"{labels[key]} {round(value * 100)}%" for key, value in items)


def _profile_line(profile: Profile) -> str:
    diet = "yes" if profile.on_restricted_diet else "no"
    conditions = ", ".join(CONDITION_LABELS[c] for c in _sorted_conditions(profile.conditions))
    return f"Restricted diet: {diet}. Conditions: {conditions or 'none recorded'}."


def _sorted_conditions(conditions: Iterable[Condition]) -> list[Condition]:
    order = {c: i for i, c in enumerate(Condition)}
    return sorted(conditions, key=order.__getitem__)


_SEED = re.compile(r"seeds/(\d{3})_")
_KEY = re.compile(r"^\[([A-Z0-9-]+)\]")


def short_sources(sources: Sequence[str]) -> str:
    """One small-print line naming every source of a sign: seed pages, then reference keys."""
    seeds: list[str] = []
    keys: list[str] = []
    others: list[str] = []
    for line in sources:
        key = _KEY.match(line)
        seed = _SEED.search(line)
        if key:
            if key.group(1) not in keys:
                keys.append(key.group(1))
        elif seed:
            if seed.group(1) not in seeds:
                seeds.append(seed.group(1))
        else:
            others.append(line[:60])
    parts = []
    if seeds:
        parts.append(("seed page " if len(seeds) == 1 else "seed pages ") + ", ".join(seeds))
    parts.extend(keys)
    parts.extend(others)
    return "; ".join(parts)


# --- the document ----------------------------------------------------------------------------


def _font_files() -> tuple[Path, Path, list[Path]]:
    """DejaVu Sans (regular, bold) and the fallback fonts, in the order they are tried.

    Fonts placed in ``assets/fonts`` come first. Then the report's own cut of DejaVu Sans
    (``assets/fonts/report``, made by ``scripts/make-report-fonts``: Latin, Greek, Cyrillic and
    common symbols, quick to load and embed), with matplotlib's whole DejaVu Sans as the first
    fallback for any other character, then STIX and Last Resort.
    """
    import matplotlib

    shipped = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    own = asset_path("fonts")
    cut = own / "report"
    chosen: list[Path] = []
    extra: list[Path] = []
    for name, cut_name in zip(_MATPLOTLIB_FONTS, _REPORT_FONTS, strict=True):
        if (own / name).is_file():
            chosen.append(own / name)
        elif (cut / cut_name).is_file():
            chosen.append(cut / cut_name)
            extra.append(shipped / name)
        else:
            chosen.append(shipped / name)
    regular, bold = chosen
    extra = sorted(p for p in own.glob("*.[ot]tf") if p.name not in _MATPLOTLIB_FONTS) + extra
    extra += [shipped / n for n in _FALLBACK_FONTS if (shipped / n).is_file()]
    return regular, bold, extra


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
            self.quick_text(x, baseline, text)
            return
        self.enable_fallbacks()
        size = self.font_size  # mm
        self.set_xy(x - self.c_margin, baseline - size * 0.8 - (self.h_cell(size) - size) / 2)
        self.cell(h=self.h_cell(size), text=text, new_x=XPos.RIGHT, new_y=YPos.TOP)

    def quick_text(self, x: float, baseline: float, text: str) -> None:
        """What ``FPDF.text`` writes for ``text`` in a font that covers it, without its checks."""
        self.text_runs(baseline, [(x, text)])

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
        half = (self.w - 2 * _MARGIN) / 2
        self.set_xy(_MARGIN, _TOP)
        self.cell(half, 5, f"Cramp diary: {self.running_head}", new_x=XPos.RIGHT)
        self.cell(half, 5, self.prepared, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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
        self.set_xy(_MARGIN, self.h - _BOTTOM)
        self.cell(half, 5, "Holds health data: keep it private.")
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


def _opaque(png: bytes) -> Any:
    """The chart on white without its alpha channel (a PDF image with a mask costs twice)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image


def png_stream(png: bytes) -> bytes | None:
    """The zlib stream of an 8-bit RGB, non-interlaced PNG (its IDAT chunks joined), else None."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR" or len(png) < 33:
        return None
    bit_depth, colour_type, compression, filtering, interlace = png[24:29]
    if (bit_depth, colour_type, compression, filtering, interlace) != (8, 2, 0, 0, 0):
        return None
    parts = []
    at = 8
    while at + 8 <= len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        kind = png[at + 4 : at + 8]
        if at + 12 + length > len(png):
            return None  # cut short
        if kind == b"IDAT":
            parts.append(png[at + 8 : at + 8 + length])
        elif kind == b"IEND":
            return b"".join(parts) if parts else None
        elif kind in (b"PLTE", b"tRNS"):
            return None
        at += 12 + length
    return None


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# --- page 1 ------------------------------------------------------------------------------------


def _span_words(days: int) -> str:
    """``13 weeks`` when the period is whole weeks, else ``92 days``."""
    if days % 7 == 0 and days >= 14:
        return f"{days // 7} weeks"
    return _days(days)


def _page_one(doc: _Document, data: ReportData) -> None:
    current, previous = data.comparison.current, data.comparison.previous
    doc.set_font("Body", "B", 15)
    doc.set_xy(_MARGIN, _BODY_TOP + 0.5)
    doc.cell(_WIDTH, 7, "Muscle cramp diary: summary for a doctor", new_x=XPos.LMARGIN)
    doc.set_y(doc.get_y() + 8.5)
    span = _span_words(current.days)
    doc.para(
        f"Period: {readable_date(data.start)} to {readable_date(data.end)} ({span}), "
        f"beside the {span} before it ({_short(previous.start)} to {_short(previous.end)}).",
        style="B",
    )
    doc.para(f"{_profile_line(data.profile)} This diary does not diagnose.")
    note = _coverage_note(data)
    if note:
        doc.para(note, muted=True, size=_SMALL + 1, line=_SMALL_LINE + 0.4)
    if current.cramps == 0:
        doc.set_y(doc.get_y() + 3)
        doc.para(
            f"No cramps were logged in this period ({period_text(data.start, data.end)}).",
            size=12,
            line=6.5,
            style="B",
        )
    top = doc.get_y() + 2.5
    doc.set_y(top)
    if current.cramps == 0 and previous.cramps == 0:
        _current_medicines(doc, data, _MARGIN, _WIDTH)
    else:
        left_w = 118.0
        _numbers_table(doc, current, previous, left_w)
        left_bottom = doc.get_y()
        right_x = _MARGIN + left_w + 6.0
        doc.set_xy(right_x, top)
        _current_medicines(doc, data, right_x, _PAGE_W - _MARGIN - right_x)
        doc.set_y(max(left_bottom, doc.get_y()))
    _warnings_summary(doc, data)
    pngs = [data.charts[name] for name in PAGE_ONE_CHARTS if name in data.charts]
    if current.cramps and pngs:
        doc.set_y(doc.get_y() + 1.5)
        doc.chart_row(pngs)


def _coverage_note(data: ReportData) -> str:
    """A word when the diary does not cover both periods, so no one reads zeros as good news."""
    previous = data.comparison.previous
    if data.first_entry is None:
        return "The diary holds no cramps yet."
    if data.first_entry > data.end:
        return (
            f"This period ends before the diary's first entry ({readable_date(data.first_entry)})."
        )
    if data.first_entry > previous.start:
        return (
            f"The diary's first entry is on {readable_date(data.first_entry)}, so the earlier "
            "period may be incomplete."
        )
    return ""


def _numbers_table(
    doc: _Document, current: PeriodNumbers, previous: PeriodNumbers, width: float
) -> None:
    label_w = 39.0
    col_w = (width - label_w) / 2
    rows = [
        ("Cramps", str(current.cramps), str(previous.cramps)),
        ("Cramps per week", _rate(current.cramps_per_week), _rate(previous.cramps_per_week)),
        ("Days with cramps", _of(current.cramp_days, current), _of(previous.cramp_days, previous)),
        (
            "Nights with cramps",
            _of(current.cramp_nights, current),
            _of(previous.cramp_nights, previous),
        ),
        (
            "Sleep-related",
            _sleep_words(current),
            _sleep_words(previous),
        ),
        ("Duration, median", _median_mean(current), _median_mean(previous)),
        ("Pain (0–10), mean", _num(current.mean_severity), _num(previous.mean_severity)),
        (
            "Where",
            _top_shares(current.share_by_muscle, MUSCLE_LABELS),
            _top_shares(previous.share_by_muscle, MUSCLE_LABELS),
        ),
        (
            "Doing",
            _top_shares(current.share_by_context, CONTEXT_LABELS),
            _top_shares(previous.share_by_context, CONTEXT_LABELS),
        ),
    ]
    x0 = _MARGIN
    y = doc.get_y()
    heads = ("", "This period", f"The {_span_words(previous.days)} before")
    widths = (label_w, col_w, col_w)
    x = x0
    doc.set_font("Body", "B", _TABLE + 0.5)
    for title, w in zip(heads, widths, strict=True):
        doc.write_at(x + 1.0, y + 3.4, title)
        x += w
    y += _TABLE_LINE + 1.4
    doc.set_line_width(0.3)
    doc.set_draw_color(*_INK)
    doc.line(x0, y, x0 + width, y)
    doc.set_draw_color(*_RULE)
    doc.set_line_width(0.15)
    for label, now, before in rows:
        cells = [
            doc.wrap(label, label_w - 2, "B", _TABLE),
            doc.wrap(now, col_w - 3, "", _TABLE),
            doc.wrap(before, col_w - 3, "", _TABLE),
        ]
        height = max(len(c) for c in cells) * _TABLE_LINE + 1.0
        x = x0
        for index, (lines, w) in enumerate(zip(cells, widths, strict=True)):
            doc.set_font("Body", "B" if index == 0 else "", _TABLE)
            for i, line in enumerate(lines):
                doc.write_at(x + 1.0, y + 3.4 + i * _TABLE_LINE, line)
            x += w
        y += height
        doc.line(x0, y, x0 + width, y)
    doc.set_font("Body", "", _BODY)
    doc.set_y(y + 1.0)


def _of(count: int, n: PeriodNumbers) -> str:
    return f"{count} of {n.days}"


def _rate(per_week: float) -> str:
    """One decimal, but never "0" for a few cramps."""
    return "under 0.1" if 0 < per_week < 0.05 else _num(per_week)


def _sleep_words(n: PeriodNumbers) -> str:
    if n.sleep_related_share is None:
        return "–"
    return f"{_share(n.sleep_related_share)} ({n.sleep_related})"


def _median_mean(n: PeriodNumbers) -> str:
    if n.median_duration_minutes is None:
        return "–"
    return f"{_num(n.median_duration_minutes)} min (mean {_num(n.mean_duration_minutes)})"


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _current_medicines(doc: _Document, data: ReportData, x: float, width: float) -> None:
    doc.set_font("Body", "B", 10.5)
    doc.set_x(x)
    title = (
        "Current medicines"
        if data.end >= data.prepared_on
        else f"Medicines on {readable_date(data.end)}"
    )
    doc.cell(width, 5.5, title, new_x=XPos.LEFT, new_y=YPos.NEXT)
    current = [m for m in data.medicines if m.taken_on(data.end)]
    if not current:
        doc.para("None recorded.", x=x, width=width)
        return
    for m in current:
        since = (
            f"since {readable_date(m.started_on)}"
            if m.started_on is not None
            else "start date not recorded"
        )
        doc.set_y(doc.get_y() + 0.8)
        doc.para(m.name, style="B", x=x, width=width, line=4.4, size=_BODY - 0.5)
        doc.para(
            f"{MEDICINE_CLASS_LABELS[m.med_class]}, {since}",
            x=x,
            width=width,
            size=_TABLE,
            line=_TABLE_LINE,
        )


def _warnings_summary(doc: _Document, data: ReportData) -> None:
    doc.heading(f"Warning signs as of {readable_date(data.end)}", size=11.0, before=3.0)
    if not data.warnings:
        doc.para("No warning sign fired.")
        return
    info = [w for w in data.warnings if w.severity is Severity.INFO]
    for sign in data.warnings:
        if sign.severity is Severity.INFO:
            continue
        doc.ensure(4 * _LINE)
        doc.para(f"{_SEVERITY_WORDS[sign.severity]}: {sign.title}  [{sign.id}]", style="B")
        doc.para(sign.message, size=_BODY - 0.5, line=_LINE - 0.4)
        doc.para(
            f"Sources: {short_sources(sign.sources)}.",
            size=_SMALL,
            line=_SMALL_LINE,
            muted=True,
        )
        doc.set_y(doc.get_y() + 1.4)
    if info:
        doc.para(
            "Good to know: " + "; ".join(f"{w.title} [{w.id}]" for w in info) + ".",
            size=_BODY - 0.5,
            line=_LINE - 0.3,
        )
    doc.para(
        "Each sign's message and sources are quoted in full after this page.",
        size=_SMALL,
        line=_SMALL_LINE,
        muted=True,
    )


# --- the pages after page 1 --------------------------------------------------------------------


def _warnings_in_full(doc: _Document, data: ReportData) -> None:
    doc.add_page()
    doc.heading("Warning signs in full, with their sources", before=0)
    doc.para(
        f"Evaluated on the diary as it stood on {readable_date(data.end)}, using the rules of "
        "Cramp Diary (rules v1.0). Each sign lists the passages it rests on: quotes from the "
        "seed pages the app was built from, then published references.",
        muted=True,
        size=_SMALL + 1,
        line=_SMALL_LINE + 0.5,
    )
    if not data.warnings:
        doc.para("No warning sign fired.")
    keys: list[str] = []
    for sign in data.warnings:
        doc.ensure(5 * _LINE)
        doc.set_y(doc.get_y() + 2.0)
        doc.para(f"{_SEVERITY_WORDS[sign.severity]}: {sign.title}  [{sign.id}]", style="B")
        doc.para(sign.message)
        for line in sign.sources:
            doc.ensure(2 * _SMALL_LINE)
            doc.para(f"• {line}", size=_SMALL, line=_SMALL_LINE, muted=True)
            match = _KEY.match(line)
            if match and match.group(1) not in keys:
                keys.append(match.group(1))
    if keys and data.references:
        doc.heading("References", size=10.5)
        for key in keys:
            if key in data.references:
                title, address = data.references[key]
                doc.ensure(2 * _SMALL_LINE)
                doc.para(f"[{key}] {title}. {address}", size=_SMALL, line=_SMALL_LINE)
    if data.safety_text:
        doc.heading("Always worth knowing (not detected by the diary)", size=10.5)
        for line in data.safety_text:
            doc.para(f"• {line}", size=_SMALL + 1, line=_SMALL_LINE + 0.5)


def _other_charts(doc: _Document, data: ReportData) -> None:
    names = [n for n in OTHER_CHARTS if n in data.charts]
    if not names:
        return
    doc.add_page()
    doc.heading("More charts", before=0)
    for name in names:
        doc.chart(data.charts[name])


def _medicine_timeline(doc: _Document, data: ReportData) -> None:
    start, end = data.start, data.end
    shown = [m for m in data.medicines if _overlaps(m, start, end)]
    others = [m for m in data.medicines if m not in shown]
    row_h = 11.0
    doc.ensure(20.0 + row_h * (len(shown) + 1) + 10.0)
    doc.heading("Medicines over the period", size=12.0, before=5.0)
    if not data.medicines:
        doc.para("No medicines recorded.")
        return
    label_w = 50.0
    x0 = _MARGIN + label_w
    span_w = _WIDTH - label_w
    days = (end - start).days + 1

    def x_of(day: date) -> float:
        return x0 + span_w * (day - start).days / days

    y = doc.get_y() + 1.0
    height = row_h * (len(shown) + 1)
    _time_axis(doc, start, end, x0, span_w, y, height)
    y += 7.5
    for m in shown:
        doc.set_font("Body", "B", _TABLE)
        for i, line in enumerate(doc.wrap(m.name, label_w - 3, "B", _TABLE)[:2]):
            doc.write_at(_MARGIN, y + 4.2 + i * 3.6, line)
        first = max(m.started_on or start, start)
        last = min(m.stopped_on or end, end)
        doc.set_fill_color(60, 60, 60)
        bar_w = max(0.8, x_of(last + timedelta(days=1)) - x_of(first))
        doc.rect(x_of(first), y + 1.8, bar_w, 3.4, "F")
        doc.set_font("Body", "", _SMALL)
        words = _timeline_words(m, start)
        text_x = min(x_of(first), x0 + span_w - doc.width_of(words, "", _SMALL) - 1)
        _label_on_white(doc, max(text_x, x0), y + 8.6, words)
        y += row_h
    # Cramp days on the same time line.
    doc.set_font("Body", "B", _TABLE)
    doc.write_at(_MARGIN, y + 4.2, "Days with cramps")
    doc.set_draw_color(*_INK)
    doc.set_line_width(0.25)
    cramp_days = sorted({e.day for e in data.episodes})
    for day in cramp_days:
        tx = x_of(day) + span_w / days / 2
        doc.line(tx, y + 1.8, tx, y + 5.4)
    doc.set_font("Body", "", _SMALL)
    _label_on_white(doc, x0, y + 8.6, f"one mark per day with a cramp ({_days(len(cramp_days))})")
    doc.set_draw_color(*_RULE)
    doc.set_y(y + row_h)
    if others:
        doc.para(
            "Not taken during the period: "
            + "; ".join(f"{m.name} ({_taken_words(m)})" for m in others)
            + ".",
            size=_TABLE,
            line=_TABLE_LINE,
        )


def _time_axis(
    doc: _Document, start: date, end: date, x0: float, span_w: float, y: float, height: float
) -> None:
    """Years (and months, when there is room) along the top, with light lines down the rows."""
    days = (end - start).days + 1

    def x_of(day: date) -> float:
        return x0 + span_w * (day - start).days / days

    month_w = span_w * 30.44 / days
    doc.set_font("Body", "", _SMALL)
    doc.set_text_color(*_MUTED)
    doc.set_draw_color(215, 215, 215)
    doc.set_line_width(0.15)
    top, bottom = y + 7.5, y + 7.5 + height
    doc.line(x0, top, x0 + span_w, top)
    show_months = month_w >= doc.width_of("May", "", _SMALL) + 2.0
    year_w = doc.width_of("0000", "", _SMALL) + 2.0
    right = x0 + span_w
    new_year = date(start.year + 1, 1, 1)
    # The start's year is named unless the next 1 January is too close (that one is named).
    skip_start = new_year <= end and x_of(new_year) - x0 < year_w
    free_from = x0
    for tick in _month_ticks(start, end):
        tx = x_of(tick)
        is_year = tick == start or (tick.month == 1 and tick.day == 1)
        if month_w >= 2.5 or is_year:
            doc.line(tx, top, tx, bottom)
        named = is_year and not (tick == start and skip_start)
        if named and tx >= free_from and tx + year_w <= right + 1.0:
            doc.write_at(tx + 0.6, y + 2.8, f"{tick:%Y}")
            free_from = tx + year_w
        label = f"{tick:%b}"
        fits = tx + doc.width_of(label, "", _SMALL) + 1.0 <= right
        if show_months and tick.day == 1 and fits:
            doc.write_at(tx + 0.6, y + 6.3, label)
    doc.set_text_color(*_INK)


def _label_on_white(doc: _Document, x: float, baseline: float, text: str) -> None:
    """Small text on a white patch, so month lines never strike through it."""
    doc.set_fill_color(255, 255, 255)
    width = doc.width_of(text, "", _SMALL)
    doc.rect(x - 0.4, baseline - 2.6, width + 0.8, 3.4, "F")
    doc.write_at(x, baseline, text)


def _timeline_words(m: Medicine, start: date) -> str:
    words = (
        f"started {readable_date(m.started_on)}"
        if m.started_on is not None
        else "start date not recorded"
    )
    if m.stopped_on is not None:
        return f"{words}, stopped {readable_date(m.stopped_on)}"
    if m.started_on is not None and m.started_on < start:
        return f"{words}; taken all through the period"
    return words


def _taken_words(m: Medicine) -> str:
    if m.started_on is None and m.stopped_on is not None:
        return f"stopped {readable_date(m.stopped_on)}"
    if m.started_on is not None and m.stopped_on is not None:
        return f"{readable_date(m.started_on)} to {readable_date(m.stopped_on)}"
    if m.started_on is not None:
        return f"starts {readable_date(m.started_on)}"
    return "dates not recorded"


def _overlaps(m: Medicine, start: date, end: date) -> bool:
    if m.started_on is not None and m.started_on > end:
        return False
    return not (m.stopped_on is not None and m.stopped_on < start)


def _month_ticks(start: date, end: date) -> list[date]:
    ticks = [start]
    day = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    while day <= end:
        ticks.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return ticks


# --- the table of every cramp (landscape pages) ------------------------------------------------

_LANDSCAPE_WIDTH: Final = _PAGE_H - 2 * _MARGIN  # 267 mm
_COLUMNS_WITH_NOTES: Final = (
    ("When", 39.0),
    ("Muscle, side", 31.0),
    ("Lasted", 16.0),
    ("Pain", 12.0),
    ("Doing", 38.0),
    ("Symptoms", 30.0),
    ("Medicines", 37.0),
    ("Notes", 64.0),
)
_COLUMNS_WITHOUT_NOTES: Final = (
    ("When", 39.0),
    ("Muscle, side", 30.0),
    ("Lasted", 17.0),
    ("Pain", 13.0),
    ("Doing", 50.0),
    ("Symptoms", 55.0),
    ("Medicines", 63.0),
)
_MEDICINES_COLUMN: Final = 6
_AS_ABOVE: Final = "as above"


def _cells(e: Episode, include_notes: bool) -> list[str]:
    cells = [
        readable_datetime(e.started_at),
        _muscle_side(e),
        _minutes(e.duration_minutes),
        f"{e.severity_0_10}/10",
        _doing(e),
        ", ".join(SYMPTOM_LABELS[s] for s in e.symptoms),
        ", ".join(m.name for m in e.medications) or "none",
    ]
    if include_notes:
        cells.append(e.notes)
    return cells


class _EpisodeTable:
    """Rows drawn line by line: the header repeats on every page, a row never splits unless it
    is taller than a whole page, and a medicine list equal to the row above reads "as above"."""

    pad = 0.9
    row_pad = 1.6

    def __init__(self, doc: _Document, data: ReportData) -> None:
        self.doc = doc
        self.columns = _COLUMNS_WITH_NOTES if data.include_notes else _COLUMNS_WITHOUT_NOTES
        self.widths = [w for _, w in self.columns]
        self.include_notes = data.include_notes

    def header(self, y: float) -> float:
        doc = self.doc
        doc.set_font("Body", "B", _TABLE)
        x = _MARGIN
        for title, w in self.columns:
            doc.write_at(x + self.pad, y + 3.3, title)
            x += w
        y += 5.0
        doc.set_draw_color(*_INK)
        doc.set_line_width(0.3)
        doc.line(_MARGIN, y, _MARGIN + _LANDSCAPE_WIDTH, y)
        doc.set_draw_color(*_RULE)
        doc.set_line_width(0.12)
        doc.set_font("Body", "", _TABLE)
        return y

    def new_page(self) -> float:
        doc = self.doc
        doc.add_page(orientation="L")
        doc.set_font("Body", "", _SMALL + 1)
        doc.set_text_color(*_MUTED)
        doc.write_at(_MARGIN, _BODY_TOP + 2.5, "Every cramp logged (continued)")
        doc.set_text_color(*_INK)
        return self.header(_BODY_TOP + 4.0)

    def wrapped(self, cells: list[str]) -> list[list[str]]:
        return [
            self.doc.wrap(text, w - 2 * self.pad)
            for text, w in zip(cells, self.widths, strict=True)
        ]

    def draw(self, episodes: Sequence[Episode], y: float) -> float:
        doc = self.doc
        limit = doc.limit
        full_page = limit - (_BODY_TOP + 9.0)
        y = self.header(y)
        previous_meds: str | None = None
        for e in episodes:
            cells = _cells(e, self.include_notes)
            meds = cells[_MEDICINES_COLUMN]
            if meds == previous_meds:
                cells[_MEDICINES_COLUMN] = _AS_ABOVE
            wrapped = self.wrapped(cells)
            lines = max(len(c) for c in wrapped)
            height = lines * _TABLE_LINE + self.row_pad
            if y + height > limit and (height <= full_page or y + 3 * _TABLE_LINE > limit):
                y = self.new_page()
                cells[_MEDICINES_COLUMN] = meds  # a new page names the medicines again
                wrapped = self.wrapped(cells)
                lines = max(len(c) for c in wrapped)
                height = lines * _TABLE_LINE + self.row_pad
            previous_meds = meds
            for i in range(lines):
                if i and y + 1.0 + (i + 1) * _TABLE_LINE > limit:
                    # Only a row taller than a page gets here: it carries on over the break.
                    y = self.new_page() - i * _TABLE_LINE
                self.line_of_row(wrapped, i, y + 3.6 + i * _TABLE_LINE)
            y += height
            doc.line(_MARGIN, y, _MARGIN + _LANDSCAPE_WIDTH, y)
        return y

    def line_of_row(self, wrapped: list[list[str]], i: int, baseline: float) -> None:
        doc = self.doc
        x = _MARGIN
        runs: list[tuple[float, str]] = []
        for column, (cell, w) in enumerate(zip(wrapped, self.widths, strict=True)):
            if i < len(cell) and cell[i]:
                text = cell[i]
                if column == _MEDICINES_COLUMN and text == _AS_ABOVE:
                    doc.set_text_color(*_MUTED)
                    doc.write_at(x + self.pad, baseline, text)
                    doc.set_text_color(*_INK)
                elif doc.covers(text):
                    runs.append((x + self.pad, text))
                else:
                    doc.write_at(x + self.pad, baseline, text)
            x += w
        if runs:
            doc.text_runs(baseline, runs)


def _episode_table(doc: _Document, data: ReportData) -> None:
    episodes = sorted(data.episodes, key=lambda e: (e.started_at, e.id))
    n = len(episodes)
    doc.add_page(orientation="L")
    doc.set_font("Body", "B", 12)
    doc.set_xy(_MARGIN, _BODY_TOP)
    doc.cell(
        _LANDSCAPE_WIDTH,
        6,
        f"Every cramp logged, {period_text(data.start, data.end)} "
        f"({n} cramp{'s' if n != 1 else ''}, oldest first)",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    y = doc.get_y() + 0.5
    if not data.include_notes:
        doc.set_font("Body", "", _TABLE)
        doc.set_text_color(*_MUTED)
        doc.write_at(_MARGIN, y + 3.0, "Notes are left out of this copy.")
        doc.set_text_color(*_INK)
        y += _TABLE_LINE + 0.5
    y = _EpisodeTable(doc, data).draw(episodes, y)
    doc.set_font("Body", "", _BODY)
    doc.set_y(y + 2.0)


# --- entry point -------------------------------------------------------------------------------


def render(data: ReportData) -> bytes:
    """The whole report as PDF bytes."""
    if data.end < data.start:
        raise ValueError(f"the period ends ({data.end}) before it starts ({data.start})")
    doc = _Document(
        period_text(data.start, data.end), f"Prepared {readable_date(data.prepared_on)}"
    )
    try:
        _lay_out(doc, data)
        return bytes(doc.output())  # closes the font files
    except BaseException:
        doc.close_fonts()
        raise


def _lay_out(doc: _Document, data: ReportData) -> None:
    doc.add_page()
    _page_one(doc, data)
    if data.comparison.current.cramps == 0:
        doc.set_y(doc.get_y() + 3.0)
        doc.para(
            "With no cramps in the period, this report has no charts and no table of cramps.",
            muted=True,
        )
        return
    _warnings_in_full(doc, data)
    _other_charts(doc, data)
    _medicine_timeline(doc, data)
    _episode_table(doc, data)
