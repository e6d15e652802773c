"""Payment-card numbers (Safe Harbor J: account numbers).

A card number is 13-19 digits, written whole or in groups of four (Amex 4-6-5), whose
last digit is the Luhn check and whose first digits name an issuer the card networks
publish (ISO/IEC 7812 issuer identification numbers). One random number in ten passes
Luhn; the issuer range and the length narrow that further, so a grouped or whole
number that passes all three is reported without a label. "card", "visa", "cc#" and the
like before it raise the score.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._checksums import luhn_valid
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule

# (first digits, allowed lengths): Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay.
_ISSUERS: tuple[tuple[tuple[str, ...], frozenset[int]], ...] = (
    (("4",), frozenset({13, 16, 19})),
    (tuple(str(p) for p in range(51, 56)), frozenset({16})),
    (tuple(str(p) for p in range(2221, 2721)), frozenset({16})),
    (("34", "37"), frozenset({15})),
    (("6011", "65", *(str(p) for p in range(644, 650))), frozenset(range(16, 20))),
    (("36", "38", "39", *(str(p) for p in range(300, 306))), frozenset(range(14, 20))),
    (tuple(str(p) for p in range(3528, 3590)), frozenset(range(16, 20))),
    (("62",), frozenset(range(16, 20))),
)

_KEYWORDS = (
    "card",
    "credit card",
    "debit card",
    "cc",
    "cc#",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "discover",
    "payment",
    "paid with",
)

_BEFORE = r"(?<![\w.\-/])"
_AFTER = r"(?![\w\-/]|[.,]\d)"
_FOURS = r"\d{4}(?P<sep>[ \-])\d{4}(?P=sep)\d{4}(?P=sep)\d{1,7}"
_GROUPED = rf"{_BEFORE}(?P<value>{_FOURS}){_AFTER}"
_AMEX = rf"{_BEFORE}(?P<value>3[47]\d\d(?P<sep>[ \-])\d{{6}}(?P=sep)\d{{5}}){_AFTER}"
_WHOLE = rf"{_BEFORE}(?P<value>[2-6]\d{{12,18}}){_AFTER}"


def card_number_valid(digits: str) -> bool:
    """True for digits of an issuer's range and length that pass the Luhn check."""
    if not digits.isdigit() or not luhn_valid(digits):
        return False
    return any(
        len(digits) in lengths and digits.startswith(prefixes) for prefixes, lengths in _ISSUERS
    )


def _validate(text: str, match: regex.Match[str]) -> float | None:
    digits = regex.sub(r"\D", "", match.group("value"))
    return 0.75 if card_number_valid(digits) else None


# Grouped and Amex numbers both hold four digits, a separator and four more: one gate,
# searched once per chunk (gate results are cached by pattern).
_FOUR_AND_FOUR = r"\d{4}[ \-]\d{4}"


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "ACCOUNT",
            [
                Rule("card_grouped", _GROUPED, 0.75, flags=0, gate=_FOUR_AND_FOUR),
                Rule("card_amex", _AMEX, 0.75, flags=0, gate=_FOUR_AND_FOUR),
                Rule("card_whole", _WHOLE, 0.75, flags=0, gate=r"\d{13}"),
            ],
            name="PaymentCardRecognizer",
            validator=_validate,
            context=ContextSpec(_KEYWORDS, chars_before=30, boost=0.2),
        )
    ]
