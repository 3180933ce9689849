"""Warning signs, trial-grade numbers and charts for one diary: loads what each needs (no more),
reads the thresholds stored in the diary, and caches rendered charts by data version.

Must not import Kivy. matplotlib is imported only when a chart is rendered.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from crampdiary.analysis.config import RuleConfig
from crampdiary.analysis.metrics import PeriodComparison, compare_periods
from crampdiary.analysis.rules import WarningSign, evaluate

if TYPE_CHECKING:
    from crampdiary.services.diary import Diary

RULES_PREFIX = "rules."


def rule_config(diary: Diary) -> RuleConfig:
    """The thresholds stored in the diary (spec §2.3 defaults for any not set)."""
    stored = diary.settings(RULES_PREFIX)
    return RuleConfig.from_settings({k[len(RULES_PREFIX) :]: v for k, v in stored.items()})


def save_rule_config(diary: Diary, config: RuleConfig) -> None:
    diary.save_settings({RULES_PREFIX + k: v for k, v in config.to_settings().items()})


def reset_rule_config(diary: Diary) -> RuleConfig:
    config = RuleConfig()
    save_rule_config(diary, config)
    return config


def current_warnings(
    diary: Diary, as_of: date, config: RuleConfig | None = None
) -> list[WarningSign]:
    """Every warning sign that fires on ``as_of``.

    Only the episodes inside the widest rule window are loaded, plus the diary's first episode:
    W-MEDICATION-NEW asks whether any cramp predates a medicine, and the earliest cramp answers
    that for the whole diary. Outside every window, that one episode changes nothing else.
    """
    config = config or rule_config(diary)
    start = as_of - timedelta(days=config.widest_window_days + 1)
    episodes = diary.episodes(start, as_of)
    first = diary.episodes(limit=1)
    if first and first[0].day < start:
        episodes.append(first[0])
    return evaluate(episodes, diary.profile(), as_of, config)


def period_comparison(diary: Diary, start: date, end: date) -> PeriodComparison:
    """The trial-grade numbers for ``start``…``end`` beside the period of the same length before."""
    config = rule_config(diary)
    days = (end - start).days + 1
    episodes = diary.episodes(start - timedelta(days=days + 1), end + timedelta(days=1))
    return compare_periods(episodes, start, end, night_boundary_hour=config.night_boundary_hour)


class ChartCache:
    """Rendered chart PNGs keyed by everything that shapes them, including the data version."""

    def __init__(self, size: int = 48) -> None:
        self._items: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


CHART_CACHE = ChartCache()

# The app's themes and the chart palette each is drawn in: night has its own warm, dim one.
CHART_THEMES = {"light": "light", "dark": "dark", "night": "night"}


def chart_theme(app_theme: str) -> str:
    """The chart palette (light, dark or night) for an app theme name; light for any other name."""
    return CHART_THEMES.get(app_theme, "light")


def render_chart(
    diary: Diary,
    name: str,
    start: date,
    end: date,
    *,
    theme: str = "light",
    size: tuple[float, float] = (8, 4.5),
    dpi: int = 100,
    cache: ChartCache | None = CHART_CACHE,
) -> bytes:
    """PNG bytes of one chart of ``reports.charts.CHARTS`` (cached by data version)."""
    key = (
        str(diary.target.url),
        name,
        start,
        end,
        chart_theme(theme),
        size,
        dpi,
        diary.data_version(),
        tuple(diary.medicines()),
    )
    if cache is not None:
        hit = cache.get(key)
        if hit is not None:
            return hit
    from crampdiary.reports import charts

    draw = charts.CHARTS[name]
    episodes = diary.episodes(start - timedelta(days=1), end + timedelta(days=1))
    # Everything but the episodes by keyword: the medicine chart takes ``medicines`` second.
    kwargs: dict[str, Any] = {
        "start": start,
        "end": end,
        "theme": chart_theme(theme),
        "size": size,
        "dpi": dpi,
    }
    if name == "medicine_before_after":
        kwargs["medicines"] = diary.medicines()
        span = (end - start).days + 1
        episodes = diary.episodes(start - timedelta(days=span), end + timedelta(days=1))
    png: bytes = draw(episodes, **kwargs)
    if cache is not None:
        cache.put(key, png)
    return png
