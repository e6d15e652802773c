"""Words that are no proper noun, shared by the name and place rules.

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
    # Medical eponyms ('Kussmaul's respirations') name signs and diseases, not people.
    | {"kussmaul", "virchow", "cheyne", "babinski", "brudzinski", "kernig", "homan", "homans"}
    | {"trousseau", "chvostek", "korotkoff", "wernicke", "korsakoff", "sjogren", "meniere"}
    | {"guillain", "barre", "raynaud", "hashimoto", "kawasaki", "osler", "janeway", "roth"}
    | {"quincke", "corrigan", "durozier", "rovsing", "mcburney", "grey", "cullen", "tinel"}
    | {"phalen", "lhermitte", "romberg", "lachman", "mcmurray", "finkelstein", "trendelenburg"}
)
# Endings of verbs, adverbs and abstract nouns: an unknown word ending so is a typo
# or a term ("AWATING", "sedimentous"), not a surname.
NOT_NAME_ENDINGS = ("ing", "ed", "ly", "tion", "sion", "ment", "ness", "ous", "ize", "ized")
