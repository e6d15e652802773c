"""National Provider Identifiers (provider ids reported beside PHI, not patient identifiers).

An NPI is 10 digits starting with 1 or 2 whose last digit is the Luhn check over
"80840" + the first nine. One random 10-digit number in ten passes Luhn, and a
10-digit number starting with 2 is also a valid NANP phone number, so:

- with "NPI" / "national provider" nearby, a Luhn-valid number is an NPI (0.95);
- without context, only a Luhn-valid number starting with 1 (which cannot be a NANP
  phone number) is reported, at a modest 0.6, and not when a word such as "MRN" or
  "account" says it is some other identifier;
- a Luhn-invalid number is never an NPI, nor one labelled "cell", "MRN" and the like.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._checksums import npi_valid
from detectors.recognizers._keywords import OTHER_ID_KEYWORDS, PHONE_KEYWORDS, announced_by
from detectors.recognizers.base import RegexRecognizer, Rule, has_context

# Matched as whole words, so "NPI#", "npi no." and "national provider identifier" count.
NPI_KEYWORDS = ("npi", "national provider")

# Labels of other numbers; "number" itself is also how NPIs are labelled ("NPI number").
_NOT_NPI_KEYWORDS = tuple(
    k for k in OTHER_ID_KEYWORDS + PHONE_KEYWORDS if k not in ("npi", "number")
)

_NPI = r"(?<![\w.\-/])(?P<value>[12]\d{9})(?![\w\-/]|[.,]\d)"


def _score(text: str, match: regex.Match[str]) -> float | None:
    value, start = match.group("value"), match.start("value")
    # "MRN 1526018159" or "cell 2125550148" is some other number that happens to pass Luhn.
    if not npi_valid(value) or announced_by(text, start, _NOT_NPI_KEYWORDS):
        return None
    if has_context(text, start, NPI_KEYWORDS, chars_before=30):
        return 0.95
    return 0.6 if value.startswith("1") else None


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "NPI", [Rule("npi", _NPI, 0.6, flags=0)], name="NpiRecognizer", validator=_score
        )
    ]
