"""A realistic, reproducible example history for trying the app and for every screenshot.

The story: a person in their late sixties with nocturnal calf and foot cramps; more in summer
than winter; clusters of bad weeks and quiet spells; amlodipine all along; atorvastatin started
about ten weeks before today, after which cramps come more often; fluids and exercise that vary;
a few cramps while walking; some notes. Same seed and same end date give the same diary.
"""

from __future__ import annotations

import math
import random
import uuid
from datetime import date, datetime, time, timedelta

from crampdiary.domain import (
    Context,
    Episode,
    MedicationTaken,
    Medicine,
    MedicineClass,
    Muscle,
    Profile,
    Side,
    Symptom,
)
from crampdiary.reports.interchange import DiaryDocument

NOTES = (
    "Woke me at 3 — stretched it out, eased after a couple of minutes.",
    "Long walk with the dog yesterday, about 5 km.",
    "Hot day, didn't drink much.",
    "Stood on a cold floor; that helped.",
    "Foot cramp, toes curled.",
    "Gardening most of the afternoon.",
    "Two in one night. Tired today.",
    "Calf still tender in the morning.",
    "Crampe au mollet — réveillé deux fois.",
    "Wadenkrampf nach dem Schwimmen ✓",
)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def demo_document(*, end: datetime, months: int = 12, seed: int = 7) -> DiaryDocument:
    if not 1 <= months <= 240:
        raise ValueError("months must be between 1 and 240")
    rng = random.Random(seed)
    today = end.date()
    first = today - timedelta(days=round(months * 30.44))
    statin_start = today - timedelta(days=70)
    amlodipine = Medicine(
        id=_uuid(rng),
        name="Amlodipine 5 mg",
        med_class=MedicineClass.OTHER_BLOOD_PRESSURE,
        started_on=first - timedelta(days=400),
    )
    statin = Medicine(
        id=_uuid(rng),
        name="Atorvastatin 20 mg",
        med_class=MedicineClass.STATIN,
        started_on=statin_start,
    )
    medicines = (amlodipine, statin) if statin_start > first else (amlodipine,)
    episodes: list[Episode] = []
    cluster_days = quiet_days = 0
    day = first
    while day <= today:
        season = 1.0 + 0.45 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 196) / 365.25)
        if cluster_days == 0 and quiet_days == 0:
            if rng.random() < 0.03:
                cluster_days = rng.randint(5, 12)
            elif rng.random() < 0.03:
                quiet_days = rng.randint(7, 20)
        rate = 0.22 * season * (2.4 if cluster_days else 1.0) * (0.15 if quiet_days else 1.0)
        on_statin = len(medicines) > 1 and day >= statin_start
        if on_statin:
            rate = max(rate, 0.2) * (2.6 if (day - statin_start).days > 10 else 1.5)
        fluids = round(rng.uniform(1.0, 2.6), 1) if rng.random() > 0.15 else None
        exercise = float(rng.choice((0, 0, 15, 20, 30, 45, 60, 90)))
        if fluids is not None and fluids < 1.5:
            rate *= 1.3
        cluster_days = max(0, cluster_days - 1)
        quiet_days = max(0, quiet_days - 1)
        count = 0
        while rng.random() < rate and count < 3:
            count += 1
            rate *= 0.35
        meds = tuple(m.snapshot() for m in medicines if m.taken_on(day))
        for _ in range(count):
            episode = _episode(rng, day, today, meds, fluids, exercise)
            if datetime.combine(episode.started_at.date(), episode.started_at.time()) <= end:
                episodes.append(episode)
        day += timedelta(days=1)
    return DiaryDocument(
        tuple(episodes), medicines, Profile(on_restricted_diet=False, conditions=())
    )


def _episode(
    rng: random.Random,
    day: date,
    today: date,
    meds: tuple[MedicationTaken, ...],
    fluids: float | None,
    exercise: float,
) -> Episode:
    exertional = (today - day).days > 60 and rng.random() < 0.04
    if exertional:
        context = rng.choice((Context.WALKING, Context.EXERCISING))
        start = datetime.combine(day, time(rng.randint(9, 17), rng.randrange(0, 60, 5)))
        muscle = Muscle.CALF
        eased: bool | None = True
    else:
        roll = rng.random()
        if roll < 0.82:
            hour = rng.choice((0, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
            context = Context.ASLEEP if rng.random() < 0.85 else Context.IN_BED_AWAKE
        elif roll < 0.9:
            hour = rng.choice((22, 23))
            context = Context.IN_BED_AWAKE
        else:
            hour = rng.randint(10, 20)
            context = rng.choice((Context.RESTING, Context.STANDING, Context.AFTER_EXERCISE))
        start = datetime.combine(day, time(hour, rng.randrange(0, 60)))
        muscle = rng.choices(
            (Muscle.CALF, Muscle.FOOT, Muscle.THIGH_BACK, Muscle.THIGH_FRONT, Muscle.HAND),
            weights=(64, 21, 8, 4, 3),
        )[0]
        eased = None
    side = rng.choices((Side.LEFT, Side.RIGHT, Side.BOTH), weights=(46, 46, 8))[0]
    if muscle is Muscle.HAND:
        side = rng.choice((Side.LEFT, Side.RIGHT))
    duration = round(min(9.5, max(0.25, rng.lognormvariate(math.log(2.0), 0.6))) * 4) / 4
    severity = max(2, min(9, round(rng.gauss(5.8, 1.3))))
    symptoms = (Symptom.TWITCHING,) if rng.random() < 0.03 else ()
    note = rng.choice(NOTES) if rng.random() < 0.18 else ""
    return Episode(
        id=_uuid(rng),
        started_at=start,
        duration_minutes=duration,
        muscle=muscle,
        side=side,
        severity_0_10=severity,
        context=context,
        eased_with_rest=eased,
        symptoms=symptoms,
        medications=meds,
        hydration_litres_24h=fluids,
        exercise_minutes_24h=exercise,
        soreness_days=rng.choice((None, None, 0, 1, 1, 2)),
        affected_daily_activities=(rng.random() < 0.08) if rng.random() < 0.6 else None,
        notes=note,
    )
