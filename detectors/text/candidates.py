"""Candidates: a token range with a type and a score, and the merge of overlapping ones.

Every token rule (names, places) returns candidates; a recognizer merges them, the
stronger rule deciding the type of a union, and turns the result into Presidio results.
"""

from __future__ import annotations

from operator import attrgetter
from typing import NamedTuple


class Candidate(NamedTuple):
    """Tokens first..last (inclusive) form a name of `type` with confidence `score`.

    A NamedTuple, not a frozen dataclass: the rules make ~40,000 per 1 MB scanned, and a
    frozen dataclass's __init__ costs more than twice as much.
    """

    first: int
    last: int
    type: str
    score: float


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Union overlapping candidates (names or places); the stronger rule decides the type."""
    merged: list[Candidate] = []
    # In order of first token, the longest first, ties kept in order: two stable sorts
    # by attribute cost less than one by a key tuple made per candidate.
    ordered = sorted(candidates, key=_LAST, reverse=True)
    ordered.sort(key=_FIRST)
    for cand in ordered:
        if merged and cand.first <= merged[-1].last:
            top = merged[-1]
            if cand.last <= top.last and cand.score <= top.score:
                continue  # inside the union and no stronger: the union stays as it is
            stronger = cand if cand.score > top.score else top
            merged[-1] = Candidate(
                top.first, max(top.last, cand.last), stronger.type, max(top.score, cand.score)
            )
        else:
            merged.append(cand)
    return merged


_FIRST, _LAST = attrgetter("first"), attrgetter("last")
