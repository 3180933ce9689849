"""How the report embeds its charts and fonts: the chart PNGs go in unchanged and print the same
pixels; the report's cut of DejaVu Sans covers every word the report writes itself, and a note in
any other script still prints, through the whole font."""

from __future__ import annotations

import io
import shutil
import subprocess
import zlib
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from crampdiary.reports import pdf
from crampdiary.reports.pdf import _Document, png_stream
from crampdiary.services.report import build_report
from tests.reports.test_pdf import END, EPISODES, START, _chart_png, _episode, make_diary, pdf_text

needs_poppler = pytest.mark.skipif(
    shutil.which("pdfimages") is None, reason="needs poppler-utils (scripts/setup)"
)


def rgb(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def encoded(image: Image.Image, **options: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", **options)
    return buf.getvalue()


def interlaced(png: bytes) -> bytes:
    """The same PNG marked interlaced (Pillow writes none; only the header byte matters here)."""
    return png[:28] + b"\x01" + png[29:]


def test_an_rgb_png_gives_its_compressed_pixels() -> None:
    png = _chart_png()
    stream = png_stream(png)
    assert stream is not None
    width, height = Image.open(io.BytesIO(png)).size
    rows = zlib.decompress(stream)
    assert len(rows) == height * (1 + 3 * width)  # a filter byte, then RGB, for each row


@pytest.mark.parametrize(
    "png",
    [
        encoded(Image.new("RGBA", (20, 10), (10, 20, 30, 128))),
        encoded(Image.new("RGB", (20, 10), "white").convert("P")),
        encoded(Image.new("L", (20, 10), 128)),
        interlaced(encoded(Image.new("RGB", (20, 10), "white"))),
        encoded(Image.new("RGB", (20, 10), "white"))[:-20],  # cut short
        b"not a png at all, but long enough to have a header...",
    ],
    ids=["rgba", "palette", "grey", "interlaced", "cut-short", "not-png"],
)
def test_other_pngs_are_not_copied_as_they_are(png: bytes) -> None:
    assert png_stream(png) is None


@needs_poppler
def test_charts_print_the_pixels_they_were_drawn_with(tmp_path: Path) -> None:
    chart = _chart_png()
    faded = Image.new("RGBA", (200, 120), (200, 30, 30, 255))
    faded.paste((0, 0, 0, 0), (0, 0, 100, 120))  # half transparent: goes the slow way, on white
    doc = _Document("a period", "Prepared today")
    doc.add_page()
    doc.chart(chart)
    doc.chart(encoded(faded))
    doc.chart(chart)  # the same chart twice is stored once
    out = tmp_path / "charts.pdf"
    out.write_bytes(bytes(doc.output()))
    listing = subprocess.run(
        ["pdfimages", "-list", str(out)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert len(listing) == 3
    assert len({line.split()[10] for line in listing}) == 2  # object ids: one shared
    subprocess.run(["pdfimages", "-png", str(out), str(tmp_path / "img")], check=True)
    printed = sorted(tmp_path.glob("img-*.png"))
    assert np.array_equal(rgb(printed[0].read_bytes()), rgb(chart))
    flat = rgb(printed[1].read_bytes())
    assert tuple(flat[60, 20]) == (255, 255, 255) and tuple(flat[60, 150]) == (200, 30, 30)


def test_the_reports_own_words_need_no_fallback_font(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everything the report writes itself is in the quick cut of the font (the slow whole font
    is loaded only for a note in another script)."""
    regular, bold, extra = pdf._font_files()
    assert regular.parent.name == bold.parent.name == "report"
    assert [p.name for p in extra[:2]] == ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]
    loaded: list[str] = []
    real = _Document.enable_fallbacks

    def spy(self: _Document) -> None:
        loaded.append("fallbacks")
        real(self)

    monkeypatch.setattr(_Document, "enable_fallbacks", spy)
    diary = make_diary(tmp_path / "diary.db")
    try:
        build_report(diary, tmp_path / "no-notes.pdf", START, END, include_notes=False)
        assert loaded == []
        build_report(diary, tmp_path / "notes.pdf", START, END)  # Hebrew and Chinese notes
        assert loaded
    finally:
        diary.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_a_note_outside_the_cut_prints_through_the_whole_font(tmp_path: Path) -> None:
    armenian = "Բարեւ, ցավը անցավ"  # in DejaVu Sans, not in the report's cut
    episodes = (*EPISODES, _episode(datetime(2026, 3, 10, 2, 0), notes=armenian))
    diary = make_diary(tmp_path / "diary.db", episodes)
    try:
        out = build_report(diary, tmp_path / "report.pdf", START, END)
    finally:
        diary.close()
    assert armenian in pdf_text(out)
