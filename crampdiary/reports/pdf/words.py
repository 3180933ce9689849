"""How the report puts things in words: dates and periods, numbers, shares and minutes, a
cramp's muscle and what the person was doing, the profile line, each warning level's words and a
sign's sources in one line of small print. Plain text: imports nothing of fpdf2."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final

from crampdiary.analysis.rules import Severity
from crampdiary.domain import Condition, Context, Episode, Muscle, Profile, Side
from crampdiary.domain.enums import CONDITION_LABELS, CONTEXT_LABELS, MUSCLE_LABELS, SIDE_LABELS

_SEVERITY_WORDS: Final = {
    Severity.URGENT: "URGENT: get medical advice today",
    Severity.SEE_DOCTOR: "Book an appointment",
    Severity.INFO: "Good to know",
}


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
