"""A place after a free-standing "@": "pt from @ harrowgate", "lives @ Quenton".

Quick notes write "@" for "at". Split from moves.py, whose word tests it shares.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from detectors.places.moves import LOCATION, extend_place, unknown_place
from detectors.places.words import MOVE_VERBS
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token

_AT_SIGN = regex.compile(r"(?:^|\s)@\s*$")


def at_sign_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'pt from @ harrowgate', 'lives @ Quenton': a place after a free-standing '@'.

    Only after a movement or residence word or 'from'/'to', and only a word English does
    not use ('@ bedside', '@ 2000' are no places); never the host of an e-mail address,
    whose '@' touches the word before it.
    """
    return [
        Candidate(j, extend_place(tokens, j), LOCATION, 0.7)
        for j in (k + 1 for k in index_of(tokens).at(_AT_CUES) if k + 1 < len(tokens))
        if "@" in tokens[j].gap_before
        and _AT_SIGN.search(tokens[j].gap_before)
        and tokens[j - 1].lower in _AT_CUES
        and unknown_place(tokens[j])
    ]


_AT_CUES = MOVE_VERBS | frozenset({"from", "to"})
