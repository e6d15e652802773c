"""US ZIP codes (Safe Harbor B: only the first three digits may be kept).

A bare 5-digit number is far more often a CPT code (90837), an amount or a lab
value than a ZIP, so a ZIP is only reported where an address puts it: right after a
state ("Boise, ID 83714", "Baltimore MD 21201-1234", "Columbus, Ohio 43004") or
after "zip", "zip code" or "postal code". After a state, the ZIP's first three digits
must belong to that state (Idaho ZIPs start 832-838), which keeps "ID 12345" and
"MS 20193" out. ZIP+4 is one span.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._us_states import (
    abbreviation_alternation,
    name_alternation,
    zip_matches_state,
)
from detectors.recognizers.base import RegexRecognizer, Rule
from detectors.text.lexicon import PROPER_ZIPF, is_everyday_word

_ZIP = r"(?P<value>\d{5}(?:-\d{4})?)(?![\w\-/]|[.,]\d)"

# State abbreviations are upper-case only (flags=0) so "in", "me", "ok" never match;
# the state follows a comma, a capitalised city word or starts a line, as in an address.
_AFTER_ABBREVIATION = (
    rf"(?:(?P<comma>,)\s*|(?<![A-Za-z.'\-])(?P<city>[A-Z][A-Za-z.'\-]{{0,30}})\s+|(?m:^)[ \t]*)"
    rf"(?P<state>{abbreviation_alternation()})\.?,?\s+{_ZIP}"
)
_AFTER_NAME = rf"(?<![A-Za-z])(?P<state>{name_alternation()}),?\s+{_ZIP}"
_STATE_NAME_GATE = rf"(?:{name_alternation().lower()}),?\s+\d{{5}}"
_STATE_GATE = rf"(?:{abbreviation_alternation()})\.?,?\s+\d{{5}}"
# After a keyword the label leaves no doubt, so partial (3-4 digit) and Canadian
# (A1A 1A1) postal codes count too.
_KEYWORD_VALUE = r"(?P<value>\d{3,5}(?:-\d{3,4})?|(?-i:[A-Z]\d[A-Z] ?\d[A-Z]\d))(?![\w\-/]|[.,]\d)"
_AFTER_KEYWORD = (
    r"(?<![a-z])(?:zip(?:\s*code)?|zipcode|postal(?:\s*code)?|post\s*code)"
    rf"(?![a-z])\s*(?:#|no\.?|is)?\s*[:=]?\s*{_KEYWORD_VALUE}"
)

# Postal codes after a country name, the last line of a foreign address block
# ("Finland 23221", "New Zealand 34694").
_COUNTRIES = (
    "Argentina|Australia|Austria|Belgium|Brazil|Bulgaria|Canada|Chile|China|Colombia|Croatia|"
    "Cyprus|Czech Republic|Czechia|Denmark|Egypt|Estonia|Finland|France|Germany|Greece|"
    "Greenland|Hungary|Iceland|India|Indonesia|Ireland|Israel|Italy|Japan|Latvia|"
    "Lithuania|Luxembourg|Malaysia|Mexico|Morocco|Netherlands|New Zealand|Nigeria|Norway|"
    "Pakistan|Peru|Philippines|Poland|Portugal|Romania|Russia|Serbia|Singapore|Slovakia|"
    "Slovenia|South Africa|South Korea|Spain|Sweden|Switzerland|Thailand|Tunisia|Turkey|"
    "Ukraine|United Kingdom|Uruguay|Venezuela|Vietnam"
)
_AFTER_COUNTRY = rf"(?<![A-Za-z])(?:{_COUNTRIES}),?\s+(?P<value>\d{{4,6}})(?![\w\-/]|[.,]\d)"
_COUNTRY_GATE = rf"(?:{_COUNTRIES}),?\s+\d"  # re finds capital-led words fast

# The last line of an address block: a postal code alone on its line, with a unit or a
# street line just above ("Apt. 318\n Brekkuvík\n 742").
_BLOCK_LAST_LINE = (
    r"(?m:^)[ \t>?]*(?P<value>\d{3,5}(?:[ \-]\d{2,3})?|\d\d-\d{3}|(?-i:[A-Z]\d[A-Z] \d[A-Z]\d))"
    r"[ \t]*(?m:$)"
)
# The city line of a foreign address block: "Aalborg NO 9100", "ASKER 1386", "SOLNA 840 24".
_CITY_LINE = (
    r"(?m:^)[ \t>?]*\p{Lu}[\p{L}'\-]+(?:[ \t]+\p{L}[\p{L}'\-]*){0,2},?[ \t]+"
    r"(?:[A-Za-z]{2,3}[ \t]+)?(?P<value>\d{4,5}|\d{3}[ ]\d{2})[ \t]*(?m:$)"
)
# A postal code after a place in a sentence: "support them in Vallerotta 43026 in its…".
_IN_PLACE = (
    r"\bin[ \t]+(?P<place>\p{L}[\p{L}'\-]*(?:[ \t]+\p{L}[\p{L}'\-]*){0,3})[ \t]+"
    r"(?P<value>\d{4,5}|\d{3}[ ]\d{2}|\d{4}-\d{3})(?=[ \t]+(?:in|and|to|for|with)\b)"
)
_CODE_WORDS = frozenset({"cpt", "icd", "hcpcs", "ndc", "drg", "suite", "room", "bed", "unit"})
_ADDRESS_ABOVE = regex.compile(r"\b(?:Apt|Suite|Unit|Street|St|Str|Box)\b\.?", regex.IGNORECASE)


def _country_score(text: str, match: regex.Match[str]) -> float | None:
    value = match.group("value")
    return None if len(value) == 4 and value[:2] in ("19", "20") else 0.8  # "Germany 2024"


def _in_place_score(text: str, match: regex.Match[str]) -> float | None:
    """Every place word is a name, not English ('in Room 1021 for', 'in CPT 99213 and')."""
    value = match.group("value")
    if len(value) == 4 and value[:2] in ("19", "20"):
        return None  # "in Boston 2024 and"
    place_words = match.group("place").split()
    if any(w.lower() in _CODE_WORDS for w in place_words):
        return None
    # District letters ("København K") say nothing either way.
    names = [w for w in place_words if (w[0].isupper() or not w.isascii()) and len(w) > 1]
    if not names or any(is_everyday_word(w, PROPER_ZIPF) for w in names):
        return None
    return 0.7


def _block_score(text: str, match: regex.Match[str]) -> float | None:
    above = text[max(0, match.start() - 120) : match.start()]
    return 0.7 if _ADDRESS_ABOVE.search(above) else None


# "Patient ID 83714" and "seen by Jane Roe MD 21201" are not addresses.
_NOT_A_CITY = frozenset(
    {"patient", "pt", "member", "user", "plan", "group", "record", "subscriber", "employee"}
    | {"case", "provider", "claim", "badge", "staff", "order", "account", "chart", "device"}
    | {"portal", "login", "employer", "student", "visit", "encounter", "specimen", "sample"}
    | {"dr", "doctor", "by", "per", "the", "and", "from", "to", "with"}
)


def _state_score(text: str, match: regex.Match[str]) -> float | None:
    city = match.group("city")
    if city is not None and city.rstrip(".").lower() in _NOT_A_CITY:
        return None
    if zip_matches_state(match.group("value"), match.group("state")):
        return 0.85
    # A mistyped ZIP in a clear "City, ST 12345" line is still a ZIP; elsewhere the
    # mismatch says "ID 83714" or "MS 12345" is not an address at all.
    return 0.6 if match.group("comma") else None


def _state_name_score(text: str, match: regex.Match[str]) -> float | None:
    return 0.85 if zip_matches_state(match.group("value"), match.group("state")) else 0.6


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "ZIP",
            [Rule("zip_after_state", _AFTER_ABBREVIATION, 0.85, flags=0, gate=_STATE_GATE)],
            name="ZipAfterStateRecognizer",
            validator=_state_score,
        ),
        RegexRecognizer(
            "ZIP",
            [Rule("zip_after_state_name", _AFTER_NAME, 0.85, gate=_STATE_NAME_GATE)],
            name="ZipAfterStateNameRecognizer",
            validator=_state_name_score,
        ),
        RegexRecognizer(
            "ZIP", [Rule("zip_after_keyword", _AFTER_KEYWORD, 0.9)], name="ZipRecognizer"
        ),
        RegexRecognizer(
            "ZIP",
            [Rule("postal_after_country", _AFTER_COUNTRY, 0.8, flags=0, gate=_COUNTRY_GATE)],
            name="PostalAfterCountryRecognizer",
            validator=_country_score,
        ),
        RegexRecognizer(
            "ZIP",
            [
                Rule("postal_block_last_line", _BLOCK_LAST_LINE, 0.7, flags=0),
                Rule("postal_city_line", _CITY_LINE, 0.7, flags=0, line_end="[0-9]"),
            ],
            name="PostalBlockRecognizer",
            validator=_block_score,
        ),
        RegexRecognizer(
            "ZIP",
            [Rule("postal_in_place", _IN_PLACE, 0.7, flags=0)],
            name="PostalInPlaceRecognizer",
            validator=_in_place_score,
        ),
    ]
