"""Street lines that have no street-type word: found by the address around them.

Much of the world writes a street as a name and a building number ("Pihlakaru 46",
"Zelenkova 285", "rue des glycines 214"), with nothing that says "street". Such a line is
an address when the address block says so: a unit line ("Apt. 416", "Suite 203")
follows it, or it follows a cue ("lives at", "address:", "the corner of"). House
numbers written before a street found by another rule ("4812 2207 Drimmel St") are
taken in by street_address.py itself.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule

_WORDS = r"\p{L}[\p{L}'’\-.]*(?:[ \t]+\p{L}[\p{L}'’\-.]*){0,4}"
_BUILDING = r"\d{1,5}[a-z]?\.?"
# The unit number starts with a digit: "Suite 203", "apt. 52"; not "Suite of labs", "1 unit PRBC".
_UNIT = r"(?:apt|apartment|suite|ste|unit|flat)\.?[ \t]*#?[ \t]*\d[A-Za-z0-9\-]{0,5}"
# "4596 Zelenkova 285", "ul. Wierzbowska 94", "rue des glycines 214 apt. 52": a whole line.
_BLOCK_STREET = (
    r"(?m:^)[ \t>?*\-]*(?P<value>(?:\d{1,6}[ \t]+)?(?:ul\.[ \t]+|C/[ \t]*)?"
    rf"{_WORDS}[ \t]+{_BUILDING}(?:,?[ \t]+{_UNIT})?)[ \t]*(?m:$)"
)
# How such a line ends: the building number or the unit's, then at most five of its
# letters, digits, dots or dashes ("285", "214a.", "Apt. 52-B").
_BLOCK_STREET_END = r"[0-9][A-Za-z0-9.\-]{0,5}"
# A street with its unit inside a sentence: "6304 Markt 17 Apt. 625". Inside prose the
# words hold no dots: "29 last eve. Received 1 unit 4" is no address.
_PLAIN_WORDS = r"\p{L}[\p{L}'’\-]*(?:[ \t]+\p{L}[\p{L}'’\-]*){0,4}"
_STREET_WITH_UNIT = (
    r"(?<![\w.,/#$\-])(?P<value>(?:\d{1,6}[ \t]+){1,2}"
    rf"{_PLAIN_WORDS}[ \t]+{_BUILDING},?[ \t]+{_UNIT})(?![\w\-])"
)
# A named street without a number: "shows on Gilbert Ferry Street", "lives off Elm Avenue".
# Case-sensitive but for the leading word, so the capitalised street word can gate it.
_STREET_WORDS = r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Place|Terrace|Parkway)"
_NAMED_STREET = (
    r"\b(?i:on|off|near|along)\s+(?P<value>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){0,2}"
    rf"[ \t]+{_STREET_WORDS})\b"
)
# Ships' mail: "USCGC Tamberlane\nFPO AA 34519".
_SHIP = r"\b(?P<value>(?:USNS|USNV|USS|USCGC)\s+\p{L}[\p{L}\-]+\s+FPO\s+A[AEP]\s+\d{5})\b"
_UNIT_BELOW = regex.compile(rf"[ \t]*\n(?:[ \t]*\n)?[ \t>?*\-]*{_UNIT}", regex.IGNORECASE)
_UNIT_HERE = regex.compile(rf"{_UNIT}\s*$", regex.IGNORECASE)

# After an address cue, the rest of the clause (to a comma, bracket or sentence end) when
# it holds a number and words; the city after the comma is left to the place rules.
_CUE = (
    # "address" as a noun only: "to address goals" is a verb.
    r"(?:\baddress(?:\s+is|\s*:)|\baddress\?\s*it\s+is|\blives?\s+(?:at|on)|\blocated\s+at"
    r"|\bdrops?\s+you\s+off\s+at|\bcorner\s+of|\benter\s+on|\bmeet\s+(?:you|me|us)\s+at)"
)
_CUED = (
    rf"{_CUE}\s+(?P<value>(?:the\s+corner\s+of\s+)?(?:\d{{1,6}}\s+){{0,2}}"
    r"(?:ul\.\s+)?\p{L}[^\n.?!;:,()]{2,90}?)(?=\s*(?:[.?!;:,()](?:\s|$)|[,()]|\n|$))"
)
_HAS_NUMBER = regex.compile(r"\d")
_HAS_WORD = regex.compile(r"\p{L}{3,}")
_NUMBER_THEN_UNIT = regex.compile(
    r"^\d+\s*(?:am|pm|mg|mcg|ml|units?|times|hours?|minutes?|days?|weeks?|o'?clock)\b",
    regex.IGNORECASE,
)


def _block_score(text: str, match: regex.Match[str]) -> float | None:
    """A name-and-number line counts with a unit on it or on the next line."""
    value = match.group("value")
    if not _HAS_WORD.search(value):
        return None
    if _UNIT_HERE.search(value) or _UNIT_BELOW.match(text, match.end()):
        return 0.75
    return None


def _letters_score(text: str, match: regex.Match[str]) -> float | None:
    """A street needs a word of three letters or more ("12 x 3 Apt 4" is no address)."""
    return 0.8 if _HAS_WORD.search(match.group("value")) else None


def _cued_score(text: str, match: regex.Match[str]) -> float | None:
    value = match.group("value")
    if not _HAS_NUMBER.search(value) or _NUMBER_THEN_UNIT.match(value):
        return None
    return 0.7


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "ADDRESS",
            [Rule("block_street", _BLOCK_STREET, 0.75, line_end=_BLOCK_STREET_END)],
            name="AddressBlockRecognizer",
            validator=_block_score,
        ),
        RegexRecognizer(
            "ADDRESS",
            [
                Rule("street_with_unit", _STREET_WITH_UNIT, 0.8),
                Rule("named_street", _NAMED_STREET, 0.7, flags=0, gate=_STREET_WORDS),
                Rule("ship_mail", _SHIP, 0.85),
            ],
            name="UnitStreetRecognizer",
            validator=_letters_score,
        ),
        RegexRecognizer(
            "ADDRESS",
            [Rule("cued_address", _CUED, 0.7)],
            name="CuedAddressRecognizer",
            validator=_cued_score,
        ),
    ]
