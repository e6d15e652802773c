"""A name right before the person's age and sex: "Referral: Kieran Ashdown, 34M".

Referrals, sign-outs and case questions introduce a patient as "<Name>, 54M",
"<Name> (72 y/o)" or "<NAME>, 61 F". The age after the name is as strong a cue as a
title before it. The words before the age count when they are capitalised (or the line
is written in one case) and look like a name: no everyday word, unless the census
lists it as a name, and no clinical word ("Diabetes, 54M" and "Chest pain, 45F" stay
out). A "LAST, FIRST" pair joined by a comma counts as one name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.positions import tokens_before_matches
from detectors.text.tokens import Token

NAME = "NAME"
SCORE = 0.8
MAX_WORDS = 3
MIN_LETTERS = 2
# A comma or an opening bracket, then an age and a sex or "y/o": ", 54M", "(72 y/o)".
# Led by one character class, which re scans for at C speed (~7 ms per MB).
_AGE_SEX = re.compile(
    r"[,(][ \t]*\d{1,3}[ \t-]*(?:[MF](?![A-Za-z])|y/?o(?![A-Za-z])|yo\b)", re.IGNORECASE
)


def aged_name_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'Kieran Ashdown, 34M', 'HALVORSEN, TRYGVE (72 y/o)', 'Ysolde 61 F' is not taken."""
    found: list[Candidate] = []
    for last in tokens_before_matches(tokens, text, _AGE_SEX, " \t"):
        first = _name_start(tokens, last)
        if first is not None:
            found.append(Candidate(first, last, NAME, SCORE))
    return found


def _name_start(tokens: Sequence[Token], last: int) -> int | None:
    """The first word of the name ending at token `last`, or None when it is no name."""
    if not _name_word(tokens[last]):
        return None
    first = last
    while first > 0 and last - first < MAX_WORDS - 1 and _joined(tokens, first):
        if not _name_word(tokens[first - 1]):
            break
        first -= 1
    return first


def _joined(tokens: Sequence[Token], i: int) -> bool:
    """Token i continues the name begun before it: a space, or the comma of 'LAST, FIRST'."""
    gap = tokens[i].gap_before
    return gap == " " or (gap == ", " and tokens[i - 1].shape == "upper")


def _name_word(token: Token) -> bool:
    capitalised = token.shape in ("title", "upper") or token.mode != "mixed"
    if not capitalised or len(token.text) < MIN_LETTERS or not token.text.isalpha():
        return False
    lower = token.lower
    if lower in words.NEVER_A_NAME or lower in words.PROVIDER_ROLES or lower in words.RELATIONS:
        return False
    if looks_clinical(token.text):
        return False
    named = lex.nameness(token.text) >= lex.NAME_LIKE or lex.is_known_first_name(token.text)
    return named or not lex.is_everyday_word(token.text, lex.PROPER_ZIPF)
