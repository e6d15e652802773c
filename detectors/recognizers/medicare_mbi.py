"""Medicare Beneficiary Identifiers (Safe Harbor I, health plan beneficiary numbers).

An MBI is 11 characters `C A AN N A AN N A A N N`: C is 1-9, A is a letter other
than S L O I B Z, N a digit; CMS prints it as 4-3-4 with optional dashes
(1EG4-TE5-MK73). Nine fixed positions make random words or codes very unlikely to
fit, so the shape alone is reported; "MBI"/"Medicare" nearby raises the score.
Matching is upper-case only because CMS never issues lower-case MBIs.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule

_A = "[AC-HJKMNP-RT-Y]"  # letters without B I L O S Z
_AN = rf"(?:{_A}|\d)"
_N = r"\d"

_MBI = (
    r"(?<![A-Za-z0-9\-])(?P<value>"
    rf"[1-9]{_A}{_AN}{_N}"
    r"(?P<sep>[- ]?)"
    rf"{_A}{_AN}{_N}"
    r"(?P=sep)"
    rf"{_A}{_A}{_N}{_N}"
    r")(?![A-Za-z0-9]|-[A-Za-z0-9])"
)

_KEYWORDS = ("mbi", "medicare", "beneficiary", "medicare id", "medicare number", "hicn")


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "HEALTH_PLAN_ID",
            [Rule("medicare_mbi", _MBI, 0.85, flags=0)],
            name="MedicareMbiRecognizer",
            context=ContextSpec(_KEYWORDS, chars_before=40, boost=0.15),
        )
    ]
