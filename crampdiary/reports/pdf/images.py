"""PNG bytes read for embedding: the size from the header, the compressed pixels of an 8-bit
RGB PNG (which a PDF can hold as they are), and any other PNG flattened onto white."""

from __future__ import annotations

import io
from typing import Any


def _opaque(png: bytes) -> Any:
    """The chart on white without its alpha channel (a PDF image with a mask costs twice)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image


def png_stream(png: bytes) -> bytes | None:
    """The zlib stream of an 8-bit RGB, non-interlaced PNG (its IDAT chunks joined), else None."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR" or len(png) < 33:
        return None
    bit_depth, colour_type, compression, filtering, interlace = png[24:29]
    if (bit_depth, colour_type, compression, filtering, interlace) != (8, 2, 0, 0, 0):
        return None
    parts = []
    at = 8
    while at + 8 <= len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        kind = png[at + 4 : at + 8]
        if at + 12 + length > len(png):
            return None  # cut short
        if kind == b"IDAT":
            parts.append(png[at + 8 : at + 8 + length])
        elif kind == b"IEND":
            return b"".join(parts) if parts else None
        elif kind in (b"PLTE", b"tRNS"):
            return None
        at += 12 + length
    return None


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        raise ValueError("not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
