"""Named regions smaller than a state: 'the North Shore', 'THE WEST END', 'the South Side'.

Safe Harbor removes every geographic subdivision smaller than a state, and notes name
where a family lives or was on holiday by its region. A compass word and a region noun,
after 'the' and capitalized (or in an ALL-CAPS note), name one; 'the eastern side of the
wound' in lower case does not. Regions the size of states ('the West Coast') are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.places.moves import LOCATION
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"northeast", "northwest", "southeast", "southwest"}  # not "upper"/"lower": "LOWER END"
)
_REGIONS = frozenset({"shore", "side", "end", "valley", "hills", "panhandle", "peninsula"})


def region_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'the North Shore': 'the', a compass word and a region noun, both capitalized."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_COMPASS):
        if not 0 < i < len(tokens) - 1 or tokens[i - 1].lower != "the":
            continue
        region = tokens[i + 1]
        if region.lower not in _REGIONS or not same_line(tokens, i + 1):
            continue
        if region.gap_before != " " or not (_capital(tokens[i]) and _capital(region)):
            continue
        found.append(Candidate(i, i + 1, LOCATION, 0.7))
    return found


def _capital(token: Token) -> bool:
    return token.shape == "title" or (token.shape == "upper" and token.mode == "upper")
