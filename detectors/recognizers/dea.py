"""DEA registration numbers of prescribers (reported beside PHI, not patient identifiers).

Two letters then seven digits: the first letter is the registrant type, the second
the initial of the registrant's surname (or 9 for some business registrants); the
last digit is ((d1+d3+d5) + 2*(d2+d4+d6)) mod 10. Only upper-case, checksum-valid
numbers are reported, unless a label such as "MRN" announces some other identifier;
"DEA" nearby raises the score.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._checksums import dea_valid
from detectors.recognizers._keywords import OTHER_ID_KEYWORDS, announced_by
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule

# Registrant-type letters in use (practitioners, mid-levels, pharmacies, distributors...).
_TYPE_LETTERS = "ABCDEFGHJKLMPRSTUX"

_DEA = rf"(?<![A-Za-z0-9\-])(?P<value>[{_TYPE_LETTERS}][A-Z9]\d{{7}})(?![A-Za-z0-9]|-\d)"

# re finds the capitals fast. A digit of the `regex` module (whose Unicode tables are
# newer than re's) is neither a space nor an ASCII letter in either.
_DEA_GATE = rf"[{_TYPE_LETTERS}][A-Z9][^\sA-Za-z]{{7}}"

_KEYWORDS = ("dea", "dea#", "dea #", "dea no", "dea number", "dea registration")


_NOT_DEA_LABELS = tuple(k for k in OTHER_ID_KEYWORDS if k != "dea")


def _checksum(text: str, match: regex.Match[str]) -> float | None:
    if not dea_valid(match.group("value")):
        return None
    # One random code in ten passes the checksum: "MRN MR1234563" stays an MRN.
    return None if announced_by(text, match.start("value"), _NOT_DEA_LABELS) else 0.85


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "DEA",
            [Rule("dea", _DEA, 0.85, flags=0, gate=_DEA_GATE)],
            name="DeaRecognizer",
            validator=_checksum,
            context=ContextSpec(_KEYWORDS, chars_before=30, boost=0.15),
        )
    ]
