"""The warning engine: the 18 rules of spec/warning-signs.md §2.3, as one pure function.

Owns ``evaluate`` (episodes + profile + as_of + settings → warning signs), ``WarningSign`` and
``Severity``. Follows §2.2 literally: wall-clock dates as written, calendar-date windows,
future-dated episodes ignored, ``None`` never matching, ``notes`` never read, every rule
independent. Messages are the §2.4 texts: they never name a diagnosis and never tell anyone to
start or stop a medicine.

Imports only the standard library and ``crampdiary.domain``; never the clock, the database or the
screen (the caller passes ``as_of``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from crampdiary.analysis.config import RuleConfig
from crampdiary.analysis.dates import longest_run, night_of_start, window
from crampdiary.analysis.sources import SAFETY_TEXT, citations
from crampdiary.domain import SLEEP_CONTEXTS, Context, Episode, MedicineClass, Muscle, Profile
from crampdiary.domain import Symptom as Sy
from crampdiary.domain.enums import MUSCLE_LABELS, SYMPTOM_LABELS

__all__ = ["DEFAULT_CONFIG", "RULE_IDS", "SAFETY_TEXT", "Severity", "WarningSign", "evaluate"]

DEFAULT_CONFIG = RuleConfig()


class Severity(StrEnum):
    """§2.1: how soon to act. Sorting follows this order, most urgent first."""

    URGENT = "urgent"
    SEE_DOCTOR = "see-doctor"
    INFO = "info"


_RANK = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True, slots=True)
class WarningSign:
    """One fired rule: a short heading, the §2.4 message filled in, and where it comes from."""

    id: str
    severity: Severity
    title: str
    message: str
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The CLI's ``--json`` shape: exactly ``id``, ``severity``, ``message`` and ``sources``."""
        return {
            "id": self.id,
            "severity": self.severity.value,
            "message": self.message,
            "sources": list(self.sources),
        }


# --- one pass over the diary --------------------------------------------------------------

_EXERTION = frozenset({Context.WALKING, Context.EXERCISING})
_LEG_MUSCLES = frozenset(
    {Muscle.CALF, Muscle.THIGH_FRONT, Muscle.THIGH_BACK, Muscle.INNER_THIGH, Muscle.BUTTOCK}
)
_NEURO = (Sy.NUMBNESS, Sy.TINGLING)
_WEAKNESS = (Sy.WEAKNESS, Sy.DIFFICULTY_MOVING, Sy.MUSCLE_SHRINKING)
_SKIN = (Sy.SWELLING, Sy.REDNESS, Sy.WARMTH)
_SYSTEMIC = (Sy.FEVER, Sy.DARK_URINE, Sy.VOMITING, Sy.DIARRHOEA, Sy.IRREGULAR_HEARTBEAT)
_OTHER_CLASSES = frozenset(
    {
        MedicineClass.BETA_AGONIST,
        MedicineClass.DECONGESTANT,
        MedicineClass.OTHER_BLOOD_PRESSURE,
        MedicineClass.ESTROGEN_OR_SERM,
        MedicineClass.TERIPARATIDE,
        MedicineClass.IV_IRON,
    }
)


@dataclass(slots=True)
class _Facts:
    """What the rules need, gathered in one pass; every date here is ≤ as_of."""

    as_of: date
    profile: Profile
    dates: set[date] = field(default_factory=set)  # D(e) within the widest window
    nights: set[date] = field(default_factory=set)  # N(e) of sleep-related cramps in W(sleep)
    claudication_days: set[date] = field(default_factory=set)
    earliest: date | None = None  # of the whole diary, for W-MEDICATION-NEW
    # The rest is about R, the recent window.
    recent: bool = False
    longest_minutes: float | None = None
    muscle_days: dict[Muscle, set[date]] = field(default_factory=dict)
    sore_muscles: set[Muscle] = field(default_factory=set)
    symptoms: set[Sy] = field(default_factory=set)
    chest: bool = False
    severe_days: set[date] = field(default_factory=set)
    impact_days: set[date] = field(default_factory=set)
    low_fluid_days: set[date] = field(default_factory=set)
    med_names: dict[MedicineClass, set[str]] = field(default_factory=dict)
    new_meds: set[tuple[date, str]] = field(default_factory=set)  # (started_on, name)


def _collect(episodes: Iterable[Episode], profile: Profile, as_of: date, c: RuleConfig) -> _Facts:
    facts = _Facts(as_of, profile)
    last = datetime.combine(as_of, time.max)
    first = datetime.combine(window(as_of, c.widest_window_days).first, time.min)
    earliest: datetime | None = None
    windowed: list[Episode] = []
    # The only loop over the whole diary: a few comparisons per episode, no date arithmetic.
    for e in episodes:
        s = e.started_at
        if s > last:
            continue  # future-dated (§2.2 convention 3)
        if earliest is None or s < earliest:
            earliest = s
        if s >= first:
            windowed.append(e)
    facts.earliest = earliest.date() if earliest is not None else None

    r_first = window(as_of, c.recent_window_days).first
    sleep_first = window(as_of, c.sleep_window_nights).first
    claud_first = window(as_of, c.claudication_window_days).first
    for e in windowed:
        d = e.started_at.date()
        facts.dates.add(d)
        if e.context in SLEEP_CONTEXTS:
            night = night_of_start(e.started_at, c.night_boundary_hour)
            if night >= sleep_first:
                facts.nights.add(night)
        if (
            d >= claud_first
            and e.context in _EXERTION
            and e.eased_with_rest is True
            and e.muscle in _LEG_MUSCLES
        ):
            facts.claudication_days.add(d)
        if d >= r_first:
            _collect_recent(facts, e, d, c)
    return facts


def _collect_recent(facts: _Facts, e: Episode, d: date, c: RuleConfig) -> None:
    facts.recent = True
    if e.duration_minutes > c.duration_long_minutes_gt and (
        facts.longest_minutes is None or e.duration_minutes > facts.longest_minutes
    ):
        facts.longest_minutes = e.duration_minutes
    facts.muscle_days.setdefault(e.muscle, set()).add(d)
    if e.soreness_days is not None and e.soreness_days > c.soreness_days_gt:
        facts.sore_muscles.add(e.muscle)
    facts.symptoms.update(e.symptoms)
    facts.chest = facts.chest or e.muscle == Muscle.CHEST
    if e.severity_0_10 >= c.severe_pain_min_score:
        facts.severe_days.add(d)
    if e.affected_daily_activities is True:
        facts.impact_days.add(d)
    if e.hydration_litres_24h is not None and e.hydration_litres_24h < c.low_fluid_litres_lt:
        facts.low_fluid_days.add(d)
    for med in e.medications:
        facts.med_names.setdefault(med.med_class, set()).add(med.name)
        if med.started_on is not None and 0 <= (d - med.started_on).days <= c.new_med_max_days:
            facts.new_meds.add((med.started_on, med.name))


# --- the rules ----------------------------------------------------------------------------
# Each returns its filled §2.4 message when it fires, else None.

Check = Callable[[_Facts, RuleConfig], str | None]


def _freq(f: _Facts, c: RuleConfig) -> str | None:
    for size, minimum in (
        (c.freq_short_window_days, c.freq_short_min_cramp_days),
        (c.freq_long_window_days, c.freq_long_min_cramp_days),
    ):
        first = window(f.as_of, size).first
        n = sum(1 for d in f.dates if d >= first)
        if n >= minimum:
            return (
                f"You've had cramps on {n} different days in the last {size} days. Cramps that"
                " keep coming back are worth mentioning to a doctor, who can look at what might"
                " be making them more likely. Bringing this diary along can help."
            )
    return None


def _sleep(f: _Facts, c: RuleConfig) -> str | None:
    n = len(f.nights)
    if n < c.sleep_min_nights:
        return None
    return (
        f"Cramps have disturbed your sleep on {n} of the last {c.sleep_window_nights} nights."
        " When cramps regularly break up your sleep, it's worth talking to a doctor — there may"
        " be things that help."
    )


def _duration(f: _Facts, c: RuleConfig) -> str | None:
    if f.longest_minutes is None:
        return None
    return (
        f"You logged a cramp that lasted {_num(f.longest_minutes)} minutes. Most cramps ease"
        f" within {_num(c.duration_long_minutes_gt)} minutes. Please get medical advice today —"
        " ask your GP practice for an urgent appointment or call your local non-emergency health"
        " line. If it has already settled, it's still worth mentioning soon."
    )


def _persistent(f: _Facts, c: RuleConfig) -> str | None:
    muscles = set(f.sore_muscles)
    for muscle, days in f.muscle_days.items():
        if len(days) >= c.persistent_consecutive_days and (
            longest_run(days) >= c.persistent_consecutive_days
        ):
            muscles.add(muscle)
    if not muscles:
        return None
    words = _join([_MUSCLE_WORDS[m] for m in Muscle if m in muscles])
    return (
        f"Cramps or soreness in your {words} have gone on for more than a few days. Soreness after"
        " a cramp usually settles within a day or two, so it's a good idea to get this checked by"
        " a doctor."
    )


def _claudication(f: _Facts, c: RuleConfig) -> str | None:
    n = len(f.claudication_days)
    if n < c.claudication_min_days:
        return None
    return (
        f"On {n} different days you had leg cramps that came on while walking or exercising and"
        " eased when you stopped to rest. It's a good idea to book an appointment so a doctor can"
        " check why this happens."
    )


def _noted(symptoms: tuple[Sy, ...], message: str) -> Check:
    def check(f: _Facts, c: RuleConfig) -> str | None:
        found = [s for s in symptoms if s in f.symptoms]
        if not found:
            return None
        return message.format(symptom=_join([SYMPTOM_LABELS[s].lower() for s in found]))

    return check


def _chest(f: _Facts, c: RuleConfig) -> str | None:
    if not f.chest:
        return None
    return (
        "You logged a cramp-like pain in your chest. Chest pain should always be checked the same"
        " day. If the pain is severe or spreading to your arm, jaw or back, or you feel short of"
        " breath, sweaty or faint, call emergency services now."
    )


def _severe_pain(f: _Facts, c: RuleConfig) -> str | None:
    n = len(f.severe_days)
    if n < c.severe_pain_min_days:
        return None
    return (
        f"You rated cramps as very painful ({c.severe_pain_min_score} out of 10 or more) on {n}"
        f" days in the last {_span(c.recent_window_days)}. Very painful cramps that keep happening"
        " are worth discussing with a doctor."
    )


def _daily_impact(f: _Facts, c: RuleConfig) -> str | None:
    n = len(f.impact_days)
    if n < c.daily_impact_min_days:
        return None
    return (
        f"Cramps have got in the way of your day on {n} days recently. It's worth talking to a"
        " doctor about it."
    )


def _diuretic(f: _Facts, c: RuleConfig) -> str | None:
    if MedicineClass.DIURETIC not in f.med_names:
        return None
    return (
        "You take a water tablet (diuretic) and have logged cramps. These medicines can change the"
        " body's salt and mineral levels, so it's worth asking your doctor whether a blood test"
        " would help. Keep taking your medicines unless your doctor tells you otherwise."
    )


def _statin(f: _Facts, c: RuleConfig) -> str | None:
    if MedicineClass.STATIN not in f.med_names:
        return None
    return (
        "You take a cholesterol medicine (statin) and have logged cramps. Muscle aches and cramps"
        " are a known side effect for some people. Mention it to your doctor or pharmacist —"
        " please don't stop the medicine on your own."
    )


def _new_medicine(f: _Facts, c: RuleConfig) -> str | None:
    earliest = f.earliest
    # The diary holds no cramp before the start: the cramps are new since the medicine.
    began = sorted(m for m in f.new_meds if earliest is not None and earliest >= m[0])
    if not began:
        return None
    words = _join([f"{name} on {started.isoformat()}" for started, name in began])
    return (
        f"Your cramps started after you began {words}. Some medicines can make cramps more"
        " likely. Let your doctor or pharmacist know — don't stop a medicine without advice."
    )


def _other_medicine(f: _Facts, c: RuleConfig) -> str | None:
    names = {n for cls in _OTHER_CLASSES for n in f.med_names.get(cls, ())}
    if not names:
        return None
    ordered = sorted(names, key=lambda n: (n.casefold(), n))
    words = _join(ordered)
    words = words[:1].upper() + words[1:]
    verb = "is one of the medicines" if len(ordered) == 1 else "are among the medicines"
    return (
        f"{words} {verb} that sources list as sometimes linked to cramps. If cramps bother you,"
        " mention it at your next medicines review."
    )


def _diet(f: _Facts, c: RuleConfig) -> str | None:
    if not (f.profile.on_restricted_diet is True and f.recent):
        return None
    return (
        "You're following a special or restricted diet and have logged cramps. It may be worth"
        " asking your doctor whether your salt and mineral levels should be checked."
    )


def _low_fluid(f: _Facts, c: RuleConfig) -> str | None:
    n = len(f.low_fluid_days)
    if n < c.low_fluid_min_days:
        return None
    return (
        f"On {n} recent cramp days you logged drinking less than {_num(c.low_fluid_litres_lt)}"
        " litres. Drinking enough through the day helps some people, although the evidence that"
        " it prevents cramps is mixed."
    )


@dataclass(frozen=True, slots=True)
class _Rule:
    id: str
    severity: Severity
    title: str  # may name a setting, e.g. {duration_long_minutes_gt}
    check: Check


_U, _D, _I = Severity.URGENT, Severity.SEE_DOCTOR, Severity.INFO
_RULES: tuple[_Rule, ...] = (
    _Rule("W-FREQ", _D, "Cramps that keep coming back", _freq),
    _Rule("W-SLEEP-DISRUPTION", _D, "Cramps on most nights", _sleep),
    _Rule(
        "W-DURATION-LONG",
        _U,
        "A cramp lasting more than {duration_long_minutes_gt} minutes",
        _duration,
    ),
    _Rule("W-PERSISTENT-DAYS", _D, "Cramping or soreness that goes on for days", _persistent),
    _Rule(
        "W-EXERTIONAL-CLAUDICATION",
        _D,
        "Leg cramps that come with walking and ease with rest",
        _claudication,
    ),
    _Rule(
        "W-NEURO-SYMPTOMS",
        _D,
        "Numbness or tingling",
        _noted(
            _NEURO,
            "You noted numbness or tingling with a cramp. It's a good idea to mention this to a"
            " doctor, who can check the area properly.",
        ),
    ),
    _Rule(
        "W-WEAKNESS",
        _D,
        "Weakness, difficulty moving, or a shrinking muscle",
        _noted(
            _WEAKNESS,
            "You noted weakness, trouble moving the limb, or the muscle looking smaller. Please"
            " book an appointment so a doctor can check this.",
        ),
    ),
    _Rule(
        "W-SWELLING-REDNESS",
        _U,
        "Swelling, redness or warmth",
        _noted(
            _SKIN,
            "You noted swelling, redness or warmth with a cramp. This should be checked by a"
            " doctor today — ask for an urgent appointment or call your local non-emergency"
            " health line. If you also have chest pain or trouble breathing, call emergency"
            " services (999/112/911).",
        ),
    ),
    _Rule(
        "W-SYSTEMIC",
        _U,
        "Feeling unwell along with a cramp",
        _noted(
            _SYSTEMIC,
            "You noted {symptom} along with a cramp. Please get medical advice today. If you feel"
            " very unwell, call emergency services.",
        ),
    ),
    _Rule("W-CHEST", _U, "Cramp-like pain in the chest", _chest),
    _Rule("W-SEVERE-PAIN", _D, "Very painful cramps on more than one day", _severe_pain),
    _Rule("W-DAILY-IMPACT", _D, "Cramps getting in the way of daily life", _daily_impact),
    _Rule("W-MEDICATION-DIURETIC", _D, "Cramps while taking a water tablet", _diuretic),
    _Rule("W-MEDICATION-STATIN", _D, "Cramps while taking a cholesterol medicine", _statin),
    _Rule("W-MEDICATION-NEW", _D, "Cramps began after starting a medicine", _new_medicine),
    _Rule("W-MEDICATION-OTHER", _I, "Other medicines linked to cramps", _other_medicine),
    _Rule("W-DIET-ELECTROLYTES", _D, "Cramps while on a restricted diet", _diet),
    _Rule("W-LOW-FLUID", _I, "Low fluid intake on cramp days", _low_fluid),
)
RULE_IDS: tuple[str, ...] = tuple(rule.id for rule in _RULES)


def evaluate(
    episodes: Iterable[Episode],
    profile: Profile,
    as_of: date,
    config: RuleConfig = DEFAULT_CONFIG,
) -> list[WarningSign]:
    """Every rule that fires for the diary as it stands on ``as_of``, most urgent first.

    ``episodes`` is read once, in any order. Sorted by severity (urgent, see-doctor, info), then id.
    """
    if isinstance(as_of, datetime):
        as_of = as_of.date()
    facts = _collect(episodes, profile, as_of, config)
    settings = config.to_settings()
    signs = []
    for rule in _RULES:
        message = rule.check(facts, config)
        if message is not None:
            title = rule.title.format_map(settings)
            signs.append(WarningSign(rule.id, rule.severity, title, message, citations(rule.id)))
    signs.sort(key=lambda sign: (_RANK[sign.severity], sign.id))
    return signs


# --- words --------------------------------------------------------------------------------

_MUSCLE_WORDS = {m: label.lower() for m, label in MUSCLE_LABELS.items()} | {Muscle.OTHER: "muscle"}


def _join(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _num(value: float) -> str:
    return f"{value:g}"


def _span(days: int) -> str:
    if days % 7 == 0:
        weeks = days // 7
        return "week" if weeks == 1 else f"{weeks} weeks"
    return "day" if days == 1 else f"{days} days"
