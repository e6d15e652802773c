"""The name before an e-mail address in angle brackets: "From: Aldis Quorvan <a@b.org>".

A forwarded patient message starts with its header lines, and the display name beside
the address is the sender's or recipient's name, whatever its case. It is taken when
its words look like a person's: no clinical word, no word of a department or service
mailbox ("Billing Team", "No Reply"), and not every word everyday English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.rules import NAME
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.positions import tokens_before_matches
from detectors.text.tokens import Token

SCORE = 0.8
MAX_WORDS = 4
# Led by a literal "<", which re finds at C speed.
_MAILBOX = re.compile(r"<[\w.+-]+@[\w-]+(?:\.[\w-]+)+>")
# The display name ends at the quote, header colon, comma or line start before it.
_NAME_GAPS = frozenset({" ", ", ", ". ", " '", "'"})
_MAILBOX_WORDS = frozenset(
    {"billing", "support", "team", "office", "clinic", "noreply", "reply", "no", "info"}
    | {"help", "desk", "service", "services", "admin", "notifications", "portal", "staff"}
    | {"department", "dept", "scheduling", "records", "front", "hr", "it", "mail"}
)


def mailbox_name_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'Aldis Quorvan <aquorvan@example.com>', '"Quorvan, Aldis" <…>'."""
    if "<" not in text:
        return []
    found: list[Candidate] = []
    for last in tokens_before_matches(tokens, text, _MAILBOX, ' "\t'):
        first = _display_start(tokens, last)
        if _looks_like_person(tokens[first : last + 1]):
            found.append(Candidate(first, last, NAME, SCORE))
    return found


def _display_start(tokens: Sequence[Token], last: int) -> int:
    first = last
    while first > 0 and last - first < MAX_WORDS - 1:
        if tokens[first].gap_before not in _NAME_GAPS:
            break  # a header's colon, a line break, a bracket
        if tokens[first - 1].lower in words.STOP:
            break  # "on behalf of <Name>"
        first -= 1
    return first


# A department's mailbox: "Cardiology", "Pediatrics", "Psychiatry".
_SPECIALTY_ENDINGS = ("ology", "iatrics", "iatry")


def _looks_like_person(display: Sequence[Token]) -> bool:
    if any(t.lower in _MAILBOX_WORDS or looks_clinical(t.text) for t in display):
        return False
    if any(t.lower.endswith(_SPECIALTY_ENDINGS) for t in display):
        return False
    if any(t.lower in words.NEVER_A_NAME for t in display):
        return False
    return not all(lex.is_everyday_word(t.text, lex.PROPER_ZIPF) for t in display)
