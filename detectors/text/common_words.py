"""Words that are no proper noun, and titles, shared by the name and place rules.

Stop words (spaCy's English list plus note words such as "pt"), clinical shorthand
and eponyms, and the endings of verbs and abstract nouns: none of them names a person
or a place. General English and clinical vocabulary only, nothing from a corpus.
"""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

STOP = frozenset(STOP_WORDS) | frozenset(
    {
        "pt",
        "pts",
        "patient",
        "aware",
        "team",
        "service",
        "call",
        "note",
        "notes",
        "per",
        "plan",
        "today",
        "tonight",
        "am",
        "pm",
        "noc",
        "s/p",
        "w/",
        "hx",
        "dx",
        "rx",
    }
)
# Clinical shorthand that the census also lists as names ("Aline" = arterial line,
# "MAE" = moves all extremities) or that looks like an unknown surname.
CLINICAL_SHORTHAND = frozenset(
    {
        "aline",
        "usoh",  # usual state of health
        "v-tach",  # rhythms, tests and services written as one word
        "vtach",
        "v-fib",
        "vfib",
        "catscan",
        "wedge",
        "nsurg",
        "neurosurg",
        "prev",
        "con't",
        "paline",
        "mae",
        "pearl",
        "perl",
        "perla",
        "perrl",
        "perrla",
        "brady",
        "tachy",
        "lue",
        "rue",
        "lle",
        "rle",
        "abx",
        "antibx",
        "cont",
        "conts",
        "lytes",
        "swan",
        "swann",
        "hickman",
        "occas",
        "spont",
        "wnl",
        "cath",
        "picc",
        "ngt",
        "ogt",
        "ett",
        "abg",
        "cvp",
        "gtt",
        "gtts",
        "foley",
        "trach",
        "peep",
        "bipap",
        "cpap",
        "prbc",
        "ffp",
        "hct",
        "hgb",
        "wbc",
        "inr",
        "ptt",
        "lrad",
        "rrad",
        "rij",
        "lij",
        "tlc",
        "cordis",
        "pivs",
        "piv",
        "desats",
        "sats",
        "neuro",
        "resp",
        "dispo",
        "tol",
        "oob",
        "hob",
        "prn",
        "qhs",
        "npo",
        "ivf",
        "uop",
        "desat",
        "crit",
        "lido",
        "levo",
        "vanco",
        "zosyn",
        "npn",
    }
    # Office words and specialties written short in lower case ("dr. appt", "dr. derm"):
    # rare in English, so rarity alone would make them surnames.
    | {"appt", "appts", "recs", "sched", "hosp", "instr", "eval", "evals", "pcp", "oncall"}
    | {"ortho", "gyn", "obgyn", "derm", "endo", "onc", "peds", "uro", "neph", "pulm"}
    | {"rheum", "heme", "surg", "pharm", "refills", "okd", "msg", "msgs"}
    # Medical eponyms ('Kussmaul's respirations') name signs and diseases, not people.
    | {"kussmaul", "virchow", "cheyne", "babinski", "brudzinski", "kernig", "homan", "homans"}
    | {"trousseau", "chvostek", "korotkoff", "wernicke", "korsakoff", "sjogren", "meniere"}
    | {"guillain", "barre", "raynaud", "hashimoto", "kawasaki", "osler", "janeway", "roth"}
    | {"quincke", "corrigan", "durozier", "rovsing", "mcburney", "grey", "cullen", "tinel"}
    | {"phalen", "lhermitte", "romberg", "lachman", "mcmurray", "finkelstein", "trendelenburg"}
)
# Nouns an eponym names: "Bell palsy", "<Name> syndrome", "the Krebs cycle". A name word
# right before one of them is the eponym, not a person or a place.
EPONYM_NOUNS = frozenset(
    {"disease", "diseases", "syndrome", "syndromes", "palsy", "sign", "signs", "reflex"}
    | {"reflexes", "phenomenon", "test", "maneuver", "manoeuvre", "fracture", "criteria"}
    | {"score", "scale", "classification", "tumor", "tumour", "lymphoma", "sarcoma", "ulcer"}
    | {"procedure", "operation", "repair", "catheter", "tube", "drain", "drains", "line"}
    | {"murmur", "node", "nodes", "triad", "anomaly", "malformation", "contracture"}
    | {"aneurysm", "diverticulum", "esophagus", "encephalopathy", "dystrophy", "disorder"}
    | {"cycle", "equation", "formula", "law", "principle", "effect"}
)
# Endings of verbs, adverbs and abstract nouns: an unknown word ending so is a typo
# or a term ("AWATING", "sedimentous"), not a surname.
NOT_NAME_ENDINGS = ("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ous", "ize", "ized")
# Titles before a person's name: a clinician's, or anyone's.
PROVIDER_TITLES = frozenset({"dr", "drs", "doctor", "dr's", "doc"})
PATIENT_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mister", "mx"})
# Capitalized words that start or form non-person names in medical and office text.
NOT_PERSON = frozenset(
    {
        "parkinson",
        "parkinson's",
        "alzheimer",
        "alzheimer's",
        "crohn",
        "crohn's",
        "hodgkin",
        "hodgkin's",
        "graves",
        "graves'",
        "addison",
        "addison's",
        "cushing",
        "cushing's",
        "bell's",
        "tourette",
        "huntington",
        "huntington's",
        "raynaud",
        "sjogren",
        "kaposi",
        "hashimoto",
        "hashimoto's",
        "guillain",
        "barre",
        "asperger",
        "swan",
        "ganz",
        "medicare",
        "medicaid",
        "tricare",
        "aetna",
        "cigna",
        "humana",
        "kaiser",
        "walgreens",
        "cvs",
        "epic",
        "cerner",
        "linkedin",
        "google",
        "microsoft",
        "apple",
        "amazon",
        "zoom",
        "teams",
        "outlook",
        "excel",
        "word",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "christmas",
        "thanksgiving",
        "easter",
        "hipaa",
        "covid",
        "tylenol",
        "advil",
        "motrin",
        "lasix",
        "coumadin",
    }
)
# Words no name rule may take: stop words, non-person words and clinical shorthand.
NEVER_A_NAME = STOP | NOT_PERSON | CLINICAL_SHORTHAND
