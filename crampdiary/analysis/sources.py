# ruff: noqa: E501
# Quotes stay whole, one per line, so that each can be found in its seed file with grep.
"""Where every warning comes from: seed quotes and external references (spec §2.4, §2.5, §5).

Owns the citation text shown under each warning and the always-visible safety text. Seed quotes are
verbatim, letter for letter, including the seeds' own typos; reference excerpts are the verbatim
parts §2.4/§5 quote. Imports only the standard library; never the clock, the database or the screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

SEED_000 = "000_001a15a01f7c65a1.txt"
SEED_001 = "001_410a16a8c47bb9f5.txt"
SEED_002 = "002_dbc3e3697a7b890d.txt"
SEED_003 = "003_cb93eb582c82cbb1.txt"
SEED_004 = "004_5c3bf54a2fec6a82.txt"
SEED_FILES = (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)


@dataclass(frozen=True, slots=True)
class Reference:
    """An external source of §5: its key, a short title and where it can be read."""

    key: str
    title: str
    address: str


@dataclass(frozen=True, slots=True)
class SeedQuote:
    """A verbatim sentence from one of the seed pages."""

    quote: str
    seed_file: str

    def cite(self) -> str:
        """``"<quote>" — seeds/<file>``."""
        return f'"{self.quote}" — seeds/{self.seed_file}'


@dataclass(frozen=True, slots=True)
class Citation:
    """What one external reference says about one rule."""

    key: str
    excerpt: str

    def cite(self) -> str:
        """``[KEY] title: excerpt``."""
        return f"[{self.key}] {REFERENCES[self.key].title}: {self.excerpt}"


@dataclass(frozen=True, slots=True)
class RuleSources:
    """A rule's seed quotes, its external references, and the sources of its numbers."""

    seeds: tuple[SeedQuote, ...]
    external: tuple[Citation, ...]
    threshold: tuple[SeedQuote | Citation, ...] = ()

    def citations(self) -> tuple[str, ...]:
        """Every source as one readable line: seeds first, then references, then the numbers'."""
        return tuple(s.cite() for s in (*self.seeds, *self.external, *self.threshold))


def _ref(key: str, title: str, address: str) -> tuple[str, Reference]:
    return key, Reference(key, title, address)


# fmt: off
REFERENCES: Mapping[str, Reference] = MappingProxyType(
    dict(
        [
            _ref("NHS-LC", 'NHS, "Leg cramps"', "https://www.doctoori.net/health-information/health-resources-a-z/conditions/?condition=leg-cramps"),
            _ref("NHS-LC-2017", 'NHS Choices, "Leg cramps" (2017)', "https://zana.com/a/leg-cramps-symptoms-leg-cramps.1344"),
            _ref("NIDIRECT", 'nidirect (NHS content), "Leg cramps"', "https://nidirect.gov.uk/node/10453"),
            _ref("NHS-DVT", 'NHS, "Deep vein thrombosis"', "https://beta.nhs.uk/conditions/deep-vein-thrombosis-dvt/"),
            _ref("MERCK-HOME", 'MSD Manual Consumer Version, "Muscle Cramps" (2023)', "https://www.msdmanuals.com/en-sg/home/quick-facts-brain,-spinal-cord,-and-nerve-disorders/symptoms-of-brain,-spinal-cord,-and-nerve-disorders/muscle-cramps"),
            _ref("MAYO-MC", 'Mayo Clinic, "Muscle cramp"', "https://www.stclair.org/services/mayo-clinic-health-information/article/ABT-20334355"),
            _ref("MAYO-MC-COPY", 'Mayo Clinic, "Muscle cramp" (secondary copy)', "https://rx2go.com/muscle-spasms-symptoms-causes-and-treatment/"),
            _ref("MAYO-NLC", 'Mayo Clinic, "Night leg cramps: when to see a doctor" (2013)', "http://www.mayoclinic.org/symptoms/night-leg-cramps/basics/when-to-see-doctor/sym-20050813"),
            _ref("MAYO-RHABDO", "Mayo Clinic, expert answer on statins and muscle symptoms (2025)", "https://www.mayoclinic.org/diseases-conditions/high-blood-cholesterol/expert-answers/rhabdomyolysis/faq-20057817"),
            _ref("MEDLINEPLUS-ENC", 'MedlinePlus Medical Encyclopedia, "Muscle cramps" (older version)', "https://camaraethiopia.org.et/rachel/med/ency/article/003193.htm"),
            _ref("AAFP-2012", 'Allen & Kirby, "Nocturnal leg cramps", Am Fam Physician 2012', "https://studyres.com/doc/7178856/nocturnal-leg-cramps---american-academy-of-family-physicians"),
            _ref("AAFP-2012-PT", 'AAFP patient handout, "Nocturnal Leg Cramps" (2012)', "https://www.aafp.org/afp/2012/0815/p350-s1.html"),
            _ref("AAN-2010", "Katzberg et al., symptomatic treatment for muscle cramps, Neurology 2010", "https://jesse.tg/ngc-archive/summary/7822"),
            _ref("KATZBERG-2015", 'Katzberg, "Neurogenic muscle cramps", J Neurol 2015', "https://www.scribd.com/document/598588384/Katz-Berg-2015"),
            _ref("BMJ-BP", 'BMJ Best Practice, "Muscle cramps"', "https://bestpractice.bmj.com/topics/en-us/569"),
            _ref("HALLEGRAEFF-2017", "Hallegraeff et al., criteria for night-time leg cramps, BMC Fam Pract 2017", "https://www.springermedizin.de/criteria-in-diagnosing-nocturnal-leg-cramps-a-systematic-review/12096902"),
            _ref("ROGUIN-2017", "Roguin Maor et al., randomised trial, JAMA Intern Med 2017", "https://pubmed.ncbi.nlm.nih.gov/28241153/"),
            _ref("FRUSSO-1999", "Frusso et al., randomised trial, J Fam Pract 1999", "https://www.mdedge.com/familymedicine/article/60992/pain/magnesium-treatment-nocturnal-leg-cramps-crossover-randomized"),
            _ref("GRANDNER-2017", "Grandner & Winkelman, US survey (NHANES), PLoS One 2017", "https://pmc.ncbi.nlm.nih.gov/articles/PMC5460850"),
            _ref("SEBO-2019", "Sebo et al., 2-week cramp diary, Swiss Med Wkly 2019", "https://smw.ch/index.php/smw/article/view/2597"),
            _ref("EDINBURGH", "Leng & Fowkes, Edinburgh Claudication Questionnaire, J Clin Epidemiol 1992", "https://medicalcriteria.com/web/edinburgh-claudication-questionnaire/"),
            _ref("AHA-PAD", "AHA Guidelines and Scientific Statements Handbook", "https://issuhub.com/view/index?id=7358&pageIndex=187"),
            _ref("ABRAHAM-2022", 'Abraham et al., "Arterial claudication", Vasc Invest Ther 2022', "https://vitonline.org/article.asp?issn=2589-9686;year=2022;volume=5;issue=3;spage=68;epage=74;aulast=Abraham"),
            _ref("BOONSTRA-2016", "Boonstra et al., pain score cut-points, Front Psychol 2016", "https://frontiersin.org/journals/psychology/articles/10.3389/fpsyg.2016.01466/full"),
            _ref("PALOS-2006", "Palos et al., pain score cut-points, J Pain 2006", "https://pubmed.ncbi.nlm.nih.gov/16414555/"),
            _ref("EFSA-2010", "EFSA, Dietary Reference Values for water, EFSA Journal 2010", "https://onlinelibrary.wiley.com/doi/10.2903/j.efsa.2010.1459/abstract"),
            _ref("BNSSG", 'NHS Bristol, N Somerset & S Glos "Remedy" pathway, "Muscle cramps" (draft)', "https://remedy.bnssg.icb.nhs.uk/bnssg-icb/development-area/muscle-cramps-draft"),
        ]
    )
)

_S, _C = SeedQuote, Citation

# Quotes used by more than one rule.
_FREQUENT_OR_DAILY = _S(
    "Muscle spasms that occur frequently or interfere with daily activities", SEED_001
)
_STILL_PERSIST = _S(
    "Try changing your lifestyle first and then contact your doctor if your symptoms still persist.",
    SEED_000,
)
_DIURETICS_OR_DIET = _S(
    "If you are taking diuretics or you are on some kind of diet, talk to your doctor to check your electrolyte levels.",
    SEED_000,
)
_OTHER_SYMPTOMS = _S(
    "Muscle spasms accompanied by other symptoms such as fever, numbness, or tingling", SEED_001
)
_WEAKNESS_FATIGUE = _S(
    "Muscle cramps, particularly in the legs or feet, along with other symptoms such as weakness, fatigue, nausea, or irregular heartbeats, may indicate electrolyte imbalances.",
    SEED_004,
)
_SEVERE_OR_WEAK = _S("Severe pain or weakness in the affected area", SEED_001)
_MEDS_001 = _S(
    "Medications: Some medications, including diuretics, statins, and pseudoephedrine, can contribute to muscle spasms by causing electrolyte imbalances or other metabolic changes.",
    SEED_001,
)
_MEDS_003 = _S(
    "Some medications that increase the risk of muscle cramps are diuretics, some blood pressure medications, asthma medications, and statins.",
    SEED_003,
)
_ROGUIN = _C(
    "ROGUIN-2017", 'people "with 4 or more documented episodes of NLC during 2 weeks of screening"'
)
_NHS_CAUSES = _C(
    "NHS-LC",
    'causes include "medicine for lowering cholesterol (statins) or high blood pressure (diuretics)"',
)
_MERCK_FLUIDS = _C(
    "MERCK-HOME",
    'see a doctor right away if "Cramps started after you lost a lot of body fluids from throwing up, sweating a lot, having diarrhea, or taking diuretics"',
)
_MERCK_WEAKNESS = _C(
    "MERCK-HOME", 'see a doctor right away for "Weakness or losing feeling in parts of your body"'
)
_MAYO_NLC_DAYTIME = _C(
    "MAYO-NLC",
    '"Schedule an office visit if you: Have trouble functioning during the day because leg cramps interrupt your sleep"',
)

RULE_SOURCES: Mapping[str, RuleSources] = MappingProxyType({
    "W-FREQ": RuleSources(
        seeds=(
            _FREQUENT_OR_DAILY,
            _S("If you have lots of muscle cramps, see your physician.", SEED_003),
            _S("Further diagnostics and treatment are unnecessary if the cramps occur only occasionally.", SEED_000),
            _STILL_PERSIST,
        ),
        external=(
            _C("NHS-LC-2017", '"If you only get leg cramps occasionally, it is not a cause for concern and a medical diagnosis is not required. A visit to your GP will only be necessary if you get leg cramps frequently…"'),
            _C("MAYO-MC", 'see a health care professional if the cramps "Happen often."'),
            _C("MEDLINEPLUS-ENC", 'call your doctor if cramps "keep coming back"'),
        ),
        threshold=(
            _ROGUIN,
            _C("FRUSSO-1999", 'people "with at least 6 cramps during the previous month"'),
            _C("GRANDNER-2017", '"6% of the adult US population experience nocturnal leg cramps (NLC) more than five times in a month" (secondary summary)'),
        ),
    ),
    "W-SLEEP-DISRUPTION": RuleSources(
        seeds=(
            _S("- Nocturnal Cramps: These occur at night and are particularly common in older adults. They often affect the leg muscles and can disrupt sleep5.", SEED_002),
            _S("They can significantly impact the quality of life by causing pain and discomfort, particularly when they occur frequently or during sleep2 5 7.", SEED_002),
        ),
        external=(
            _C("NHS-LC", '"See a GP if: leg cramps are disturbing your sleep"'),
            _MAYO_NLC_DAYTIME,
            _C("AAFP-2012", 'night-time leg cramps "can cause severe insomnia"'),
            _C("HALLEGRAEFF-2017", 'defining features include "sleep disruption and distress"'),
        ),
        threshold=(_ROGUIN,),
    ),
    "W-DURATION-LONG": RuleSources(
        seeds=(
            _S("Ordinary muscle cramps usually last for several minutes and can be terminated by stretching the contracted muscles.", SEED_000),
            _S("Most of the time, they subside after a minute or two, however, you may experience some soreness in the area that persists for a few days afterward.", SEED_003),
            _S("If muscle spasms are severe, persistent, or accompanied by other symptoms, it's important to consult a doctor.", SEED_001),
        ),
        external=(
            _C("NHS-LC", '"Ask for an urgent appointment if you have cramps and: they last longer than 10 minutes"'),
            _C("NHS-LC-2017", '"seek immediate medical help if: The cramps last longer than 10 minutes and fail to improve, despite exercise"'),
            _C("BMJ-BP", '"duration >10 minutes (organic cause)" versus "duration <10 minutes (idiopathic cramp)"'),
            _C("HALLEGRAEFF-2017", 'night-time leg cramps last "from seconds to maximum 10 minutes"'),
            _C("MEDLINEPLUS-ENC", 'call your doctor if cramps "last a long time"'),
            _C("MAYO-NLC", '"Seek immediate medical care if you: Experience severe and persistent cramping"'),
        ),
    ),
    "W-PERSISTENT-DAYS": RuleSources(
        seeds=(
            _S("Muscle spasms that last longer than a few days", SEED_001),
            _S("Muscle soreness due to these cramps can last for 1-2 days.", SEED_000),
            _STILL_PERSIST,
        ),
        external=(
            _C("NHS-LC", '"After the cramp has stopped, the muscle might feel tender for up to 24 hours."'),
            _C("MAYO-MC", '"After the cramp eases, the area might be sore for hours or days."'),
        ),
    ),
    "W-EXERTIONAL-CLAUDICATION": RuleSources(
        seeds=(
            _S("The symptoms are strongest while walking or running and they decrease during the rest.", SEED_000),
            _S("One precaution: cramping in the calves during exercise can sometimes be a sign of poor circulation.", SEED_003),
            _S("Muscle cramps or pain in the legs, thighs, or buttocks during physical activity, which typically subsides with rest, are common symptoms of PAD.", SEED_004),
        ),
        external=(
            _C("MERCK-HOME", '"Call your doctor in 1 to 2 days if: You frequently have leg cramps that come while walking and go away as soon as you stop"'),
            _C("AHA-PAD", '"Classic claudication symptoms: Muscle fatigue, cramping, or pain that reproducibly begins during exercise and that promptly resolves with rest"'),
            _C("ABRAHAM-2022", '"defined as a pain of limb muscles that occurs during exercise and is relieved within 10 min when exercise is lowered or stopped"'),
            _C("EDINBURGH", 'pain in the leg on walking, never beginning when standing or sitting, "Pain gone in 10 minutes or less" on standing still; calf definite, thigh or buttock atypical'),
            _C("AAFP-2012-PT", '"Claudication is leg pain when you exercise."'),
        ),
    ),
    "W-NEURO-SYMPTOMS": RuleSources(
        seeds=(
            _OTHER_SYMPTOMS,
            _S("Other symptoms may include numbness, weakness, or aching in the affected limbs.", SEED_004),
        ),
        external=(
            _C("NHS-LC", '"See a GP if: … you also have numbness or swelling in your legs"'),
            _MERCK_WEAKNESS,
            _C("AAFP-2012-PT", '"Neuropathy is numbness, tingling, and pain caused by nerve damage."'),
        ),
    ),
    "W-WEAKNESS": RuleSources(
        seeds=(
            _SEVERE_OR_WEAK,
            _S("Difficulty moving the affected limb", SEED_001),
            _WEAKNESS_FATIGUE,
        ),
        external=(
            _C("NHS-LC-2017", '"You should also visit your GP if the muscles in your legs are shrinking or becoming weaker."'),
            _C("MAYO-NLC", '"Schedule an office visit if you: … Develop muscle weakness and atrophy with leg cramps"'),
            _C("BMJ-BP", 'widespread cramps "particularly when associated with muscle weakness, suggest lower motor neuron disease"'),
            _MERCK_WEAKNESS,
        ),
    ),
    "W-SWELLING-REDNESS": RuleSources(
        seeds=(_S("Swelling, redness, or warmth in the affected muscle", SEED_001),),
        external=(
            _C("NHS-DVT", '"Get an urgent GP appointment if you have DVT symptoms: swelling and pain in the leg like throbbing or cramping - usually in the calf … warm, red and tender skin … Call 999 or go to A&E if you have DVT symptoms with breathlessness and chest pain."'),
            _C("NHS-LC", '"See a GP if: … you also have numbness or swelling in your legs"'),
            _C("MAYO-MC-COPY", 'see a provider for cramps that "Have leg swelling, redness or skin changes"'),
        ),
    ),
    "W-SYSTEMIC": RuleSources(
        seeds=(_OTHER_SYMPTOMS, _WEAKNESS_FATIGUE),
        external=(
            _MERCK_FLUIDS,
            _C("MAYO-RHABDO", 'symptoms include "Dark or cola-colored urine"; "seek medical treatment right away"'),
        ),
    ),
    "W-CHEST": RuleSources(
        seeds=(),
        external=(
            _C("MERCK-HOME", 'see a doctor right away for "Cramps in your chest, arms, or belly"'),
            _C("NHS-DVT", '"Call 999 or go to A&E if you have DVT symptoms with breathlessness and chest pain."'),
        ),
    ),
    "W-SEVERE-PAIN": RuleSources(
        seeds=(
            _SEVERE_OR_WEAK,
            _S("While muscle spasms are usually harmless, severe, recurrent, or persistent spasms accompanied by other symptoms warrant medical attention to rule out underlying conditions.", SEED_001),
        ),
        external=(
            _C("MAYO-MC", 'see a health care professional if the cramps "Are very painful."'),
            _C("MEDLINEPLUS-ENC", '"Call your doctor if your muscle cramps are severe, last a long time, or keep coming back and do not go away with simple stretching."'),
            _C("AAN-2010", 'treatment "should only be considered when cramps are very disabling…"'),
        ),
        threshold=(
            _C("BOONSTRA-2016", '"NRS scores ≤ 5 correspond to mild, scores of 6–7 to moderate and scores ≥8 to severe pain"'),
            _C("PALOS-2006", '"1 to 4 for mild, 5 to 6 for moderate, and 7 to 10 for severe"'),
            _C("HALLEGRAEFF-2017", 'ordinary night-time cramps bring "intense pain"'),
            _S("Some people liken the sensation to a knife going into the muscle.", SEED_003),
        ),
    ),
    "W-DAILY-IMPACT": RuleSources(
        seeds=(_FREQUENT_OR_DAILY,),
        external=(
            _C("NHS-LC-2017", 'see a GP if cramps "are so painful they disrupt your sleep and you are unable to function normally the next day"'),
            _C("NIDIRECT", '"Speak to your GP if your leg cramps are affecting your quality of life."'),
            _MAYO_NLC_DAYTIME,
        ),
    ),
    "W-MEDICATION-DIURETIC": RuleSources(
        seeds=(
            _DIURETICS_OR_DIET,
            _S("Electrolyte imbalance is often present in patients taking diuretics.", SEED_000),
        ),
        external=(_MERCK_FLUIDS, _NHS_CAUSES),
    ),
    "W-MEDICATION-STATIN": RuleSources(
        seeds=(_MEDS_001, _MEDS_003),
        external=(
            _C("MAYO-RHABDO", '"If you notice mild muscle pain after you start to take a statin, contact your healthcare professional."'),
            _C("BMJ-BP", '"Use of statins, imatinib, and beta-blockers with intrinsic sympathomimetic activity are the most common medications associated with muscle cramps."'),
            _NHS_CAUSES,
        ),
    ),
    "W-MEDICATION-NEW": RuleSources(
        seeds=(_S("Some medications increase the risk of developing a cramp.", SEED_003),),
        external=(
            _C("MERCK-HOME", '"Call your doctor in 1 to 2 days if: … Your cramps started after you began taking a new medicine"'),
        ),
    ),
    "W-MEDICATION-OTHER": RuleSources(
        seeds=(
            _MEDS_003,
            _S("Certain medications, such as those prescribed for high blood pressure, may also increase the risk of mineral depletion and spasms.", SEED_004),
            _MEDS_001,
        ),
        external=(
            _C("AAFP-2012", '"Medications that are strongly associated with leg cramps include intravenous iron sucrose, conjugated estrogens, raloxifene, naproxen, and teriparatide."'),
            _C("BNSSG", 'medications "Diuretics; Beta-agonists; Statins; Calcium channel blockers; Raloxifene"'),
        ),
    ),
    "W-DIET-ELECTROLYTES": RuleSources(
        seeds=(
            _DIURETICS_OR_DIET,
            _S("Insufficient intake of potassium, calcium, or magnesium in the diet can contribute to muscle spasms.", SEED_004),
        ),
        external=(),
    ),
    "W-LOW-FLUID": RuleSources(
        seeds=(
            _S("Dehydration and electrolyte imbalance: Dehydration and depletion of essential minerals such as potassium, magnesium, and calcium can trigger muscle spasms, especially during or after intense physical activity in hot weather.", SEED_001),
            _S("You might have heard that an electrolyte imbalance, usually an imbalance in calcium, potassium, magnesium, or sodium, is a factor, but this has never been proven.", SEED_003),
        ),
        external=(
            _C("EFSA-2010", 'adult adequate intake "2.0 L/day … for females and 2.5 L/day … for males" (total water), about 80% of it from drinks: about 1.6 L (women) or 2.0 L (men) of drinks'),
            _C("AAFP-2012", 'cramps are "probably caused by muscle fatigue and nerve dysfunction rather than electrolyte or other abnormalities"'),
        ),
    ),
})
# fmt: on

# §2.5: what the diary cannot detect, so the help screen always shows it.
SAFETY_TEXT: tuple[str, ...] = (
    "If you have chest pain or breathlessness, or a painful swollen leg and you feel breathless, "
    "call emergency services (999/112/911). [NHS-DVT]",
    "If cramps start after a wound that may be dirty (a tetanus risk), or after contact with a "
    "toxin such as lead, get medical advice urgently. [NHS-LC] [MAYO-NLC]",
    "If you drink a lot of alcohol, mention it to your doctor. [MERCK-HOME]",
    "This app never suggests medicines; quinine in particular is not recommended for routine use "
    "for cramps. [AAN-2010] [AAFP-2012]",
)


def citations(rule_id: str) -> tuple[str, ...]:
    """Every source line for ``rule_id`` (``KeyError`` for an unknown id)."""
    return RULE_SOURCES[rule_id].citations()
