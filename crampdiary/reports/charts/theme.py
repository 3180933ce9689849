"""The charts' look: ``Theme`` (colours and type sizes, in points) and its palettes.

Light and dark come from the colour-blind-safe Okabe–Ito set; night is warm and dim, matching the
app's night theme, its series told apart by lightness. ``get_theme`` takes a name or a ``Theme``.
Plain data: imports nothing of matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Theme:
    """Colours and type sizes (points; at 100 dpi 12 pt is about 17 pixels)."""

    name: str
    background: str
    text: str
    muted: str  # secondary text, axis lines
    grid: str
    panel: str  # the soft box behind messages
    primary: str  # main bars and points
    secondary: str  # the second series
    trend: str  # trend and middle-value lines
    partial: str  # part-week bars, "before" bars
    reference: str  # reference lines (10 minutes, 1.6 litres)
    body: str
    body_edge: str
    region_empty: str
    heat_low: str
    heat_high: str
    font_size: float = 13.0
    title_size: float = 17.0
    small_size: float = 12.0
    message_size: float = 15.0


# Okabe & Ito (2008) colours: blue #0072B2, sky blue #56B4E9, orange #E69F00, vermillion #D55E00.
LIGHT: Final = Theme(
    name="light",
    background="#FFFFFF",
    text="#1A1A1A",
    muted="#4D4D4D",
    grid="#DDDDDD",
    panel="#F0F0F0",
    primary="#0072B2",
    secondary="#E69F00",
    trend="#D55E00",
    partial="#A9CCE3",
    reference="#6E6E6E",
    body="#E4E4E4",
    body_edge="#9A9A9A",
    region_empty="#F7F7F7",
    heat_low="#FDE3C4",
    heat_high="#A63A00",
)
# Dark, for the bedside: not pure black, soft off-white text, no large bright areas.
DARK: Final = Theme(
    name="dark",
    background="#15191E",
    text="#ECEAE6",
    muted="#B4B4B4",
    grid="#343B43",
    panel="#242B32",
    primary="#56B4E9",
    secondary="#E69F00",
    trend="#F5C242",
    partial="#2F5670",
    reference="#9A9A9A",
    body="#2A3138",
    body_edge="#65707A",
    region_empty="#36404A",
    heat_low="#5B4420",
    heat_high="#FFB627",
)
# Night, matching the app's night theme (amber on near-black): no blue and nothing white, the
# brightest ink no brighter than the app's night text. Hue alone cannot carry the series apart
# here, so they differ in lightness, which every kind of colour blindness keeps: mid amber for the
# main series, pale wheat for the second and the trend, dim amber for part-weeks.
NIGHT: Final = Theme(
    name="night",
    background="#0B0805",
    text="#E9C9A3",
    muted="#B4936F",
    grid="#2C2117",
    panel="#221910",
    primary="#C98A45",
    secondary="#EED6A6",
    trend="#F0D9AE",
    partial="#74512F",
    reference="#A08363",
    body="#1F1710",
    body_edge="#6E563C",
    region_empty="#2E231A",
    heat_low="#4E3520",
    heat_high="#F2CB8A",
)
THEMES: Final[dict[str, Theme]] = {"light": LIGHT, "dark": DARK, "night": NIGHT}


def get_theme(theme: str | Theme) -> Theme:
    if isinstance(theme, Theme):
        return theme
    try:
        return THEMES[theme]
    except KeyError:
        raise ValueError(f"theme must be one of {sorted(THEMES)}, not {theme!r}") from None
