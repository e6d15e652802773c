"""US Social Security numbers (Safe Harbor G).

`AAA-GG-SSSS` with dashes is distinctive enough to report on its own; the same digits
separated by spaces, or nine bare digits, are only an SSN when "SSN" or "social
security" sits just before them (otherwise they are account numbers, ZIP+4s, lab ids).
The Social Security Administration never issues area 000, 666 or 900-999, group 00
or serial 0000, so those are rejected, unless a label names the number: after "SSN",
"ITIN", "TIN", "taxpayer id" or the Spanish "seguro social" an area of 900-999 or
one never issued is still a person's number (the IRS issues ITINs in the 9xx range,
and test records use unissued areas), so only the all-zero parts are rejected there.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule, Validator

_KEYWORDS = (
    "ssn",
    "ss#",
    "ss #",
    "ss no",
    "soc sec",
    "social security",
    "social security number",
    "social security no",
    "social sec",
    "seguro social",  # Spanish: "número de seguro social"
)

# Labels that name a taxpayer number of a person: any area counts after them.
_TAXPAYER_KEYWORDS = (
    *_KEYWORDS,
    "itin",
    "tin",
    "taxpayer id",
    "taxpayer identification number",
    "tax id",
    "tax id number",
    "individual taxpayer identification number",
)

# Every taxpayer label holds one of these (searched in the lower-cased text).
_TAXPAYER_GATE = r"\b(?:ssn|ss|soc|social|itin|tin|tax|taxpayer|individual)\b"

# Digits glued to letters, dashes or dots belong to some longer code.
_BEFORE = r"(?<![\w.\-/])"
_AFTER = r"(?![\w\-/]|\.\d)"

_DASHED = rf"{_BEFORE}(?P<value>\d{{3}}-\d{{2}}-\d{{4}}){_AFTER}"
_SPACED = rf"{_BEFORE}(?P<value>\d{{3}} \d{{2}} \d{{4}}){_AFTER}"
_BARE = rf"{_BEFORE}(?P<value>\d{{9}}){_AFTER}"
_ANY_SHAPE = rf"{_BEFORE}(?P<value>\d{{3}}-\d{{2}}-\d{{4}}|\d{{3}} \d{{2}} \d{{4}}|\d{{9}}){_AFTER}"


def ssn_parts_valid(digits: str) -> bool:
    """True when nine digits have an issuable area, group and serial."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in ("000", "666") or area.startswith("9"):
        return False
    return group != "00" and serial != "0000"


def labelled_parts_valid(digits: str) -> bool:
    """True for nine digits that a label calls an SSN or ITIN: no all-zero part."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    return digits[:3] != "000" and digits[3:5] != "00" and digits[5:] != "0000"


def _labelled_validator(score: float) -> Validator:
    """Unissued areas too, when "SSN"/"ITIN"/"TIN" labels the number right before it."""

    def validate(text: str, match: regex.Match[str]) -> float | None:
        digits = regex.sub(r"\D", "", match.group("value"))
        if ssn_parts_valid(digits) or not labelled_parts_valid(digits):
            return None  # issuable numbers are the other recognizers' finding
        return score

    return validate


def _labelled(number: str) -> str:
    """The number right after a taxpayer label and an optional '#', 'no.', 'is' …"""
    labels = "|".join(regex.escape(k) for k in sorted(_TAXPAYER_KEYWORDS, key=len, reverse=True))
    return (
        rf"(?<![a-z0-9])(?:{labels})(?![a-z0-9])[\s:#=.\-]*"
        rf"(?:(?:no|num|number|nbr|id|is|es)(?![a-z])[\s:#=.\-]*)*{number}"
    )


def _validator(score: float) -> Validator:
    def validate(text: str, match: regex.Match[str]) -> float | None:
        digits = regex.sub(r"\D", "", match.group("value"))
        return score if ssn_parts_valid(digits) else None

    return validate


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "SSN",
            [Rule("ssn_dashed", _DASHED, 0.8, flags=0)],
            name="SsnRecognizer",
            validator=_validator(0.8),
            context=ContextSpec(_KEYWORDS, chars_before=30, boost=0.2),
        ),
        RegexRecognizer(
            "SSN",
            [Rule("ssn_spaced", _SPACED, 0.7, flags=0), Rule("ssn_bare", _BARE, 0.7, flags=0)],
            name="SsnContextRecognizer",
            validator=_validator(0.7),
            context=ContextSpec(_KEYWORDS, chars_before=30, required=True, boost=0.2),
        ),
        RegexRecognizer(
            "SSN",
            [Rule("labelled_taxpayer_number", _labelled(_ANY_SHAPE), 0.9, gate=_TAXPAYER_GATE)],
            name="LabelledTaxpayerNumberRecognizer",
            validator=_labelled_validator(0.9),
        ),
    ]
