"""The city of a US postal line: "<City>, <State> <ZIP>" names a place below state level.

A state followed by a ZIP code ends the last line of every US postal address, and the
words right before it, on the same line, are its city ("Pellston Heights, MI 49769",
"Tarrow, New Jersey 08001", a city line above "Texas 75001"). The city need not be in
any list: the line's shape says what it is. The ZIP and the street are found by their
own recognizers; the state is allowed by Safe Harbor and never reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detectors.places.moves import LOCATION, joins
from detectors.places.words import STATE_NAMES
from detectors.recognizers._us_states import STATES
from detectors.text import common_words as common
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token

MAX_CITY_WORDS = 3
CITY_SCORE = 0.75
# A ZIP, not a dose ("HEPARIN GTT IN 25000 UNITS": IN is Indiana's code too).
_ZIP_AFTER = re.compile(
    r"[ \t]+\d{5}(?:-\d{4})?(?![\d\-])(?![ \t]*(?:units?|u|mg|mcg|ml|cc|iu|meq|mmol|times)\b)",
    re.IGNORECASE,
)
_HAS_ZIP = re.compile(r"\d{5}")
_STATE_WORDS = max(len(name.split()) for name in STATE_NAMES)
# Where a state may begin: a code, or the first word of a name (lower case, as indexed).
_STATE_STARTS = frozenset(code.lower() for code in STATES) | frozenset(
    name.split()[0] for name in STATE_NAMES
)
# Between the city and its state: a comma and spaces, or the end of the city's line.
_CITY_STATE_GAP = re.compile(r"[ \t]*,?[ \t]*\n?[ \t]*")


def postal_city_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """The city before each "<State> <ZIP>"."""
    if not _HAS_ZIP.search(text):
        return []  # most texts hold no five-digit number
    found: list[Candidate] = []
    for i in index_of(tokens).at(_STATE_STARTS):
        last = _state_at(tokens, i)
        if last is None or not _ZIP_AFTER.match(text, tokens[last].end):
            continue
        city = _city_before(tokens, i)
        if city is not None:
            found.append(Candidate(city, i - 1, LOCATION, CITY_SCORE))
    return found


def _state_at(tokens: Sequence[Token], i: int) -> int | None:
    """The last token of a state written from token i (code or name), else None."""
    token = tokens[i]
    if token.shape == "upper" and token.text in STATES:
        # On a line all in capitals a code may be a word ("IN", "OR"): only after a comma.
        return i if token.mode == "mixed" or "," in token.gap_before else None
    if token.shape not in ("title", "upper"):
        return None
    phrase = token.lower
    for last in range(i, min(i + _STATE_WORDS, len(tokens))):
        if last > i:
            if not joins(tokens, last):
                return None
            phrase += " " + tokens[last].lower
        if phrase in STATE_NAMES:
            return last
    return None


def _city_before(tokens: Sequence[Token], state: int) -> int | None:
    """The first token of the city right before the state, on its line or the line above."""
    if state == 0 or not _CITY_STATE_GAP.fullmatch(tokens[state].gap_before):
        return None
    first = None
    for k in range(state - 1, max(state - 1 - MAX_CITY_WORDS, -1), -1):
        if not _city_word(tokens[k]):
            break
        first = k
        if not joins(tokens, k):
            break
    if first is None:
        return None
    words = " ".join(t.lower for t in tokens[first:state])
    return None if words in STATE_NAMES else first


def _city_word(token: Token) -> bool:
    """Capitalised or all-caps, and no function word ("in", "of" start no city here)."""
    return token.shape in ("title", "upper") and token.lower not in common.STOP
