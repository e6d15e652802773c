"""Hospital wards named after a place: "to TARNWELL 2", "on Quellby 4".

A ward is a word English does not use, after to/from/or/and/on (or "the" after a move:
"transferred to the <Ward> 2"), followed by a one-digit number that is no dose, count
or range ("to transfuse 2 units", "on bedpan 6-8 times" are no wards). The move rule
(moves.py) asks it after each place preposition.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from detectors.health_context import looks_clinical
from detectors.places.words import MOVE_VERBS
from detectors.text.tokens import Token

WARD_MAX_ZIPF = 2.0  # ward names are proper names English does not know ("to transfuse 2")


# A one-digit ward number, not a dose: "to TARNWELL 2", not "to transfuse 2 units".
_WARD_NUMBER = regex.compile(
    r"\s?\d(?!\w|\.\d|:|/)(?!\s*(?:u|units?|mg|mcg|ml|l|amps?|tabs?|doses?|times|x|hrs?|hours?|days?)\b)",
    regex.IGNORECASE,
)


def ward_number_follows(tokens: Sequence[Token], j: int, text: str) -> bool:
    """'to TARNWELL 2': an unknown, non-clinical word followed by a one-digit ward number."""
    token = tokens[j]
    if len(token.lower) <= 3 or looks_clinical(token.text):
        return False
    previous = tokens[j - 1].lower
    if previous not in ("to", "from", "the", "or", "and", "on"):
        return False
    if previous == "the" and not _moved_to_the(tokens, j - 1):
        return False  # "switching pens to the <Brand> 5": a device model, not a ward
    infinitive = previous == "to" and j > 1 and tokens[j - 2].lower in _BEFORE_INFINITIVE
    if infinitive and not tokens[j - 1].gap_before.strip():
        return False  # "order to transfuse 2 units": a verb; "PLAN: TO <WARD> 2" a ward
    following = text[token.end : token.end + 24]
    if following[:2].isascii() and not (following[:1].isdigit() or following[1:2].isdigit()):
        return False  # _WARD_NUMBER needs a digit first or after one space
    if previous == "on" and not _named_ward(token, following):
        return False  # "on SIMV 4", "on bedpan 6-8 times": settings and equipment
    return _WARD_NUMBER.match(following) is not None


def _moved_to_the(tokens: Sequence[Token], the: int) -> bool:
    """'transferred to the <Ward> 2': 'the' after to/from/on that follow a move."""
    if the < 2 or tokens[the - 1].lower not in ("to", "from", "on"):
        return False
    return tokens[the - 2].lower in MOVE_VERBS or tokens[the - 1].lower == "on"


_BEFORE_INFINITIVE = frozenset(
    {"order", "orders", "ordered", "plan", "plans", "planned", "need", "needs", "needed"}
    | {"want", "wants", "wanted", "able", "unable", "try", "tried", "decided", "agreed"}
)


def _named_ward(token: Token, following: str) -> bool:
    """After 'on': a long capitalized name and a lone ward digit, 'on TARNWELL 2'."""
    if len(token.lower) < 5 or token.shape not in ("title", "upper"):
        return False
    return _RANGE_AFTER.match(following) is None


_RANGE_AFTER = regex.compile(r"\s?\d\s*(?:-|to\b)")
