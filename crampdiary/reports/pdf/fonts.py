"""Which font files the report uses, and in what order fallbacks are tried: fonts placed in
``assets/fonts``, the report's own cut of DejaVu Sans (``assets/fonts/report``), then
matplotlib's DejaVu Sans, STIX and Last Resort."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from crampdiary.resources import asset_path

_MATPLOTLIB_FONTS: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
_REPORT_FONTS: Final = ("DejaVuSans-Report.ttf", "DejaVuSans-Bold-Report.ttf")
_FALLBACK_FONTS: Final = ("STIXGeneral.ttf", "LastResortHE-Regular.ttf")


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
