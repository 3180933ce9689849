"""Name → class lookup for the medicines list (spec/warning-signs.md §3.1 "UI notes").

Common generic and a few brand names; anything unknown is ``other``. Never used to advise on a
medicine: it only sorts the user's own list into the classes the warning rules read.
"""

from __future__ import annotations

import re

from crampdiary.domain.enums import MedicineClass

_TABLE: dict[MedicineClass, tuple[str, ...]] = {
    MedicineClass.DIURETIC: (
        "furosemide",
        "frusemide",
        "bumetanide",
        "torasemide",
        "torsemide",
        "bendroflumethiazide",
        "hydrochlorothiazide",
        "chlortalidone",
        "chlorthalidone",
        "indapamide",
        "metolazone",
        "spironolactone",
        "eplerenone",
        "amiloride",
        "triamterene",
        "lasix",
        "aldactone",
    ),
    MedicineClass.STATIN: (
        "atorvastatin",
        "simvastatin",
        "rosuvastatin",
        "pravastatin",
        "fluvastatin",
        "lovastatin",
        "pitavastatin",
        "lipitor",
        "crestor",
        "zocor",
    ),
    MedicineClass.BETA_AGONIST: (
        "salbutamol",
        "albuterol",
        "salmeterol",
        "formoterol",
        "terbutaline",
        "vilanterol",
        "indacaterol",
        "olodaterol",
        "ventolin",
        "serevent",
    ),
    MedicineClass.DECONGESTANT: ("pseudoephedrine", "phenylephrine", "sudafed"),
    MedicineClass.OTHER_BLOOD_PRESSURE: (
        "amlodipine",
        "nifedipine",
        "felodipine",
        "lercanidipine",
        "diltiazem",
        "verapamil",
        "lisinopril",
        "ramipril",
        "enalapril",
        "perindopril",
        "losartan",
        "candesartan",
        "valsartan",
        "irbesartan",
        "olmesartan",
        "doxazosin",
    ),
    MedicineClass.ESTROGEN_OR_SERM: (
        "conjugated estrogens",
        "conjugated oestrogens",
        "estradiol",
        "oestradiol",
        "raloxifene",
        "tamoxifen",
        "bazedoxifene",
        "premarin",
        "evista",
    ),
    MedicineClass.TERIPARATIDE: ("teriparatide", "forteo", "forsteo", "abaloparatide"),
    MedicineClass.IV_IRON: (
        "iron sucrose",
        "ferric carboxymaltose",
        "ferric derisomaltose",
        "iron dextran",
        "venofer",
        "ferinject",
        "monofer",
    ),
}

LOOKUP: dict[str, MedicineClass] = {
    name: med_class for med_class, names in _TABLE.items() for name in names
}


_PUNCTUATION = re.compile(r"[\W_]+")


def classify_medicine(name: str) -> MedicineClass:
    """The class of a medicine name; ``other`` when we do not know it.

    Matches whole names and names with a strength, form or brand around them ("Atorvastatin
    20 mg", "Lipitor®", "Furosemide/Lasix", "atorvastatin,20mg"): any run of punctuation counts
    as a space.
    """
    text = " " + " ".join(_PUNCTUATION.sub(" ", name.lower()).split()) + " "
    for known, med_class in LOOKUP.items():
        if f" {known} " in text:
            return med_class
    return MedicineClass.OTHER


def known_names() -> list[str]:
    return sorted(LOOKUP)
