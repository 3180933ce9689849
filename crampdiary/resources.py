"""Where ``kv/`` and ``assets/`` are: inside the package when installed from a wheel (the build
maps them there), at the top of the checkout when run from source or an editable install."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root(name: str) -> Path:
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def kv_path(relative: str) -> Path:
    return _root("kv") / relative


def asset_path(relative: str) -> Path:
    return _root("assets") / relative
