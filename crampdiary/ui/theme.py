"""The app's own look: light, dark and night palettes, text sizes and touch-target sizes.

One ``Theme`` object lives on the app (``app.theme``); kv binds to its properties, so switching
palette or text size restyles every screen at once. Night is dim and warm with larger targets.
"""

from __future__ import annotations

from datetime import datetime

from kivy.event import EventDispatcher
from kivy.metrics import dp, sp
from kivy.properties import ColorProperty, NumericProperty, StringProperty
from kivy.utils import get_color_from_hex as hex_color

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#F6F4EF",
        "surface": "#FFFFFF",
        "raised": "#ECE8E0",
        "text": "#1B1A18",
        "muted": "#514D47",
        "primary": "#1C5A85",
        "primary_ink": "#FFFFFF",
        "pressed": "#C9D8E4",
        "selected": "#1C5A85",
        "selected_ink": "#FFFFFF",
        "border": "#B9B2A6",
        "urgent": "#A4231B",
        "urgent_ink": "#FFFFFF",
        "see_doctor": "#8A4F00",
        "info": "#2C5A84",
        "good": "#2D6A4F",
        "cramp_day": "#C8553D",
    },
    "dark": {
        "bg": "#111417",
        "surface": "#1C2126",
        "raised": "#262C33",
        "text": "#EDF0F2",
        "muted": "#B3BCC4",
        "primary": "#8CC2EC",
        "primary_ink": "#0A1B29",
        "pressed": "#33414E",
        "selected": "#8CC2EC",
        "selected_ink": "#0A1B29",
        "border": "#4A545E",
        "urgent": "#FF8F86",
        "urgent_ink": "#2B0603",
        "see_doctor": "#FFC27A",
        "info": "#9CCBF5",
        "good": "#8FD6B0",
        "cramp_day": "#F2997F",
    },
    "night": {
        "bg": "#0B0805",
        "surface": "#17110C",
        "raised": "#231A12",
        "text": "#E9C9A3",
        "muted": "#B4936F",
        "primary": "#C98A45",
        "primary_ink": "#120B04",
        "pressed": "#3A2A1B",
        "selected": "#C98A45",
        "selected_ink": "#120B04",
        "border": "#4A3726",
        "urgent": "#EE8577",
        "urgent_ink": "#1E0703",
        "see_doctor": "#DDAA66",
        "info": "#C2A07C",
        "good": "#A9C08A",
        "cramp_day": "#D77F5E",
    },
}
THEME_NAMES = ("light", "dark", "night")
TEXT_SCALES = {"normal": 1.0, "large": 1.15, "largest": 1.3}
NIGHT_STARTS, NIGHT_ENDS = 21, 7


def is_night(now: datetime) -> bool:
    return now.hour >= NIGHT_STARTS or now.hour < NIGHT_ENDS


class Theme(EventDispatcher):
    name = StringProperty("light")
    text_scale = NumericProperty(1.0)

    bg = ColorProperty()
    surface = ColorProperty()
    raised = ColorProperty()
    text = ColorProperty()
    muted = ColorProperty()
    primary = ColorProperty()
    primary_ink = ColorProperty()
    pressed = ColorProperty()
    selected = ColorProperty()
    selected_ink = ColorProperty()
    border = ColorProperty()
    urgent = ColorProperty()
    urgent_ink = ColorProperty()
    see_doctor = ColorProperty()
    info = ColorProperty()
    good = ColorProperty()
    cramp_day = ColorProperty()

    font_sm = NumericProperty(sp(16))
    font_md = NumericProperty(sp(19))
    font_lg = NumericProperty(sp(23))
    font_xl = NumericProperty(sp(30))
    font_huge = NumericProperty(sp(40))
    target = NumericProperty(dp(56))
    gap = NumericProperty(dp(12))
    pad = NumericProperty(dp(16))
    radius = NumericProperty(dp(14))

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.apply(self.name, self.text_scale)

    def apply(self, name: str, text_scale: float | None = None) -> None:
        if name not in PALETTES:
            name = "light"
        if text_scale is not None:
            self.text_scale = text_scale
        for key, value in PALETTES[name].items():
            setattr(self, key, hex_color(value))
        night = name == "night"
        scale = self.text_scale * (1.1 if night else 1.0)
        self.font_sm = sp(16) * scale
        self.font_md = sp(19) * scale
        self.font_lg = sp(23) * scale
        self.font_xl = sp(30) * scale
        self.font_huge = sp(40) * scale
        self.target = dp(72) if night else dp(56)
        self.gap = dp(16) if night else dp(12)
        self.name = name

    def severity_color(self, severity: str) -> list[float]:
        return {
            "urgent": self.urgent,
            "see-doctor": self.see_doctor,
        }.get(severity, self.info)
