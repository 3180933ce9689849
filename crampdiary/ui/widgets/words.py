"""Plain words for an episode on screen: where it was, how long, one line for lists.

Pure functions over domain values (no Kivy), shared by home, the form and the message bar.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from crampdiary.domain import Episode, Muscle, Side
from crampdiary.domain.enums import MUSCLE_LABELS


def describe_where(muscle: Muscle | str, side: Side | str) -> str:
    """ "calf (left)", "calf (both sides)", "belly"."""
    name = MUSCLE_LABELS[Muscle(muscle)].lower()
    side = Side(side)
    if side in (Side.LEFT, Side.RIGHT):
        return f"{name} ({side.value})"
    if side is Side.BOTH:
        return f"{name} (both sides)"
    return name


def describe_duration(minutes: float) -> str:
    """ "40 s", "1 min", "2.5 min", "1 h 5 min"."""
    if minutes < 1:
        return f"{round(minutes * 60)} s"
    if minutes < 60:
        text = f"{minutes:.1f}".rstrip("0").rstrip(".")
        return f"{text} min"
    hours, rest = divmod(round(minutes), 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def describe_when(episode: Episode, today: date) -> str:
    day = episode.started_at.date()
    if day == today:
        words = "Today"
    elif day == today - timedelta(days=1):
        words = "Yesterday"
    else:
        words = f"{day:%a} {day.day} {day:%b}"
    return f"{words}, {episode.started_at:%H:%M}"


def episode_line(episode: Episode, today: date) -> str:
    """One line for a list: "Yesterday, 03:10 · Calf (left) · 7/10 · 2 min"."""
    where = describe_where(episode.muscle, episode.side)
    return (
        f"{describe_when(episode, today)}  ·  {where[:1].upper()}{where[1:]}  ·  "
        f"{episode.severity_0_10}/10  ·  {describe_duration(episode.duration_minutes)}"
    )


_DAY_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%d %B %Y")


def parse_day(text: str) -> date:
    """A date typed as ``1 Sep 2026``, ``1 September 2026`` or ``2026-09-01``."""
    cleaned = re.sub(r"[\s,]+", " ", text).strip()
    cleaned = re.sub(r"\bsept\b", "sep", cleaned, flags=re.IGNORECASE)
    for form in _DAY_FORMATS:
        try:
            return datetime.strptime(cleaned.title(), form).date()
        except ValueError:
            continue
    raise ValueError(f'"{text.strip()}" is not a date I can read. Please write it like 1 Sep 2026.')
