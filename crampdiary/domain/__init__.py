"""Domain: the diary's records, their allowed values and their validation.

Imports nothing of ours."""

from crampdiary.domain.enums import (
    SLEEP_CONTEXTS,
    Condition,
    Context,
    MedicineClass,
    Muscle,
    Side,
    Symptom,
)
from crampdiary.domain.model import Episode, MedicationTaken, Medicine, Profile, new_id
from crampdiary.domain.validation import ValidationError

__all__ = [
    "SLEEP_CONTEXTS",
    "Condition",
    "Context",
    "Episode",
    "MedicationTaken",
    "Medicine",
    "MedicineClass",
    "Muscle",
    "Profile",
    "Side",
    "Symptom",
    "ValidationError",
    "new_id",
]
