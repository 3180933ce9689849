"""Text sizes without matplotlib: estimated widths and line heights in inches, and wrapping.

Measuring text in matplotlib lays it out (slow); these DejaVu Sans advance widths, in ems, are
close enough for wrapping lines and spacing legend entries.
"""

from __future__ import annotations


def _char_em(ch: str) -> float:
    if ch == " ":
        return 0.318
    if ch in "iljI.,:;!|'·":
        return 0.30
    if ch in "ftr()[]-":
        return 0.40
    if ch in "mwMW—":
        return 0.95
    if ch.isdigit():
        return 0.636
    if ch.isupper():
        return 0.72
    return 0.61


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in inches of the longest line of ``text``."""
    factor = (1.1 if bold else 1.0) * size / 72
    return max((sum(_char_em(c) for c in line) * factor for line in text.split("\n")), default=0.0)


def _wrap(text: str, width_in: float, size: float, bold: bool = False, max_lines: int = 0) -> str:
    """Break ``text`` into lines no wider than ``width_in`` (words are never split).

    With ``max_lines``, the lines past it are dropped and the last kept one ends in "…".
    """
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            trial = f"{line} {word}" if line else word
            if line and _text_width(trial, size, bold) > width_in:
                out.append(line)
                line = word
            else:
                line = trial
        out.append(line)
    if max_lines and len(out) > max_lines:
        out = out[:max_lines]
        words = out[-1].split(" ")
        while len(words) > 1 and _text_width(" ".join(words) + "…", size, bold) > width_in:
            words.pop()
        out[-1] = " ".join(words).rstrip(" ,.;:") + "…"
    return "\n".join(out)


def _words(text: str) -> list[str]:
    """The units a line may break between: "3 am" and "–" stay with the word before them."""
    words: list[str] = []
    for word in text.split(" "):
        if words and word in {"am", "pm", "–", "·"}:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _wrap_parts(text: str, width_in: float, size: float) -> str:
    """Like ``_wrap``, but a line that must break breaks at a " · " first, keeping each part whole
    when it fits on a line of its own."""
    if _text_width(text, size) <= width_in:
        return text
    lines: list[str] = []
    for part in text.split(" · "):
        trial = f"{lines[-1]} · {part}" if lines else part
        if lines and _text_width(trial, size) <= width_in:
            lines[-1] = trial
        else:
            lines.extend(_wrap(part, width_in, size).split("\n"))
    return "\n".join(lines)


def _line_height(size: float, spacing: float = 1.25) -> float:
    return size * spacing / 72
