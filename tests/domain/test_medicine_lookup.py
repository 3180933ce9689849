"""The medicine name → class lookup (spec/warning-signs.md §3.1 "UI notes")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampdiary.domain import MedicineClass
from crampdiary.domain.medicine_lookup import LOOKUP, classify_medicine, known_names

# Every example the spec names, with the class it names.
SPEC_EXAMPLES = [
    ("furosemide", MedicineClass.DIURETIC),
    ("bendroflumethiazide", MedicineClass.DIURETIC),
    ("indapamide", MedicineClass.DIURETIC),
    ("atorvastatin", MedicineClass.STATIN),
    ("simvastatin", MedicineClass.STATIN),
    ("rosuvastatin", MedicineClass.STATIN),
    ("salbutamol", MedicineClass.BETA_AGONIST),
    ("salmeterol", MedicineClass.BETA_AGONIST),
    ("pseudoephedrine", MedicineClass.DECONGESTANT),
    ("amlodipine", MedicineClass.OTHER_BLOOD_PRESSURE),
    ("nifedipine", MedicineClass.OTHER_BLOOD_PRESSURE),
    ("conjugated estrogens", MedicineClass.ESTROGEN_OR_SERM),
    ("raloxifene", MedicineClass.ESTROGEN_OR_SERM),
    ("teriparatide", MedicineClass.TERIPARATIDE),
    ("iron sucrose", MedicineClass.IV_IRON),
]


@pytest.mark.parametrize(("name", "expected"), SPEC_EXAMPLES)
def test_the_spec_examples_map_to_their_class(name: str, expected: MedicineClass) -> None:
    assert classify_medicine(name) is expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Atorvastatin", MedicineClass.STATIN),
        ("ATORVASTATIN 20 MG", MedicineClass.STATIN),
        ("  atorvastatin   20mg tablets ", MedicineClass.STATIN),
        ("Atorvastatin, 20mg", MedicineClass.STATIN),
        ("atorvastatin,20mg", MedicineClass.STATIN),
        ("Lipitor®", MedicineClass.STATIN),
        ("Lipitor (atorvastatin)", MedicineClass.STATIN),
        ("Furosemide/Lasix 40 mg", MedicineClass.DIURETIC),
        ("Conjugated   Estrogens 0.625mg", MedicineClass.ESTROGEN_OR_SERM),
        ("conjugated-oestrogens", MedicineClass.ESTROGEN_OR_SERM),
        ("Iron-sucrose infusion", MedicineClass.IV_IRON),
        ("Ventolin inhaler", MedicineClass.BETA_AGONIST),
        ("Sudafed", MedicineClass.DECONGESTANT),
    ],
)
def test_case_spacing_strength_and_punctuation_do_not_matter(
    written: str, expected: MedicineClass
) -> None:
    assert classify_medicine(written) is expected


@pytest.mark.parametrize(
    "name",
    [
        "paracetamol",
        "ibuprofen 400 mg",
        "",
        "   ",
        "statin",  # a class word, not a medicine
        "atorvastatins",  # a different word that happens to start with a known name
        "xatorvastatin",
        "iron",  # oral iron is not IV iron
        "sucrose",
        "magnesium",
        "quinine",
        "🦵",
    ],
)
def test_unknown_names_are_other(name: str) -> None:
    assert classify_medicine(name) is MedicineClass.OTHER


@pytest.mark.parametrize(("name", "expected"), sorted(LOOKUP.items()))
def test_every_known_name_classifies_as_listed(name: str, expected: MedicineClass) -> None:
    assert classify_medicine(name) is expected
    assert classify_medicine(name.upper() + " 10 mg") is expected


def test_known_names_are_sorted_and_cover_every_class_but_other() -> None:
    names = known_names()
    assert names == sorted(names) == sorted(LOOKUP)
    assert set(LOOKUP.values()) == set(MedicineClass) - {MedicineClass.OTHER}


@given(st.text(max_size=60))
def test_any_text_gets_a_class(name: str) -> None:
    assert classify_medicine(name) in set(MedicineClass)
