"""History's rows: a day header, then that day's cramps, as plain dicts for a RecycleView.

``to_row`` is the one place a row's dict is made (its ``viewclass`` picks the widget);
``history_rows`` groups episodes (newest first) by day. Both are plain Python and run on the
background thread, so ten years of cramps never stall the window. The widgets only display the
dict and report taps to their ``HistoryList`` (``on_open``/``on_delete`` with the episode id).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from crampdiary.domain import Context, Episode, Side
from crampdiary.domain.enums import CONTEXT_LABELS, MUSCLE_LABELS
from crampdiary.ui.kvload import load_kv
from crampdiary.ui.lists.rows import TappableRow
from crampdiary.ui.widgets.scrolling import CalmRecycleView

NOTES_SHOWN = 90  # characters of the notes shown under a row


@dataclass(frozen=True, slots=True)
class RowSizes:
    """Row heights in pixels, read from the theme on the UI thread and passed to the worker."""

    day: float
    episode: float
    episode_with_notes: float


@dataclass(frozen=True, slots=True)
class DayHeader:
    day: date
    count: int


def context_words(context: Context) -> str:
    """The situation in a word or two: "Asleep", "In bed, awake", "Walking"."""
    return CONTEXT_LABELS[context].split(" (")[0]


def muscle_words(episode: Episode) -> str:
    muscle = MUSCLE_LABELS[episode.muscle]
    if episode.side in (Side.LEFT, Side.RIGHT):
        return f"{muscle} ({episode.side.value})"
    if episode.side is Side.BOTH:
        return f"{muscle} (both sides)"
    return muscle


def duration_words(minutes: float) -> str:
    if minutes < 1:
        return f"{round(minutes * 60)} s"
    shown = round(minutes, 1)
    return f"{shown:g} min"


def when_words(moment: datetime) -> str:
    """ "Tue 3 Mar 2026, 03:10" (no zero-padded day, on every platform)."""
    return f"{moment:%a} {moment.day} {moment:%b %Y}, {moment:%H:%M}"


def day_words(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def episode_words(episode: Episode) -> str:
    """ "Tue 3 Mar 2026, 03:10 · Calf (left) · 2 min · 7/10 · Asleep"."""
    return " · ".join(
        (
            when_words(episode.started_at),
            muscle_words(episode),
            duration_words(episode.duration_minutes),
            f"{episode.severity_0_10}/10",
            context_words(episode.context),
        )
    )


def notes_words(notes: str) -> str:
    line = " ".join(notes.split())
    return line if len(line) <= NOTES_SHOWN else line[: NOTES_SHOWN - 1].rstrip() + "…"


def to_row(item: Episode | DayHeader, sizes: RowSizes) -> dict:
    """The RecycleView dict for a day header or an episode."""
    if isinstance(item, DayHeader):
        plural = "" if item.count == 1 else "s"
        return {
            "viewclass": "HistoryDayRow",
            "text": day_words(item.day),
            "count_text": f"{item.count} cramp{plural}",
            "height": sizes.day,
        }
    notes = notes_words(item.notes)
    return {
        "viewclass": "HistoryEpisodeRow",
        "episode_id": item.id,
        "text": episode_words(item),
        "notes": notes,
        "height": sizes.episode_with_notes if notes else sizes.episode,
    }


def history_rows(episodes: Iterable[Episode], sizes: RowSizes) -> list[dict]:
    """A header for each day, then its episodes, in the order given (newest first)."""
    rows: list[dict] = []
    for day, group in groupby(episodes, key=lambda e: e.day):
        members = list(group)
        rows.append(to_row(DayHeader(day, len(members)), sizes))
        rows.extend(to_row(episode, sizes) for episode in members)
    return rows


def without_episode(rows: list[dict], episode_id: str) -> list[dict]:
    """``rows`` minus one episode's row; its day header goes too if the day is left empty,
    otherwise the header's count drops by one. Cheap enough for the UI thread."""
    index = next((i for i, row in enumerate(rows) if row.get("episode_id") == episode_id), None)
    if index is None:
        return list(rows)
    header = max(i for i in range(index) if rows[i]["viewclass"] == "HistoryDayRow")
    end = next(
        (i for i in range(index + 1, len(rows)) if rows[i]["viewclass"] == "HistoryDayRow"),
        len(rows),
    )
    count = end - header - 1
    kept = rows[:header]
    if count > 1:
        plural = "" if count - 1 == 1 else "s"
        kept.append({**rows[header], "count_text": f"{count - 1} cramp{plural}"})
        kept.extend(rows[header + 1 : index])
    kept.extend(rows[index + 1 :])
    return kept


class HistoryList(CalmRecycleView):
    """The scrolling list; rows report taps here as ``on_open``/``on_delete`` (episode id)."""

    __events__ = ("on_open", "on_delete")

    def on_open(self, episode_id: str) -> None:
        pass

    def on_delete(self, episode_id: str) -> None:
        pass


class HistoryDayRow(RecycleDataViewBehavior, BoxLayout):
    text = StringProperty("")
    count_text = StringProperty("")


class HistoryEpisodeRow(TappableRow, BoxLayout):
    event = "on_open"
    episode_id = StringProperty("")
    text = StringProperty("")
    notes = StringProperty("")

    def event_args(self) -> tuple:
        return (self.episode_id,)

    def delete(self) -> None:
        self.tell_list("on_delete", self.episode_id)


load_kv("lists/history_rows.kv")
