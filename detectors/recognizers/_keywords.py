"""Context words shared by several structured-identifier recognizers.

A bare run of digits is ambiguous (phone? NPI? account?). The word in front of it
decides, so the phone, NPI and DEA recognizers step aside when one of these words
announces some other identifier, and the context-id recognizers claim the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

# Words that announce a record/account/plan/licence number rather than a phone or NPI.
OTHER_ID_KEYWORDS: tuple[str, ...] = (
    "mrn",
    "mr#",
    "mr #",
    "med rec",
    "medical record",
    "chart",
    "unit no",
    "acct",
    "account",
    "encounter",
    "enc",
    "fin",
    "visit",
    "claim",
    "member",
    "subscriber",
    "medicaid",
    "medicare",
    "policy",
    "group",
    "plan",
    "insurance",
    "id",
    "id#",
    "license",
    "licence",
    "dl",
    "certificate",
    "serial",
    "s/n",
    "sn",
    "case",
    "ref",
    "reference",
    "order",
    "accession",
    "specimen",
    "confirmation",
    "invoice",
    "tracking",
    "routing",
    "card",
    "ssn",
    "social security",
    "dea",
    "npi",
)

# Words that put a telephone number next to them ("cell#", "call", "fax").
PHONE_KEYWORDS = (
    "phone",
    "ph",
    "tel",
    "telephone",
    "cell",
    "cellphone",
    "mobile",
    "mob",
    "home",
    "work",
    "office",
    "fax",
    "pager",
    "beeper",
    "call",
    "called",
    "calling",
    "callback",
    "contact",
    "reach",
    "reached",
    "text",
    "number",
)


def announced_by(text: str, start: int, keywords: Sequence[str]) -> bool:
    """True when `text[:start]` ends with a keyword and only a label separator after it.

    "MRN: 2125550148" and "Acct # is 2125550148" announce the number; "the member at
    2125550148" does not (the keyword is not the number's label).
    """
    window = text[max(0, start - 40) : start].lower()
    if not window.rstrip(_LABEL_SEPARATORS).endswith(_label_endings(tuple(keywords))):
        return False  # most numbers have no label: a string test spares the search (~2 µs)
    return _label_regex(tuple(keywords)).search(window) is not None


# The label's trailing words: after the last of them (a keyword or one of these) a
# match holds only separators to the window's end.
_LABEL_WORDS = ("no", "num", "number", "nbr", "id", "is")
# Every character the label pattern's "[\s:#=.\-]" takes: with these stripped, a window
# the pattern matches ends with its last word, less that word's own separators ("mr#").
# No character past U+3000 is "\s" to `regex` (tests/unit/recognizers/test_announced_by.py).
_LABEL_SEPARATORS = "".join(regex.findall(r"[\s:#=.\-]", "".join(map(chr, range(0x3001)))))


@cache
def _label_endings(keywords: tuple[str, ...]) -> tuple[str, ...]:
    """What a window the label pattern matches ends with, once separators are stripped."""
    return tuple(sorted({word.rstrip(_LABEL_SEPARATORS) for word in (*keywords, *_LABEL_WORDS)}))


@cache
def _label_regex(keywords: tuple[str, ...]) -> regex.Pattern[str]:
    """The label pattern, searched backwards: it must end where the window ends, and a
    reverse search tries that end first instead of every start (~2x faster, same answer)."""
    alternatives = "|".join(regex.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return regex.compile(
        rf"(?<![a-z0-9])(?:{alternatives})"
        rf"[\s:#=.\-]*(?:(?:{'|'.join(_LABEL_WORDS)})(?![a-z])[\s:#=.\-]*)*$",
        regex.REVERSE,
    )
