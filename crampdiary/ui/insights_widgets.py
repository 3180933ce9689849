"""Widgets of the Insights screen: the numbers table (this period beside the one before), a warning
sign with its sources folded away, and a chart shown as an image.

A ``ChartView`` never draws: it is handed pixels (rendered and decoded off the UI thread by the
screen, ``chart_pixels``) and copies them into its one ``Image``'s texture; while a new chart is
drawn it shows a calm "Drawing…" note over the old one. Rows and cards are fed plain values by
the screen, and updated in place when the same rows come again; nothing here reads the diary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from kivy.graphics.texture import Texture
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from crampdiary.ui.kvload import load_kv

CHART_RATIO = 0.62
"""A chart's height as a share of its width (wide enough for the body map and its list)."""

DRAWING_TEXT = "Drawing the chart…"

LEVEL_WORDS = {
    "urgent": "Get medical advice today",
    "see-doctor": "Worth booking an appointment",
    "info": "Good to know",
}


@dataclass(frozen=True, slots=True)
class NumberRow:
    """One line of the numbers table: what it is, this period's value and the one before."""

    key: str
    label: str
    current: str = ""
    previous: str = ""
    heading: bool = False


class NumberLine(BoxLayout):
    """A row of the table (or a small heading over a group of rows)."""

    key = StringProperty("")
    label = StringProperty("")
    current = StringProperty("")
    previous = StringProperty("")
    heading = BooleanProperty(False)


class NumbersTable(BoxLayout):
    """Label | this period | before, one ``NumberLine`` per row, with a header line on top."""

    current_title = StringProperty("This period")
    previous_title = StringProperty("Before")
    has_rows = BooleanProperty(False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.lines: dict[str, NumberLine] = {}

    def show(self, rows: Sequence[NumberRow]) -> None:
        """Show ``rows``, reusing the line of each key already shown (after a save most rows
        only change their texts, and building a line costs a frame far more than a text)."""
        old = self.lines
        self.lines = {}
        for row in rows:
            line = old.get(row.key)
            if line is None:
                line = NumberLine(key=row.key)
            line.label, line.current, line.previous = row.label, row.current, row.previous
            line.heading = row.heading
            self.lines[row.key] = line
        box = self.ids.rows_box
        if list(reversed(box.children)) != list(self.lines.values()):
            box.clear_widgets()
            for line in self.lines.values():
                box.add_widget(line)
        self.has_rows = bool(self.lines)


class SignCard(BoxLayout):
    """One warning sign: its title in the level's colour, the message, and sources on request."""

    warning_id = StringProperty("")
    level = StringProperty("info")
    level_text = StringProperty("")
    title = StringProperty("")
    message = StringProperty("")
    sources = ListProperty()
    sources_text = StringProperty("")
    show_sources = BooleanProperty(False)
    toggle_text = StringProperty("")

    def on_kv_post(self, _base) -> None:
        self.bind(sources=self._describe, show_sources=self._describe, level=self._describe)
        self._describe()

    def toggle_sources(self) -> None:
        self.show_sources = not self.show_sources

    def _describe(self, *_args) -> None:
        self.level_text = LEVEL_WORDS.get(self.level, "").upper()
        count = len(self.sources)
        if not count:
            self.toggle_text = ""
        elif self.show_sources:
            self.toggle_text = "Hide the sources"
        else:
            noun = "source" if count == 1 else "sources"
            self.toggle_text = f"Where this comes from ({count} {noun})"
        self.sources_text = (
            "\n".join(f"•  {source}" for source in self.sources) if self.show_sources else ""
        )


@dataclass(frozen=True, slots=True)
class ChartPixels:
    """A chart decoded for a texture: RGBA rows from the bottom up, as OpenGL reads them."""

    width: int
    height: int
    rgba: bytes


def chart_pixels(png: bytes) -> ChartPixels:
    """Decode a chart's PNG for ``ChartView.show_pixels`` (any thread: no GL here)."""
    from PIL import Image

    with Image.open(BytesIO(png)) as image:
        flipped = image.convert("RGBA").transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        return ChartPixels(flipped.width, flipped.height, flipped.tobytes())


class ChartView(BoxLayout):
    """One chart: an ``Image`` whose texture is replaced by each new rendering of the chart."""

    chart = StringProperty("")
    """The chart's name in ``reports.charts.CHARTS``."""
    drawing = BooleanProperty(True)
    note = StringProperty(DRAWING_TEXT)
    ratio = NumericProperty(CHART_RATIO)
    max_height = NumericProperty(dp(560))
    """So that one chart across a wide window still leaves room to see where it sits."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown_key: tuple | None = None
        self.wanted_key: tuple | None = None

    @property
    def image(self):
        return self.ids.chart_image

    def pixel_size(self) -> tuple[int, int]:
        """The image's size in window pixels: the chart is rendered at exactly this size."""
        width, height = self.image.size
        return round(width), round(height)

    def start_drawing(self) -> None:
        self.drawing = True
        self.note = DRAWING_TEXT

    def show_pixels(self, pixels: ChartPixels) -> None:
        """Put decoded pixels (``chart_pixels``) on screen: UI thread only, it makes a GL texture.
        Only the copy to the texture happens here, so a chart arriving costs the frame little."""
        texture = Texture.create(size=(pixels.width, pixels.height), colorfmt="rgba")
        texture.blit_buffer(pixels.rgba, colorfmt="rgba", bufferfmt="ubyte")
        self.image.texture = texture
        self.drawing = False
        self.note = ""

    def show_problem(self, text: str) -> None:
        self.drawing = False
        self.note = text


load_kv("widgets/insights_widgets.kv")
load_kv("widgets/insights_numbers.kv")
