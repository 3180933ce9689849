"""Form controls the theme does not have yet (``CdSpinner``, ``CdFormMessage``,
``CdSectionTitle``, ``CdInlineLabel``; kv in ``kv/lists/controls.kv``) and the one helper that
turns a domain ``ValidationError`` into a line a person can read."""

from __future__ import annotations

from collections.abc import Mapping

from crampdiary.domain import ValidationError
from crampdiary.ui.kvload import load_kv


def plain_problem(error: ValidationError, labels: Mapping[str, str]) -> str:
    """``"Stop date: must not be before the start date."`` from the domain's field names."""
    problem = error.problem
    for field, label in labels.items():
        problem = problem.replace(field, f"the {label.lower()}")
    label = labels.get(error.field, error.field)
    return f"{label}: {problem}."


load_kv("lists/controls.kv")
