"""Word lists that give the name rules their context: titles, roles, relations, cues.

General English and clinical vocabulary only; nothing here is taken from a corpus.
"""

from __future__ import annotations

# Shared with the place rules; re-exported because every name rule reads them here.
from detectors.text.common_words import CLINICAL_SHORTHAND as CLINICAL_SHORTHAND
from detectors.text.common_words import NEVER_A_NAME as NEVER_A_NAME
from detectors.text.common_words import NOT_NAME_ENDINGS as NOT_NAME_ENDINGS
from detectors.text.common_words import NOT_PERSON as NOT_PERSON
from detectors.text.common_words import PATIENT_TITLES as PATIENT_TITLES
from detectors.text.common_words import PROVIDER_TITLES as PROVIDER_TITLES
from detectors.text.common_words import STOP as STOP

PROVIDER_ROLES = frozenset(
    {"np", "pa", "rn", "nurse", "resident", "intern", "attending", "fellow", "sw"}
    | {"chaplain", "caseworker", "therapist", "pharmacist", "physician", "surgeon"}
    | {"cardiologist", "neurologist", "hospitalist", "provider", "midwife", "crnp"}
    | {"aprn", "pcp", "oncologist", "psychiatrist", "psychologist", "counselor"}
    | {"dietitian", "nutritionist", "rrt", "lpn", "cna", "md", "ho"}
)
# Relation words before a name, in-laws written as one hyphenated word among them.
RELATIONS = frozenset(
    {"son", "sons", "daughter", "daughters", "dtr", "dau", "wife", "husband", "sister"}
    | {"sisters", "brother", "brothers", "niece", "nephew", "mother", "mom", "father"}
    | {"dad", "grandson", "granddaughter", "grandaughter", "grandchild", "grandmother"}
    | {"grandfather", "grandma", "grandpa", "granny", "grandmom", "granddad", "grandad"}
    | {"aunt", "uncle", "cousin", "friend", "boyfriend", "girlfriend", "partner"}
    | {"fiance", "fiancee", "fiancé", "proxy", "hcp", "guardian", "neighbor", "neighbour"}
    | {"spouse", "stepson", "stepdaughter", "sibling", "other", "caregiver", "roommate"}
    | {"sil", "dil", "parent", "parents", "child", "children", "kids", "kid", "grandkid"}
    | {"grandkids", "stepmother", "stepfather", "lawyer", "attorney", "poa"}
    | {"daughter-in-law", "son-in-law", "mother-in-law", "father-in-law", "sister-in-law"}
    | {"brother-in-law", "stepbrother", "stepsister", "godmother", "godfather"}
    | {"great-grandson", "great-granddaughter"}
)
CREDENTIALS = frozenset(
    {"rn", "rrt", "md", "np", "licsw", "lcsw", "msw", "lpn", "cna", "crnp", "pharmd"}
    | {"phd", "aprn", "dnp", "fnp", "bsn", "msn", "ccrn", "pa-c", "do", "dds", "dmd"}
    | {"pt", "ot", "slp", "rd", "ld", "cnm", "lmft", "lpc"}
)
PROVIDER_VERBS = frozenset({"aware", "notified", "paged", "informed", "ordered", "consulted"})
PERSON_VERBS = frozenset(
    {"called", "visited", "phoned", "arrived", "spoke", "came", "updated", "states"}
    | {"stated", "reports", "reported", "wants", "asked", "requests", "requested"}
    | {"wishes", "verbalizes", "understands", "agrees", "does", "declined", "refused"}
    | {"consented"}
)
# Words before a lone first name in notes: "per DAVID", "able to reach Bob", "spoke with Anne".
ADDRESSING_CUES = frozenset({"per", "reach", "told", "informed", "updated", "called"})
CONVERSATION_VERBS = frozenset({"spoke", "talked", "met", "discussed", "spoken", "talk", "speak"})
FIELD_LABELS = frozenset(
    {"patient", "pt", "name", "resident", "member", "client", "subscriber", "insured"}
    | {"guarantor", "beneficiary", "recipient", "child", "student", "employee"}
)
# Lower-case words inside surnames: "van der Berg", "de la Cruz", "al Rashid".
SURNAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "la", "le", "da", "di", "du", "dos"}
    | {"das", "ter", "ten", "al", "el", "bin", "ibn", "abu"}
)
# The next field of a form line after a name ("Name: X    DOB: …", "X\tAccount #: …").
COLUMN_LABELS = frozenset(
    {"dob", "mrn", "ssn", "account", "acct", "phone", "tel", "fax", "room", "rm", "age"}
    | {"sex", "gender", "dos", "date", "id", "email", "address", "insurance", "policy"}
    | {"admit", "admitted", "discharge", "discharged", "attending", "pcp", "provider"}
)
# Words right before a name in prose: "my name is X", "call me X", "says X", "by X".
INTRO_CUES = (
    ("name", "is"),
    ("call", "me"),
    ("calls", "me"),
    ("name",),
    ("i", "am"),
    ("i'm",),
    ("me",),
    ("hi",),
    ("hello",),
    ("hey",),
    ("dear",),
    ("thanks",),
    ("thank", "you"),
    ("said",),
    ("says",),
    ("asked",),
    ("told",),
    ("sincerely",),
    ("regards",),
    ("signed",),
    ("cc",),
    ("starring",),
    ("featuring",),
    ("features",),
    ("by",),
    ("under",),
    ("tribute", "to"),
    ("named",),
    ("named", "him"),
    ("named", "her"),
    ("attn",),
    ("attention",),
    ("contact",),
)
# Cues after which even a lower-case word is the name: people type quick messages
# ("my name is ilsabet", "everyone calls me zvonko") without capitals.
SELF_NAMING_CUES = frozenset({("name", "is"), ("call", "me"), ("calls", "me")})
# Verbs right after a name in prose: "X lives", "X said", "X's" (possessive handled apart).
AFTER_NAME = frozenset(
    {"is", "was", "had", "has", "lives", "lived", "said", "says", "wrote", "writes"}
    | {"began", "calls", "asked", "asks", "told", "wants", "needs", "works", "worked"}
    | {"died", "moved", "spent", "listed", "shouted", "speaks", "explained", "replied"}
    | {"answered", "married", "visits"}
)
INSTITUTION_WORDS = frozenset(
    {"hospital", "hosp", "clinic", "center", "centre", "memorial", "medical"}
    | {"university", "college", "school", "institute", "health", "healthcare", "street"}
    | {"st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "county"}
    | {"campus", "rehab", "pharmacy", "labs", "laboratory", "inc", "llc", "corp"}
    | {"foundation", "church", "park", "square", "village", "city", "house", "home"}
)
# Genus initials ("E. coli") and side/limb abbreviations look like "initial + surname".
NOT_AFTER_INITIAL = frozenset(
    {"coli", "aureus", "diff", "difficile", "pneumoniae", "epidermidis", "faecalis"}
    | {"faecium", "albicans", "influenzae", "pyogenes", "agalactiae", "cloacae"}
    | {"aeruginosa", "marcescens", "fib", "flutter", "leg", "arm", "foot", "hand"}
)
# Drug and device makers: "Moderna Spikevax", "Abbott Amulet" name a product. Makers that
# are also common given names ("Lilly", "Baxter") are left out; "Eli Lilly" is a phrase.
MANUFACTURERS = frozenset(
    {"pfizer", "moderna", "novavax", "abbott", "medtronic", "sanofi", "merck", "astrazeneca"}
    | {"gsk", "glaxosmithkline", "janssen", "roche", "genentech", "novartis", "bayer", "amgen"}
    | {"gilead", "abbvie", "takeda", "mylan", "viatris", "sandoz", "dexcom", "insulet"}
    | {"stryker", "zimmer", "resmed", "boehringer", "regeneron", "biogen", "biontech"}
    | {"omnipod", "philips", "siemens", "medline"}
)
MANUFACTURER_NAMES = frozenset({("eli", "lilly"), ("novo", "nordisk"), ("boston", "scientific")})
