"""Allowed values of every enumerated field (spec/warning-signs.md §3). Imports nothing of ours."""

from __future__ import annotations

from enum import StrEnum


class Muscle(StrEnum):
    CALF = "calf"
    FOOT = "foot"
    THIGH_FRONT = "thigh_front"
    THIGH_BACK = "thigh_back"
    INNER_THIGH = "inner_thigh"
    BUTTOCK = "buttock"
    LOWER_BACK = "lower_back"
    UPPER_BACK = "upper_back"
    NECK = "neck"
    SHOULDER = "shoulder"
    ARM = "arm"
    HAND = "hand"
    ABDOMEN = "abdomen"
    CHEST = "chest"
    OTHER = "other"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NOT_APPLICABLE = "not_applicable"


class Context(StrEnum):
    ASLEEP = "asleep"
    IN_BED_AWAKE = "in_bed_awake"
    RESTING = "resting"
    STANDING = "standing"
    WALKING = "walking"
    EXERCISING = "exercising"
    AFTER_EXERCISE = "after_exercise"
    OTHER = "other"


class Symptom(StrEnum):
    SWELLING = "swelling"
    REDNESS = "redness"
    WARMTH = "warmth"
    NUMBNESS = "numbness"
    TINGLING = "tingling"
    WEAKNESS = "weakness"
    DIFFICULTY_MOVING = "difficulty_moving"
    MUSCLE_SHRINKING = "muscle_shrinking"
    FEVER = "fever"
    DARK_URINE = "dark_urine"
    VOMITING = "vomiting"
    DIARRHOEA = "diarrhoea"
    IRREGULAR_HEARTBEAT = "irregular_heartbeat"
    TWITCHING = "twitching"


class MedicineClass(StrEnum):
    DIURETIC = "diuretic"
    STATIN = "statin"
    BETA_AGONIST = "beta_agonist"
    DECONGESTANT = "decongestant"
    OTHER_BLOOD_PRESSURE = "other_blood_pressure"
    ESTROGEN_OR_SERM = "estrogen_or_serm"
    TERIPARATIDE = "teriparatide"
    IV_IRON = "iv_iron"
    OTHER = "other"


class Condition(StrEnum):
    DIABETES = "diabetes"
    THYROID = "thyroid"
    KIDNEY_OR_DIALYSIS = "kidney_or_dialysis"
    LIVER = "liver"
    PREGNANCY = "pregnancy"
    PERIPHERAL_ARTERY_DISEASE = "peripheral_artery_disease"
    NERVE_OR_SPINE = "nerve_or_spine"


SLEEP_CONTEXTS: frozenset[Context] = frozenset({Context.ASLEEP, Context.IN_BED_AWAKE})

# Plain words for people; the enum values above are for files and scripts.
MUSCLE_LABELS: dict[Muscle, str] = {
    Muscle.CALF: "Calf",
    Muscle.FOOT: "Foot",
    Muscle.THIGH_FRONT: "Front of thigh",
    Muscle.THIGH_BACK: "Back of thigh",
    Muscle.INNER_THIGH: "Inner thigh",
    Muscle.BUTTOCK: "Buttock",
    Muscle.LOWER_BACK: "Lower back",
    Muscle.UPPER_BACK: "Upper back",
    Muscle.NECK: "Neck",
    Muscle.SHOULDER: "Shoulder",
    Muscle.ARM: "Arm",
    Muscle.HAND: "Hand",
    Muscle.ABDOMEN: "Belly",
    Muscle.CHEST: "Chest",
    Muscle.OTHER: "Other",
}
SIDE_LABELS: dict[Side, str] = {
    Side.LEFT: "Left",
    Side.RIGHT: "Right",
    Side.BOTH: "Both",
    Side.NOT_APPLICABLE: "No side",
}
CONTEXT_LABELS: dict[Context, str] = {
    Context.ASLEEP: "Asleep (woke me)",
    Context.IN_BED_AWAKE: "In bed, awake",
    Context.RESTING: "Resting",
    Context.STANDING: "Standing",
    Context.WALKING: "Walking",
    Context.EXERCISING: "Exercising",
    Context.AFTER_EXERCISE: "After exercise",
    Context.OTHER: "Other",
}
SYMPTOM_LABELS: dict[Symptom, str] = {
    Symptom.SWELLING: "Swelling",
    Symptom.REDNESS: "Redness",
    Symptom.WARMTH: "Warmth",
    Symptom.NUMBNESS: "Numbness",
    Symptom.TINGLING: "Tingling",
    Symptom.WEAKNESS: "Weakness after it eased",
    Symptom.DIFFICULTY_MOVING: "Hard to move the limb after",
    Symptom.MUSCLE_SHRINKING: "Muscle looks smaller",
    Symptom.FEVER: "Fever",
    Symptom.DARK_URINE: "Dark urine",
    Symptom.VOMITING: "Vomiting",
    Symptom.DIARRHOEA: "Diarrhoea",
    Symptom.IRREGULAR_HEARTBEAT: "Irregular heartbeat",
    Symptom.TWITCHING: "Twitching",
}
MEDICINE_CLASS_LABELS: dict[MedicineClass, str] = {
    MedicineClass.DIURETIC: "Water tablet (diuretic)",
    MedicineClass.STATIN: "Cholesterol (statin)",
    MedicineClass.BETA_AGONIST: "Asthma (beta-agonist)",
    MedicineClass.DECONGESTANT: "Decongestant",
    MedicineClass.OTHER_BLOOD_PRESSURE: "Other blood pressure",
    MedicineClass.ESTROGEN_OR_SERM: "Estrogen or SERM",
    MedicineClass.TERIPARATIDE: "Teriparatide",
    MedicineClass.IV_IRON: "Iron by drip (IV)",
    MedicineClass.OTHER: "Other",
}
CONDITION_LABELS: dict[Condition, str] = {
    Condition.DIABETES: "Diabetes",
    Condition.THYROID: "Thyroid condition",
    Condition.KIDNEY_OR_DIALYSIS: "Kidney disease or dialysis",
    Condition.LIVER: "Liver condition",
    Condition.PREGNANCY: "Pregnancy",
    Condition.PERIPHERAL_ARTERY_DISEASE: "Poor circulation in the legs (PAD)",
    Condition.NERVE_OR_SPINE: "Nerve or spine condition",
}
