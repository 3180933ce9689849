"""The doctor-visit report, read back from the PDF with poppler's pdftotext.

A small diary with known cramps (dates, notes in several scripts, a long cramp, swelling, a statin)
checks what a doctor reads: counts beside the previous period, every warning sign with its id and
message (urgent first), readable dates, every page's period and "Page N of M", notes in or out.
The demo diary checks the same at a realistic size.
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from crampdiary.domain import (
    Condition,
    Context,
    Episode,
    MedicationTaken,
    Medicine,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
)
from crampdiary.reports.pdf import (
    _Document,
    period_text,
    png_size,
    readable_date,
    readable_datetime,
)
from crampdiary.services import Diary
from crampdiary.services.demo import demo_document
from crampdiary.services.insights import current_warnings
from crampdiary.services.report import build_report, report_data

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils; scripts/setup)"
)

NOW = datetime(2026, 3, 21, 12, 0)
START, END = date(2026, 2, 20), date(2026, 3, 21)  # 30 days; the 30 before: 21 Jan - 19 Feb
STATIN = Medicine("Atorvastatin 20 mg", MedicineClass.STATIN, date(2026, 3, 1))
OLD_MEDICINE = Medicine(
    "Bendroflumethiazide 2.5 mg", MedicineClass.DIURETIC, date(2025, 1, 5), date(2025, 6, 30)
)
NOTES = {
    "french": "Crampe au mollet — réveillé deux fois ✓",
    "scripts": "Ωμέγα, Привет, 漢字, שלום",
    "long": "Woke me at 3 — stretched it out, eased after a couple of minutes, then slept.",
}


def pdf_text(path: Path, *, page: int | None = None, layout: bool = False) -> str:
    command = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        command.append("-layout")
    if page is not None:
        command += ["-f", str(page), "-l", str(page)]
    command += [str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def images_on_page(path: Path, page: int) -> int:
    listing = subprocess.run(
        ["pdfimages", "-list", "-f", str(page), "-l", str(page), str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return len(listing.splitlines()) - 2  # two header lines


def page_count(path: Path) -> int:
    return len(pdf_text(path).split("\f")) - 1


def flat(text: str) -> str:
    """Whitespace (line breaks included) as single spaces, for text that wraps."""
    return " ".join(text.split())


def _episode(at: datetime, **fields: object) -> Episode:
    values: dict[str, object] = {
        "duration_minutes": 2.0,
        "muscle": Muscle.CALF,
        "side": Side.LEFT,
        "severity_0_10": 5,
        "context": Context.ASLEEP,
    }
    values.update(fields)
    return Episode(started_at=at, **values)  # type: ignore[arg-type]


STATIN_TAKEN = (MedicationTaken(STATIN.name, STATIN.med_class, STATIN.started_on),)
EPISODES = (
    # The 30 days before the period: two cramps.
    _episode(datetime(2026, 2, 10, 3, 0)),
    _episode(datetime(2026, 2, 12, 2, 0), side=Side.RIGHT),
    # The period: four cramps.
    _episode(
        datetime(2026, 3, 3, 3, 10),
        duration_minutes=2.5,
        severity_0_10=6,
        notes=NOTES["french"],
    ),
    _episode(
        datetime(2026, 3, 5, 23, 40),
        muscle=Muscle.FOOT,
        side=Side.RIGHT,
        duration_minutes=1,
        severity_0_10=4,
        context=Context.IN_BED_AWAKE,
        notes=NOTES["scripts"],
    ),
    _episode(
        datetime(2026, 3, 14, 15, 0),
        side=Side.RIGHT,
        duration_minutes=12,
        severity_0_10=8,
        context=Context.WALKING,
        eased_with_rest=True,
        symptoms=(Symptom.SWELLING,),
        medications=STATIN_TAKEN,
        notes=NOTES["long"],
    ),
    _episode(
        datetime(2026, 3, 20, 4, 0),
        muscle=Muscle.THIGH_BACK,
        side=Side.BOTH,
        duration_minutes=3,
        medications=STATIN_TAKEN,
    ),
)


def make_diary(path: Path, episodes: tuple[Episode, ...] = EPISODES) -> Diary:
    diary = Diary.open(path, clock=lambda: NOW, auto_backup=False)
    for episode in episodes:
        diary.log_episode(episode)
    diary.save_medicine(STATIN)
    diary.save_medicine(OLD_MEDICINE)
    diary.save_profile(Profile(on_restricted_diet=True, conditions=(Condition.DIABETES,)))
    return diary


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """The small diary's report built once with notes and once without (charts included)."""
    folder = tmp_path_factory.mktemp("report")
    diary = make_diary(folder / "diary.db")
    try:
        yield {
            "notes": build_report(diary, folder / "with-notes.pdf", START, END),
            "no_notes": build_report(
                diary, folder / "no-notes.pdf", START, END, include_notes=False
            ),
            "diary": folder / "diary.db",
        }
    finally:
        diary.close()


def test_page_one_gives_the_period_the_numbers_beside_the_previous_period_and_the_profile(
    reports: dict[str, Path],
) -> None:
    page_one = pdf_text(reports["notes"], page=1, layout=True)
    words = flat(pdf_text(reports["notes"], page=1))
    assert (
        "Period: Fri 20 Feb 2026 to Sat 21 Mar 2026 (30 days), beside the 30 days before it "
        "(21 Jan 2026 to 19 Feb 2026)." in words
    )
    assert re.search(r"^\s*Cramps\s+4\s+2\s", page_one, re.MULTILINE)
    assert re.search(r"^\s*Days with cramps\s+4 of 30\s+2 of 30\s", page_one, re.MULTILINE)
    # 4 cramps in 30 days is 0.93 a week; 2 is 0.47.
    assert re.search(r"^\s*Cramps per week\s+0\.9\s+0\.5\s", page_one, re.MULTILINE)
    # Median of 1, 2.5, 3, 12 minutes is 2.75 (shown to one decimal), mean 4.6.
    assert re.search(r"Duration, median\s+2\.8 min \(mean 4\.6\)", page_one)
    assert "Restricted diet: yes. Conditions: Diabetes. This diary does not diagnose." in words
    assert "Current medicines" in page_one
    assert "Atorvastatin 20 mg" in page_one
    assert "Cholesterol (statin), since Sun 1 Mar" in words
    assert "Bendroflumethiazide" not in page_one  # stopped in 2025: not a current medicine
    # The weekly trend and time-of-night charts are the two pictures on page 1.
    assert images_on_page(reports["notes"], 1) == 2


def test_every_warning_sign_is_there_with_its_id_message_and_sources_urgent_first(
    reports: dict[str, Path],
) -> None:
    diary = Diary.open(reports["diary"], clock=lambda: NOW, auto_backup=False)
    try:
        signs = current_warnings(diary, END)
    finally:
        diary.close()
    ids = [s.id for s in signs]
    assert {"W-DURATION-LONG", "W-SWELLING-REDNESS", "W-MEDICATION-STATIN"} <= set(ids)
    assert "W-DIET-ELECTROLYTES" in ids
    page_one = flat(pdf_text(reports["notes"], page=1))
    everything = flat(pdf_text(reports["notes"]))
    for sign in signs:
        assert f"[{sign.id}]" in page_one
        assert flat(sign.message) in everything
        for source in sign.sources:
            assert flat(source) in everything, source
    urgent = page_one.index("[W-DURATION-LONG]")
    assert urgent < page_one.index("[W-MEDICATION-STATIN]")
    assert "URGENT: get medical advice today: A cramp lasting" in page_one
    assert "Sources: seed page" in page_one and "NHS-LC" in page_one


def test_every_cramp_is_in_the_table_with_a_readable_date(reports: dict[str, Path]) -> None:
    text = pdf_text(reports["notes"], layout=True)
    assert "Every cramp logged, 20 Feb 2026 to 21 Mar 2026 (4 cramps, oldest first)" in text
    assert "Tue 3 Mar 2026, 03:10" in text
    rows = [line for line in text.splitlines() if re.match(r"\s*\w{3} \d{1,2} \w{3} 2026, ", line)]
    assert len(rows) == 4, rows
    walking = next(row for row in rows if "Sat 14 Mar 2026, 15:00" in row)
    for cell in ("Calf, right", "12 min", "8/10", "Walking; eased with rest", "Swelling"):
        assert cell in walking
    assert "Back of thigh, both" in text
    assert "2026-03-03" not in text  # dates are for people, not ISO


def test_notes_print_in_any_script(reports: dict[str, Path]) -> None:
    text = pdf_text(reports["notes"])
    assert NOTES["french"] in text
    for word in ("Ωμέγα", "Привет", "漢字"):
        assert word in text
    assert "שלום" in text or "םולש" in text  # right to left: stored in the order it is seen
    assert flat(NOTES["long"]) in flat(text)


def test_no_notes_leaves_every_note_out(reports: dict[str, Path]) -> None:
    text = pdf_text(reports["no_notes"])
    assert "Notes are left out of this copy." in text
    for word in ("Crampe", "réveillé", "✓", "Ωμέγα", "Привет", "漢字", "שלום", "םולש", "slept"):
        assert word not in text, word
    assert "Woke me" not in text and "stretched it out" not in text
    assert "Tue 3 Mar 2026, 03:10" in text  # the cramps themselves are all still there


def test_every_page_shows_the_period_and_page_n_of_m(reports: dict[str, Path]) -> None:
    for report in (reports["notes"], reports["no_notes"]):
        pages = page_count(report)
        assert pages >= 5  # summary, sources, charts, timeline and table
        for number in range(1, pages + 1):
            text = pdf_text(report, page=number)
            assert period_text(START, END) in text, number
            assert f"Page {number} of {pages}" in text, number


def test_the_file_is_owner_only_and_complete(reports: dict[str, Path]) -> None:
    mode = stat.S_IMODE(reports["notes"].stat().st_mode)
    assert mode == 0o600
    assert reports["notes"].read_bytes().startswith(b"%PDF-")
    assert reports["notes"].read_bytes().rstrip().endswith(b"%%EOF")
    assert not list(reports["notes"].parent.glob(".*partial*"))


def test_an_empty_period_gives_a_short_report_that_says_so(tmp_path: Path) -> None:
    diary = make_diary(tmp_path / "diary.db")
    try:
        out = build_report(diary, tmp_path / "empty.pdf", date(2025, 7, 1), date(2025, 7, 31))
    finally:
        diary.close()
    assert page_count(out) == 1
    text = flat(pdf_text(out))
    assert "No cramps were logged in this period (1 Jul 2025 to 31 Jul 2025)." in text
    assert "Page 1 of 1" in text
    assert "Every cramp logged" not in text
    assert "no charts and no table of cramps" in text
    assert "This period ends before the diary's first entry (Tue 10 Feb 2026)." in text


def test_a_period_with_cramps_only_before_it_still_compares(tmp_path: Path) -> None:
    diary = make_diary(tmp_path / "diary.db")
    try:
        out = build_report(diary, tmp_path / "quiet.pdf", date(2026, 2, 13), date(2026, 2, 15))
    finally:
        diary.close()
    text = pdf_text(out, layout=True)
    assert "No cramps were logged in this period" in text
    assert re.search(r"^\s*Cramps\s+0\s+2\s", text, re.MULTILINE)


def test_table_headers_repeat_and_a_note_longer_than_a_page_prints_whole(tmp_path: Path) -> None:
    words = [f"word{i:04d}" for i in range(1100)]  # 9,899 characters: taller than a page
    many = tuple(
        _episode(datetime(2026, 3, 1 + i % 20, 1 + i % 20, i % 60), notes="ok") for i in range(90)
    )
    long_note = _episode(datetime(2026, 3, 21, 4, 0), notes=" ".join(words))
    diary = make_diary(tmp_path / "diary.db", (*many, long_note))
    try:
        data = report_data(diary, START, END, with_charts=False)
    finally:
        diary.close()
    from crampdiary.reports.pdf import render

    out = tmp_path / "long.pdf"
    out.write_bytes(render(data))
    text = pdf_text(out)
    for word in words:
        assert word in text
    first_table_page = next(
        n for n in range(1, page_count(out) + 1) if "Every cramp logged," in pdf_text(out, page=n)
    )
    table_pages = range(first_table_page, page_count(out) + 1)
    assert len(table_pages) >= 4
    for number in table_pages:
        page = pdf_text(out, page=number, layout=True)
        assert re.search(r"When\s+Muscle, side\s+Lasted\s+Pain\s+Doing", page), number
        if number > first_table_page:
            assert "Every cramp logged (continued)" in page


def test_a_chart_never_splits_across_pages() -> None:
    doc = _Document(period_text(START, END), "Prepared today")
    try:
        doc.add_page()
        png = _chart_png()
        width, height = png_size(png)
        doc.set_y(doc.limit - 20)  # 20 mm left: less than the chart needs
        doc.chart(png)
        assert doc.page_no() == 2
        assert doc.get_y() <= doc.limit
        assert doc.get_y() - 2.0 == pytest.approx(19.0 + 180.0 * height / width)
    finally:
        doc.close_fonts()


def _chart_png() -> bytes:
    from crampdiary.reports.charts import weekly_trend

    return weekly_trend(list(EPISODES), START, END, size=(8, 4.5), dpi=50)


@pytest.mark.parametrize(
    ("moment", "words"),
    [
        (datetime(2026, 3, 3, 3, 10), "Tue 3 Mar 2026, 03:10"),
        (datetime(2026, 11, 22, 23, 5), "Sun 22 Nov 2026, 23:05"),
        (datetime(2025, 1, 1, 0, 0), "Wed 1 Jan 2025, 00:00"),
    ],
)
def test_readable_dates(moment: datetime, words: str) -> None:
    assert readable_datetime(moment) == words
    assert readable_date(moment.date()) == words.split(",")[0]


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A 12-month demo diary: its last 6 months with and without notes."""
    folder = tmp_path_factory.mktemp("demo-report")
    now = datetime(2026, 11, 22, 10, 0)
    diary = Diary.open(folder / "demo.db", clock=lambda: now, auto_backup=False)
    try:
        diary.import_document(demo_document(end=now, months=12), source="demo")
        start, end = date(2026, 5, 26), date(2026, 11, 22)
        episodes = diary.episodes(start, end)
        make: Callable[[str, bool], Path] = lambda name, notes: build_report(  # noqa: E731
            diary, folder / name, start, end, include_notes=notes
        )
        return {
            "episodes": episodes,
            "notes": make("with.pdf", True),
            "no_notes": make("without.pdf", False),
        }
    finally:
        diary.close()


def test_demo_report_counts_and_notes(demo_reports: dict[str, object]) -> None:
    episodes = demo_reports["episodes"]
    assert isinstance(episodes, list)
    with_notes, without = demo_reports["notes"], demo_reports["no_notes"]
    assert isinstance(with_notes, Path) and isinstance(without, Path)
    n = len(episodes)
    text = pdf_text(with_notes, layout=True)
    assert f"({n} cramps, oldest first)" in text
    assert re.search(rf"^\s*Cramps\s+{n}\s", text, re.MULTILINE)
    for e in episodes:
        assert readable_datetime(e.started_at) in text
    notes = {e.notes for e in episodes if e.notes}
    assert any("✓" in note for note in notes) and any("réveillé" in note for note in notes)
    plain = flat(pdf_text(with_notes))
    for note in notes:
        assert flat(note) in plain, note
    stripped = pdf_text(without)
    for note in notes:
        assert flat(note) not in flat(stripped)
    assert "✓" not in stripped and "réveillé" not in stripped and "Wadenkrampf" not in stripped
