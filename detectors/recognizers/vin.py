"""Vehicle identifiers (Safe Harbor L): VINs and, by context, licence plates.

A VIN is 17 characters without I, O or Q whose 9th character is a mod-11 check digit
(North American VINs). A VIN with a valid check digit is reported on its own; one
whose check digit fails is only reported when "VIN" is written just before it
(European VINs carry no check digit). Licence plates have no fixed shape, so they are
only reported after "plate", "license plate", "tag #" and the like.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._checksums import vin_valid
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule, has_context

_VIN_KEYWORDS = ("vin", "vehicle identification number")

# A VIN mixes letters and digits; 17 digits alone are an account number, not a VIN.
_VIN = (
    r"(?<![A-Za-z0-9\-])"
    r"(?P<value>(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])(?=[A-HJ-NPR-Z0-9]*\d)[A-HJ-NPR-Z0-9]{17})"
    r"(?![A-Za-z0-9]|-[A-Za-z0-9])"
)

_PLATE_KEYWORD = (
    r"(?:(?:licen[cs]e\s+)?plate(?:\s*(?:#|no\.?|number|num\.?))?|tag\s*(?:#|no\.?|number))"
    r"(?![a-z])\s*[:#]?\s*(?:is\s+)?"
)
# One token holding a digit ("7XKR482", "ABC-1234"), or a short letter group then a
# group holding a digit ("KJ4 882", "ABC 1234"); "count 12" is a word, not a plate.
_DIGIT_GROUP = r"(?=[A-Z]{0,3}\d)[A-Z0-9]{1,4}"
_PLATE_VALUE = (
    r"(?P<value>(?=[A-Z]{0,7}\d)[A-Z0-9]{2,8}(?:[- ]" + _DIGIT_GROUP + r")?"
    r"|[A-Z]{1,3}[- ]" + _DIGIT_GROUP + r")"
)
_PLATE = rf"(?<![a-z]){_PLATE_KEYWORD}{_PLATE_VALUE}(?![A-Za-z0-9\-])"


def _vin_score(text: str, match: regex.Match[str]) -> float | None:
    if vin_valid(match.group("value")):
        return 0.9
    if has_context(text, match.start("value"), _VIN_KEYWORDS, chars_before=20):
        return 0.75
    return None


def _plate_score(text: str, match: regex.Match[str]) -> float | None:
    value = match.group("value")
    if not any(c.isdigit() for c in value) or sum(c.isalnum() for c in value) < 4:
        return None
    return 0.85


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "VEHICLE",
            [Rule("vin", _VIN, 0.9, flags=0, gate=r"[A-HJ-NPR-Z0-9]{17}")],
            name="VinRecognizer",
            validator=_vin_score,
            context=ContextSpec(_VIN_KEYWORDS, chars_before=30, boost=0.1),
        ),
        RegexRecognizer(
            "VEHICLE",
            [Rule("license_plate", _PLATE, 0.85)],
            name="LicensePlateRecognizer",
            validator=_plate_score,
        ),
    ]
