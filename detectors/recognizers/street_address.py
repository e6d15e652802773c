"""Street addresses (Safe Harbor B): the street line, not the city.

US style: house number (a second number before it is kept too: "4812 2207 Drimmel St") +
optional direction + 1-4 capitalised name words + a street
suffix (St, Ave, Dr, Rd, Blvd, Ln, Ct, Way, Pl, Ter, Pkwy, Hwy, Cir ...) + optional
post-direction and unit (Apt 4B, Suite 200, Unit 3, #12), e.g. "2209 Linden Ridge Dr".
European styles as in synthetic test data: number + a name ending in a street word
(-strasse, -katu, -vej, -gatan ...) + building number + unit ("3184 Haapakatu 41
Apt. 507"), or a street-type word first ("Via Flavia 58", "Rua das Flores 50"). And PO
boxes and military mail ("PSC 1234, Box 5678 APO AE 09012"). US addresses written in
Spanish: a house number before a street-type word ("4410 Avenida Cipreses, apto. 12"),
the street-type word first ("Calle Almendro 2217"), a neighbourhood ("Colonia Las
Palmas"), and a street after "vive en", "domicilio" or "dirección".

Name words must be capitalised and must not be clinical or function words, so
"walked 50 feet the whole way", "2 Head CT" and "40 Mg Daily Dr Smith" stay out; in
all-caps notes only unambiguous suffixes count (ST, CT, DR and SQ are clinical there).
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule

_SUFFIXES = (
    "Street|St|Avenue|Ave|Drive|Dr|Road|Rd|Boulevard|Blvd|Lane|Ln|Court|Ct|Way|Place|Pl|"
    "Terrace|Terr|Ter|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Trl|Square|Loop|Pike|Alley|"
    "Plaza|Plz|Crescent|Cres|Crossing|Turnpike|Tpke|Expressway|Expy|Freeway|Fwy|Causeway|"
    "Commons|Cove|Landing"
)
# All-caps notes use ST (segment), CT (chest tube), DR (doctor), PL, SQ as clinical
# abbreviations, so upper-case suffixes are limited to unambiguous ones.
_UPPER_SUFFIXES = (
    "STREET|AVENUE|AVE|DRIVE|ROAD|RD|BOULEVARD|BLVD|LANE|LN|COURT|WAY|PLACE|TERRACE|PARKWAY|"
    "PKWY|HIGHWAY|HWY|CIRCLE|TRAIL|SQUARE|PLAZA|CRESCENT|TURNPIKE|EXPRESSWAY|FREEWAY"
)
_DIRECTION = r"(?:[NSEW]\.?|N\.?[EW]\.?|S\.?[EW]\.?|North|South|East|West|NORTH|SOUTH|EAST|WEST)"
_WORD = (
    r"(?:[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?|[A-Z]{2,}|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)"
    r"|[A-Z]\.)"
)
_UNIT = (
    r"(?:,?\s+(?:Apt|APT|Apartment|Suite|SUITE|Ste|STE|Unit|UNIT|Rm|Room|Fl|Floor|Bldg|Lot"
    r"|Apto|apto|APTO|Depto|depto|Dpto|Int|Interior)"
    r"\.?\s*#?\s*[A-Z0-9][A-Za-z0-9\-]{0,5}(?![\w\-])|\s*,?\s*#\s?[A-Z0-9][A-Za-z0-9\-]{0,5}(?![\w\-]))"
)
_SUFFIX = rf"(?P<suffix>{_SUFFIXES}|{_UPPER_SUFFIXES})"
_POST_DIRECTION = r"(?:NE|NW|SE|SW|N|S|E|W)(?!\w)"
_NUMBER = r"(?<![\w.,/#$\-])\d{1,6}"

_US_STREET = (
    rf"(?P<value>(?:{_NUMBER}[ \t]+)?{_NUMBER}\s+(?:{_DIRECTION}\s+)?"
    rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}})\s+"
    rf"{_SUFFIX}(?![\w\u2019'\-])(?:\.?\s+{_POST_DIRECTION})?(?:\.?{_UNIT})*)"
)
# Every US street ends in a suffix word; re finds the capitals it opens with fast. The
# lookahead lists only characters that the rule's "\w" holds in any Unicode version.
_SUFFIX_GATE = rf"(?:{_SUFFIXES}|{_UPPER_SUFFIXES})(?![A-Za-z0-9_\u2019'\-])"
_EURO_SUFFIXES = (
    "strasse|straße|str\\.|gasse|weg|allee|platz|katu|kuja|tie|tee|vej|gade|gate|gata|gatan|"
    "vägen|veien|vegen|laan|straat|plein|gränd|utca|út|tér|ulica|cesta|väylä|polku|kaari|rinne"
)
_EURO_STREET = (
    r"(?P<value>(?:(?<![\w.,/#$\-])\d{1,6}[ \t]+){0,2}"
    rf"(?<![\p{{L}}\-])(?P<name>[A-Z][\p{{Ll}}\p{{Lu}}\-]{{0,40}}?(?:{_EURO_SUFFIXES}))"
    rf"\s+\d{{1,5}}[a-z]?(?![\w\-])(?:\.?{_UNIT})*)"
)
_EURO_GATE = rf"(?:{_EURO_SUFFIXES})\s+\d"
# Street-type word first, building number last: "Via Flavia 58", "Rua das Flores 50".
_CONNECTOR = r"(?:de|da|do|dos|das|del|della|delle|di|la|le|les|du|des)"
_ROMANCE_WORDS = (
    r"(?:Via|Viale|Rua|Rue|Calle|Avenida|Avda\.|Av\.|Piazza|Largo|Carrer|Strada|Camino|Paseo"
    r"|Calzada|Privada)"
)
_ROMANCE_STREET = (
    rf"(?P<value>(?:(?<![\w.,/#$\-])\d{{1,6}}[ \t]+){{0,2}}{_ROMANCE_WORDS}"
    rf"(?P<name>(?:\s+(?:\p{{Lu}}[\p{{Ll}}'\u2019\-]+|{_CONNECTOR})){{1,5}})"
    rf"\s+\d{{1,5}}[a-z]?(?![\w\-])(?:\.?{_UNIT})*)"
)
# US addresses written in Spanish, number first: "4410 Avenida Cipreses, apto. 12",
# "915 Av. Las Américas". A name word is capitalised; "de", "del", "la" may join them.
_ES_STREET_WORDS = (
    r"(?:Calle|CALLE|Avenida|AVENIDA|Av\.|Avda\.|Camino|Paseo|Calzada|Callejón|Privada"
    r"|Carretera|Bulevar|Circuito|Prolongación)"
)
# A unit word ends the name: "4410 Camino del Sol Apt 3".
_ES_NAME_WORD = (
    r"(?!(?:Apt|APT|Apto|APTO|Depto|Dpto|Int|Interior|Suite|Unit)\b)\p{Lu}[\p{L}'\u2019\-]+"
)
_ES_NAME = (
    rf"(?:\s+{_CONNECTOR})*\s+{_ES_NAME_WORD}(?:(?:\s+{_CONNECTOR})*\s+{_ES_NAME_WORD}){{0,3}}"
)
_ES_STREET = (
    rf"(?P<value>(?<![\w.,/#$\-])\d{{1,6}}\s+{_ES_STREET_WORDS}(?P<name>{_ES_NAME})"
    rf"(?![\w\-])(?:\.?{_UNIT})*)"
)
# A neighbourhood ("colonia") by name: "Colonia Las Palmas", "Col. Santa Inés".
_COLONIA = rf"(?<![\w.])(?P<value>(?:Colonia|COLONIA|Col\.)(?P<name>{_ES_NAME}))(?![\w\-])"
# A unit on a line of its own inside an address block: "Apt. 318", "Suite 214".
_UNIT_LINE = (
    r"(?m:^)[ \t>?*-]*(?P<value>(?:Apt|APT|Apartment|Suite|SUITE|Ste|Unit|UNIT)\.?\s*#?\s*"
    r"[A-Z0-9][A-Za-z0-9\-]{0,5})[ \t]*(?m:$)"
)
# After an address cue, a foreign street line: "lives at 333 Hraunbrekka 78", "is on Pod
# Javorníkem 1677", "address: ul. Wrzosowa 73".
_CUED_STREET = (
    r"(?:\baddress(?:\s+is)?:?|\blives?\s+(?:at|on)|\blocated\s+at|\bstation\s+is\s+on"
    r"|\b[Vv]ive\s+en|\b[Dd]omicilio:?|\b[Dd]irecci[óo]n:?)\s+"
    r"(?P<value>(?:\d{1,6}\s+)?(?:ul\.\s+)?\p{Lu}[\p{L}'\-]+(?:\s+\p{L}[\p{L}'\-]+){0,3}"
    r"\s+\d{1,5}[a-z]?)(?![\w\-])"
)
_PO_BOX = r"(?<![\w])(?P<value>(?:P\.?\s?O\.?|Post\s+Office)\s*Box\s*#?\s*\d{1,6})(?![\w\-])"
# US military mail: "PSC 1234, Box 5678", "Unit 2050 Box 4190", then "APO AE 09012".
_MILITARY = (
    r"(?<![\w])(?P<value>(?:PSC|CMR|Unit)\s+\d{3,5},?\s+Box\s+\d{1,5}"
    r"(?:\s+[ADF]PO\s+A[AEP](?:\s+\d{5})?)?)(?![\w\-])"
)

# Capitalised words that start clinical phrases, never street names.
# fmt: off
_NOT_STREET_WORDS = frozenset(
    (
        "the", "and", "or", "of", "by", "to", "for", "from", "with", "per", "at", "in", "on", "is",
        "was", "a", "an", "x", "q", "pt", "pts", "md", "rn", "np", "pa", "dr", "mg", "mcg", "ml",
        "units", "unit", "tab", "tabs", "tablet", "tablets", "cap", "caps", "daily", "bid", "tid",
        "qid", "qd", "qhs", "prn", "po", "iv", "im", "sc", "sq", "hours", "hrs", "hour", "days",
        "day", "weeks", "week", "months", "years", "yrs", "times", "doses", "dose", "head",
        "chest", "abd", "abdomen", "abdominal", "pelvis", "spine", "brain", "neck", "ct", "mri",
        "xray", "cxr", "ekg", "ecg", "seen", "saw", "called", "patient", "patients", "bed", "beds",
        "room", "floor", "sessions", "visits", "lab", "labs", "blocks", "steps", "feet", "miles",
        "minutes", "min", "mins", "levels", "level", "vitals", "reg", "regular", "insulin",
        "episodes", "episode", "hr", "degree", "pleural", "mediastinal", "chest", "tube", "tubes",
        "drains", "drain", "lead", "leads", "beats", "runs", "pvcs", "cycles", "sets", "puffs",
        "email", "fax", "phone", "mail", "portal", "text", "telehealth", "video", "zoom",
    )
)
# fmt: on


def _street_score(text: str, match: regex.Match[str]) -> float | None:
    words = regex.findall(r"[A-Za-z]+", match.group("name"))
    if any(word.lower() in _NOT_STREET_WORDS for word in words):
        return None
    # An upper-case suffix after title-case words is an acronym: "2 Renal CT", "3 Ortho DR".
    suffix = match.groupdict().get("suffix") or ""
    if len(suffix) > 1 and suffix.isupper() and not all(w.isupper() for w in words if len(w) > 2):
        return None
    return 0.85 if regex.search(r"(?i)apt|suite|ste|unit|#", match.group("value")) else 0.8


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "ADDRESS",
            [
                Rule("us_street", _US_STREET, 0.8, flags=0, gate=_SUFFIX_GATE),
                Rule("euro_street", _EURO_STREET, 0.8, flags=0, gate=_EURO_GATE),
                Rule("romance_street", _ROMANCE_STREET, 0.8, flags=0, gate=_ROMANCE_WORDS),
                Rule("spanish_street", _ES_STREET, 0.8, flags=0, gate=_ES_STREET_WORDS),
                Rule("colonia", _COLONIA, 0.75, flags=0, gate=r"Colonia|COLONIA|Col\."),
            ],
            name="StreetAddressRecognizer",
            validator=_street_score,
        ),
        RegexRecognizer(
            "ADDRESS",
            [
                Rule("po_box", _PO_BOX, 0.85),
                Rule("military_box", _MILITARY, 0.85),
                Rule("unit_line", _UNIT_LINE, 0.75, flags=0),
                Rule("cued_street", _CUED_STREET, 0.75, flags=0),
            ],
            name="PoBoxRecognizer",
        ),
    ]
