"""GS1 Unique Device Identifiers in human-readable form (Safe Harbor M).

A GS1 UDI starts with application identifier (01) and a GTIN-14 whose last digit
is a GS1 mod-10 check; production identifiers may follow: (11) manufacture date,
(17) expiry date, (10) lot, (21) serial. The serial is what ties the device to one
patient, so the whole UDI string is the span. GTINs failing the check are rejected.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._checksums import gs1_valid
from detectors.recognizers.base import RegexRecognizer, Rule

# Lot and serial are up to 20 characters; they end on a letter or digit so that
# sentence punctuation stays outside the span.
_TEXT_AI = r"\((?:10|21)\)\s?[A-Za-z0-9](?:[A-Za-z0-9\-./]{0,18}[A-Za-z0-9])?"
_DATE_AI = r"\((?:11|17)\)\s?\d{6}"

_UDI = (
    r"(?<![\w)])(?P<value>\(01\)\s?(?P<gtin>\d{14})(?!\d)"
    rf"(?:\s?(?:{_DATE_AI}|{_TEXT_AI}))*)"
)


def _checksum(text: str, match: regex.Match[str]) -> float | None:
    return 0.9 if gs1_valid(match.group("gtin")) else None


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "DEVICE", [Rule("gs1_udi", _UDI, 0.9)], name="UdiRecognizer", validator=_checksum
        )
    ]
