"""Insights: the trial-grade numbers for a chosen period beside the period of the same length before
it, today's warning signs with their sources, and the charts.

The period always ends today (``app.clock()``): 4 weeks, 3 months, a year, or dates the person
types. Numbers and warnings come from ``services.insights`` in one background task; each chart is
its own background task (``render_chart`` → PNG bytes at the image's pixel size, decoded there
too), copied into that chart's ``Image`` texture on the UI thread. Charts are redrawn when the
period, the theme, the text size, the data or the image's size changes; an older drawing still
queued is skipped. After a save the same numbers and signs are updated in place, not rebuilt.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from kivy.app import App
from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.screenmanager import Screen

from crampdiary.domain.enums import CONTEXT_LABELS, MUSCLE_LABELS
from crampdiary.ui.insights_widgets import ChartView, NumberRow, SignCard, chart_pixels
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.widgets.words import parse_day

log = logging.getLogger(__name__)

WIDE_FROM_DP = 960
"""Two columns (numbers beside warnings, charts in pairs) from this window width."""

CHART_NAMES = (
    "weekly_trend",
    "time_of_night",
    "muscle_heatmap",
    "duration_severity",
    "fluids_exercise",
    "medicine_before_after",
)
CHART_DPI = 100
"""Dots per inch at normal text size on a normal-density screen: 13 pt chart text ≈ 18 px."""
TWO_CHARTS_FROM_INCHES = 6.0
"""Charts side by side only when each is at least this wide at the chart dpi: narrower, the charts
shrink their type to fit their layout, so larger text would not make them any easier to read."""
MAX_CUSTOM_DAYS = 5 * 366
THIN = 4
"""Fewer cramps than this in a period: the numbers say they cannot tell much."""
TOP_SHARES = 3

LEVEL_RANK = {"urgent": 0, "see-doctor": 1, "info": 2}


class Period(StrEnum):
    WEEKS_4 = "4w"
    MONTHS_3 = "3m"
    YEAR = "1y"
    CUSTOM = "custom"


PERIOD_WORDS = {
    Period.WEEKS_4: ("these 4 weeks", "the 4 weeks before"),
    Period.MONTHS_3: ("these 3 months", "the 3 months before"),
    Period.YEAR: ("this year", "the year before"),
    Period.CUSTOM: ("these dates", "the same length before"),
}


# --- dates ------------------------------------------------------------------------------------


def months_back(day: date, months: int) -> date:
    """The same day of the month ``months`` earlier (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def period_dates(period: Period, today: date) -> tuple[date, date]:
    """First and last date of a chosen period that ends today (both included)."""
    if period is Period.WEEKS_4:
        return today - timedelta(days=27), today
    months = 3 if period is Period.MONTHS_3 else 12
    return months_back(today, months) + timedelta(days=1), today


def day_words(day: date) -> str:
    """``1 Sep 2026``."""
    return f"{day.day} {day:%b %Y}"


def span_words(start: date, end: date) -> str:
    """``26 Oct to 22 Nov 2026`` (the first year left out when both are in the same year)."""
    first = f"{start.day} {start:%b}" if start.year == end.year else day_words(start)
    return f"{first} to {day_words(end)}"


def check_custom(first_text: str, last_text: str, today: date) -> tuple[date, date]:
    """The typed period, or ``ValueError`` with a plain sentence saying what to change."""
    if not first_text.strip():
        raise ValueError("Please write the first date, like 1 Sep 2026.")
    if not last_text.strip():
        raise ValueError("Please write the last date, like 22 Nov 2026.")
    start, end = parse_day(first_text), parse_day(last_text)
    if end > today:
        raise ValueError(f"The last date can't be after today ({day_words(today)}).")
    if start > end:
        raise ValueError("The first date must be on or before the last date.")
    if (end - start).days + 1 > MAX_CUSTOM_DAYS:
        raise ValueError("Please choose at most 5 years.")
    return start, end


# --- numbers as words -------------------------------------------------------------------------


def share_words(value: float | None) -> str:
    if value is None:
        return "no cramps"
    if 0 < value < 0.005:
        return "under 1%"
    return f"{value * 100:.0f}%"


def minutes_words(value: float | None) -> str:
    return "no cramps" if value is None else f"{value:.1f} min"


def severity_words(value: float | None) -> str:
    return "no cramps" if value is None else f"{value:.1f} / 10"


def _top(current: Mapping, previous: Mapping) -> list:
    """The most frequent keys of this period (of the one before when this one is empty)."""
    ranked = list(current) or list(previous)
    return ranked[:TOP_SHARES]


def number_rows(comparison) -> list[NumberRow]:
    """The table's rows for a ``PeriodComparison``: each number beside the one before."""
    now, before = comparison.current, comparison.previous
    rows = [
        NumberRow("cramps", "Cramps", str(now.cramps), str(before.cramps)),
        NumberRow(
            "cramps_per_week",
            "Cramps per week",
            f"{now.cramps_per_week:.1f}",
            f"{before.cramps_per_week:.1f}",
        ),
        NumberRow(
            "cramp_days",
            "Cramp days",
            f"{now.cramp_days} of {now.days}",
            f"{before.cramp_days} of {before.days}",
        ),
        NumberRow("cramp_nights", "Cramp nights", str(now.cramp_nights), str(before.cramp_nights)),
        NumberRow(
            "sleep_related_share",
            "Share in bed or asleep",
            share_words(now.sleep_related_share),
            share_words(before.sleep_related_share),
        ),
        NumberRow(
            "median_duration_minutes",
            "Typical length (median)",
            minutes_words(now.median_duration_minutes),
            minutes_words(before.median_duration_minutes),
        ),
        NumberRow(
            "mean_duration_minutes",
            "Average length (mean)",
            minutes_words(now.mean_duration_minutes),
            minutes_words(before.mean_duration_minutes),
        ),
        NumberRow(
            "mean_severity",
            "Average pain",
            severity_words(now.mean_severity),
            severity_words(before.mean_severity),
        ),
    ]
    for field, heading, labels in (
        ("share_by_muscle", "Where: share of cramps", MUSCLE_LABELS),
        ("share_by_context", "When: share of cramps", CONTEXT_LABELS),
    ):
        mine, theirs = getattr(now, field), getattr(before, field)
        top = _top(mine, theirs)
        if not top:
            continue
        rows.append(NumberRow(field, heading, heading=True))
        for key in top:
            rows.append(
                NumberRow(
                    f"{field}:{key.value}",
                    labels[key],
                    share_words(mine.get(key, 0.0) if now.cramps else None),
                    share_words(theirs.get(key, 0.0) if before.cramps else None),
                )
            )
    return rows


def numbers_note(comparison, first_day: date | None) -> str:
    """What the numbers can and cannot say, in plain words ('' when they speak for themselves)."""
    now, before = comparison.current, comparison.previous
    notes = []
    if now.cramps == 0:
        notes.append(f"No cramps logged in this period ({span_words(now.start, now.end)}).")
    elif now.cramps < THIN:
        word = "cramp" if now.cramps == 1 else "cramps"
        notes.append(
            f"Only {now.cramps} {word} in this period, so these numbers can't say much yet."
        )
    if first_day is not None and first_day > before.start and now.cramps:
        notes.append(
            f"Your diary starts on {day_words(first_day)}, so there is little or nothing to "
            "compare with before that."
        )
    return "\n".join(notes)


class InsightsScreen(Screen):
    period = StringProperty(Period.WEEKS_4.value)
    period_line = StringProperty("")
    note = StringProperty("")
    has_numbers = BooleanProperty(False)
    custom_error = StringProperty("")
    no_signs = StringProperty("")
    wide = BooleanProperty(True)
    chart_columns = NumericProperty(2)

    def on_kv_post(self, _base) -> None:
        app = App.get_running_app()
        today = app.clock().date()
        self.start, self.end = period_dates(Period.WEEKS_4, today)
        self.comparison = None
        self.warnings: list = []
        self._load_asked = 0
        self._loading = False
        self._data_version = None
        self._jobs: dict[str, _Job] = {}
        self._chart_trigger = Clock.create_trigger(self._draw_charts, 0.1)
        self.bind(size=self._resized)
        app.state.bind(data_version=self._data_changed)
        app.theme.bind(name=self._look_changed, text_scale=self._look_changed)
        for view in self.chart_views():
            view.image.bind(size=self._chart_resized)
        self._resized()

    # --- what the screen shows ------------------------------------------------------------

    def chart_views(self) -> list[ChartView]:
        return [self.ids[f"chart_{name}"] for name in CHART_NAMES]

    def sign_cards(self) -> list[SignCard]:
        return [w for w in reversed(self.ids.signs_box.children) if isinstance(w, SignCard)]

    def settled(self) -> bool:
        """Numbers loaded and every chart showing the drawing for its current size and period."""
        if self._loading or self._chart_trigger.is_triggered:
            return False
        return all(v.shown_key == self._chart_key(v) for v in self.chart_views())

    # --- choosing the period --------------------------------------------------------------

    def choose(self, period: str) -> None:
        """A period button was pressed: the three fixed ones apply at once."""
        chosen = Period(period)
        self.custom_error = ""
        if chosen is Period.CUSTOM:
            self.ids.custom_from.text = day_words(self.start)
            self.ids.custom_to.text = day_words(self.end)
            self.period = chosen.value
            return
        self.period = chosen.value
        self._set_period(*period_dates(chosen, App.get_running_app().clock().date()))

    def apply_custom(self) -> None:
        today = App.get_running_app().clock().date()
        try:
            start, end = check_custom(self.ids.custom_from.text, self.ids.custom_to.text, today)
        except ValueError as problem:
            self.custom_error = str(problem)
            return
        self.custom_error = ""
        self._set_period(start, end)

    def on_enter_key(self) -> bool:
        if self.period == Period.CUSTOM.value:
            self.apply_custom()
            return True
        return False

    def _set_period(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def on_pre_enter(self, *_args) -> None:
        period = Period(self.period)
        if period is not Period.CUSTOM:  # the date may have moved on since the last visit
            self.start, self.end = period_dates(period, App.get_running_app().clock().date())
        self.reload()  # charts follow once the diary's data version is known

    def _on_screen(self) -> bool:
        return self.manager is not None and self.manager.current == self.name

    def _data_changed(self, *_args) -> None:
        if self._on_screen():
            self.reload()

    def _look_changed(self, *_args) -> None:
        self._resized()
        if self._on_screen():
            self._chart_trigger()

    def reload(self) -> None:
        """Numbers for the period and the warning signs for today, in one background task."""
        app = App.get_running_app()
        diary = app.diary
        if diary is None:
            return
        today = app.clock().date()
        start, end = self.start, self.end
        self._load_asked += 1
        asked = self._load_asked
        self._loading = True
        self.period_line = _period_line(Period(self.period), start, end)

        def work():
            from crampdiary.services.insights import current_warnings, period_comparison

            version = diary.data_version()
            comparison = period_comparison(diary, start, end)
            warnings = current_warnings(diary, today)
            first = diary.episodes(limit=1)
            return version, comparison, warnings, first[0].day if first else None

        def done(result) -> None:
            if asked != self._load_asked:
                return
            self._loading = False
            # The diary's own version: it also changes when something outside the app wrote.
            self._data_version = result[0]
            self._show_numbers(*result[1:])
            self._chart_trigger()

        def failed(error: BaseException) -> None:
            if asked != self._load_asked:
                return
            self._loading = False
            log.error("could not work out the insights: %s", error)
            self.note = f"The numbers could not be worked out ({error})."
            self._chart_trigger()

        app.runner.submit(work, done, failed)

    def _show_numbers(self, comparison, warnings, first_day: date | None) -> None:
        self.comparison = comparison
        now, before = comparison.current, comparison.previous
        self.note = numbers_note(comparison, first_day)
        self.has_numbers = bool(now.cramps or before.cramps)
        table = self.ids.numbers_table
        mine, theirs = PERIOD_WORDS[Period(self.period)]
        table.current_title = mine[0].upper() + mine[1:]
        table.previous_title = theirs[0].upper() + theirs[1:]
        table.show(number_rows(comparison) if self.has_numbers else [])
        self.warnings = sorted(warnings, key=lambda w: LEVEL_RANK.get(str(w.severity), 3))
        box = self.ids.signs_box
        cards = self.sign_cards()
        if [c.warning_id for c in cards] == [w.id for w in self.warnings]:
            for card, warning in zip(cards, self.warnings, strict=True):  # same signs: in place
                card.level, card.title, card.message = (
                    str(warning.severity),
                    warning.title,
                    warning.message,
                )
                card.sources = list(warning.sources)
            self.no_signs = "" if self.warnings else "No warning signs today."
            return
        box.clear_widgets()
        for warning in self.warnings:
            box.add_widget(
                SignCard(
                    warning_id=warning.id,
                    level=str(warning.severity),
                    title=warning.title,
                    message=warning.message,
                    sources=list(warning.sources),
                )
            )
        self.no_signs = "" if self.warnings else "No warning signs today."

    # --- charts ---------------------------------------------------------------------------

    def chart_dpi(self) -> int:
        """Dots per inch so that chart text matches the app's text size on this screen."""
        app = App.get_running_app()
        return max(50, round(CHART_DPI * dp(1) * app.theme.text_scale))

    def _chart_key(self, view: ChartView) -> tuple:
        app = App.get_running_app()
        width, height = view.pixel_size()
        return (
            view.chart,
            self.start,
            self.end,
            app.theme.name,
            width,
            height,
            self.chart_dpi(),
            self._data_version,
        )

    def _resized(self, *_args) -> None:
        self.wide = self.width >= dp(WIDE_FROM_DP)
        theme = App.get_running_app().theme
        column = (self.width - 2 * theme.pad - theme.gap) / 2
        roomy = column / self.chart_dpi() >= TWO_CHARTS_FROM_INCHES
        self.chart_columns = 2 if self.wide and roomy else 1

    def _chart_resized(self, *_args) -> None:
        if self._on_screen():
            self._chart_trigger()

    def _draw_charts(self, *_args) -> None:
        app = App.get_running_app()
        diary = app.diary
        if diary is None or self._loading or not self._on_screen():
            return
        for view in self.chart_views():
            key = self._chart_key(view)
            width, height = key[4], key[5]
            if width < 100 or height < 60 or key in (view.shown_key, view.wanted_key):
                continue
            self._draw(app, diary, view, key)

    def _draw(self, app, diary, view: ChartView, key: tuple) -> None:
        from crampdiary.services.insights import render_chart

        old = self._jobs.get(view.chart)
        if old is not None:
            old.cancelled = True
        job = self._jobs[view.chart] = _Job()
        name, start, end, theme, width, height, dpi, _version = key
        view.wanted_key = key
        view.start_drawing()

        def work():
            if job.cancelled:  # a newer drawing of this chart is queued behind
                return None
            size = (width / dpi, height / dpi)
            png = render_chart(diary, name, start, end, theme=theme, size=size, dpi=dpi)
            return chart_pixels(png)

        def done(pixels) -> None:
            if pixels is None or view.wanted_key != key:
                return
            view.wanted_key = None
            view.shown_key = key
            view.show_pixels(pixels)

        def failed(error: BaseException) -> None:
            if view.wanted_key != key:
                return
            log.error("could not draw the chart %s: %s", name, error)
            view.wanted_key = None
            view.shown_key = key
            view.show_problem("This chart could not be drawn.")

        app.runner.submit(work, done, failed)


class _Job:
    """One queued drawing; the UI thread marks it cancelled when a newer one replaces it."""

    __slots__ = ("cancelled",)

    def __init__(self) -> None:
        self.cancelled = False


def _period_line(period: Period, start: date, end: date) -> str:
    days = (end - start).days + 1
    before_end = start - timedelta(days=1)
    before_start = before_end - timedelta(days=days - 1)
    day_word = "day" if days == 1 else "days"
    return (
        f"{span_words(start, end)} ({days} {day_word}), compared with the {days} {day_word} "
        f"before: {span_words(before_start, before_end)}."
    )


load_kv("screens/insights.kv")
