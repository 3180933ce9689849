"""The layers of STYLE.md: imports point down, and nothing below the UI touches Kivy or plyer.

Checked twice: by importing in a fresh process (what actually gets loaded) and by reading every
module's source (an import inside a function would not show up until it runs).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import crampdiary

PACKAGE = Path(crampdiary.__file__).parent
GUI = ("kivy", "plyer")
# Where Kivy and plyer may be imported.
GUI_ALLOWED = ("ui", "platform", "app.py")
# Which of our layers each layer may import (imports point down only).
MAY_IMPORT: dict[str, set[str]] = {
    "domain": set(),
    "analysis": {"domain"},
    "storage": {"domain"},
    "reports": {"domain", "analysis", "resources"},
    "services": {"domain", "analysis", "storage", "reports", "resources"},
    "platform": {"domain"},
    "resources": set(),
    "cli": {"domain", "analysis", "storage", "reports", "services", "resources", "app"},
}


def layer_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def modules_outside_the_gui() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in GUI_ALLOWED and "migrations" not in path.parts
    )


def imported_names(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, anywhere in it (functions included), with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_nothing_below_the_gui_loads_kivy_or_plyer() -> None:
    """In a fresh process: first the services and the command line (which must not load
    matplotlib or fpdf2 either: they are for drawing only), then every other module."""
    names = sorted(
        ".".join(("crampdiary", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for path in modules_outside_the_gui()
        if path.name != "__main__.py"
    )
    assert "crampdiary.services.diary" in names and "crampdiary.cli" in names
    script = (
        textwrap.dedent(
            """
        import sys

        def loaded():
            print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))

        import crampdiary.services.diary, crampdiary.cli
        loaded()
        """
        )
        + "".join(f"import {n}\n" for n in names)
        + "loaded()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    first, everything = (set(line.split()) for line in result.stdout.splitlines())
    assert "crampdiary" in first and "sqlalchemy" in first  # the check looks in the right place
    assert first.isdisjoint({"kivy", "plyer", "matplotlib", "fpdf"})
    assert everything.isdisjoint(GUI)


def test_a_command_runs_without_importing_the_gui(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "crampdiary", "--db", tmp_path / "d.db", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "sqlalchemy" in imported
    assert imported.isdisjoint({"kivy", "plyer", "matplotlib"})


@pytest.mark.parametrize(
    "path", modules_outside_the_gui(), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_source_outside_the_gui_imports_kivy_or_plyer(path: Path) -> None:
    offending = [
        f"line {line}: {name}" for line, name in imported_names(path) if name.split(".")[0] in GUI
    ]
    assert offending == []


@pytest.mark.parametrize(
    "path", modules_outside_the_gui(), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_imports_point_down(path: Path) -> None:
    layer = layer_of(path)
    if layer not in MAY_IMPORT:  # the package's own __init__ and __main__
        return
    ours = {
        (line, name.split(".")[1])
        for line, name in imported_names(path)
        if name.startswith("crampdiary.") and name.split(".")[1] != layer
    }
    upward = sorted(
        f"line {line}: {target}" for line, target in ours if target not in MAY_IMPORT[layer]
    )
    assert upward == []


def test_the_static_check_finds_a_gui_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def later():\n    from kivy.clock import Clock\n    import importlib\n"
        "    importlib.import_module('plyer.notification')\n",
        encoding="utf-8",
    )
    assert [name for _, name in imported_names(sample)] == [
        "kivy.clock",
        "importlib",
        "plyer.notification",
    ]
