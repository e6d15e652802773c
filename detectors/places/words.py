"""Word lists for the place recognizer: facility words, movement cues, unit acronyms."""

from __future__ import annotations

from detectors.recognizers._us_states import STATES

FACILITY_WORDS = frozenset(
    {
        "hospital",
        "hosp",
        "hospitals",
        "memorial",
        "clinic",
        "campus",
        "infirmary",
        "sanitarium",
        "manor",
        "vamc",
        "square",
        "center",
        "ctr",
        "ltach",  # long-term acute care hospital
    }
)
# Two-word facility kinds: "nursing home", "medical center", "assisted living".
FACILITY_PAIRS = frozenset(
    {
        ("nursing", "home"),
        ("medical", "center"),
        ("med", "ctr"),
        ("health", "center"),
        ("assisted", "living"),
        ("rehab", "center"),
        ("nursing", "facility"),
        ("senior", "living"),
        ("health", "system"),
        ("medical", "group"),
        ("urgent", "care"),
        ("family", "medicine"),
        ("family", "practice"),
        ("primary", "care"),
        ("medical", "associates"),
        ("care", "center"),
        ("care", "centre"),
        ("care", "facility"),
        ("rehabilitation", "center"),
        ("nursing", "center"),
        ("skilled", "nursing"),
    }
)
# Facility words that are also everyday clinical words ("cardiac rehab", "home health").
WEAK_FACILITY_WORDS = frozenset(
    {"rehab", "health", "healthcare", "hospice", "house", "regional", "general"}
)
SAINTS = frozenset({"st", "saint", "ste"})
UNIVERSITY = frozenset({"university", "univ", "u", "uof"})  # "UOf Maryland"
# Words that describe a kind of hospital rather than name one.
GENERIC_MODIFIERS = frozenset(
    {
        "the",
        "this",
        "that",
        "outside",
        "other",
        "local",
        "community",
        "general",
        "private",
        "state",
        "county",
        "city",
        "mental",
        "psychiatric",
        "teaching",
        "home",
        "another",
        "university",
        "same",
        "previous",
        "osh",
        "a",
        "an",
        "his",
        "her",
        "their",
        "our",
        "your",
        "children's",
        "women's",
        "veterans",
        "rehab",
        "acute",
        "inpatient",
        "outpatient",
        "free",
        "walk-in",
        "urgent",
        "care",
        "primary",
        "dental",
        "eye",
        "cancer",
        "heart",
        "pain",
        "sleep",
        "family",
        "public",
        "behavioral",
        "skilled",
        "nursing",
        "in",
        "at",
        "to",
        "from",
        "of",
        "and",
        "for",
        "by",
        "with",
        "medical",
        "health",
        "hospital",
        "center",
        "pt",
        "patient",
    }
)
MOVE_VERBS = frozenset(
    {
        "transferred",
        "transfered",
        "transfer",
        "transf",
        "xfer",
        "xferred",
        "sent",
        "admitted",
        "admit",
        "adm",
        "moved",
        "discharged",
        "dc'd",
        "returned",
        "return",
        "returning",
        "went",
        "came",
        "arrived",
        "presented",
        "brought",
        "taken",
        "flown",
        "readmitted",
        "lives",
        "living",
        "resides",
        "visiting",
        "born",
        "raised",
        "back",
        "go",
        "going",
        "goes",
        "home",  # "going home to <town>", "discharged home to <town>"
        # care transitions: "bed at <X>", "coordinator from <X>"
        "bed",
        "coordinator",
        "liaison",
    }
)
# Words that end a town's name: "<Name> Falls", "<Name> Heights", "<Name> County".
PLACE_NAME_ENDINGS = frozenset(
    {"falls", "heights", "springs", "city", "park", "valley", "hills", "beach", "harbor"}
    | {"creek", "lake", "ridge", "grove", "point", "bay", "junction", "village", "county"}
    | {"township", "landing", "crossing", "mills", "bluffs", "haven"}
)
# Relatives, whose town is told with "in"/"from" alone: "son in <town>", "wife from <town>".
KIN_WORDS = frozenset(
    {"son", "sons", "daughter", "daughters", "wife", "husband", "sister", "brother"}
    | {"mother", "father", "mom", "dad", "parents", "niece", "nephew", "aunt", "uncle"}
    | {"cousin", "grandson", "granddaughter", "family", "children", "kids"}
)
PLACE_PREPOSITIONS = frozenset({"to", "from", "at", "in", "into", "near", "of", "on"})
# Units inside a hospital: moving "to MICU" names no place outside the hospital.
UNIT_ACRONYMS = frozenset(
    {
        "icu",
        "micu",
        "sicu",
        "ccu",
        "csru",
        "nicu",
        "picu",
        "tsicu",
        "cvicu",
        "ed",
        "er",
        "ew",
        "or",
        "pacu",
        "floor",
        "rehab",
        "ir",
        "cath",
        "lab",
        "ct",
        "mri",
        "home",
        "snf",
        "ltc",
        "ltac",
        "hospice",
        "unit",
        "room",
        "bed",
        "step",
        "stepdown",
        "pt",
        "nsg",
        "osh",
        "eeg",
        "ekg",
        "ecg",
        "us",
        "xray",
        "echo",
        "cvl",
        "ot",
        "icu's",
        "ward",
        "hd",
        "dialysis",
        "endoscopy",
        "radiology",
        "neuro",
        "cardiology",
        "gi",
        "ip",
        "op",
        "ob",
        "l&d",
        "nh",
        "etoh",
        "pmh",
        "fh",
        "sh",
        "ch",
        "cvvh",
        "cvvhd",
        "mech",
        "dh",
        "bh",
        "bath",
        "math",
        "high",
        "with",
        "each",
        "ah",
        "oh",
        "uh",
        "ph",
        "mh",
        "th",
    }
)
STATE_NAMES = frozenset(name.lower() for name in STATES.values()) | frozenset(
    {"usa", "america", "united states"}
)
