"""Gates led by capitalised words, tried only where one of those words occurs.

A case-sensitive gate such as the street suffixes ("Street|St|…|STREET|…"), the country
names or the state codes opens with capitals, and re tries each one at every capital
of the chunk (~0.2 ms per 20 KB each, six of them). Every match of such a gate starts
with one of its leading strings (`_literals.leading_literals`), so it matches exactly
when it matches at an occurrence of one of them. One search for all the gates' leads
together, made once per chunk, lists where any of them occurs (searching again one
character after each find, so that no occurrence hides inside another: "PLACE" holds
the state code "LA"); each gate is then tried at the places where one of its own leads starts.

The gates are gathered as they are first searched, by their pattern; a chunk's places
are found again whenever a new gate joins (only while the first chunks are scanned).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from detectors.recognizers._literals import Literals, leading_literals

_GATHERED: dict[str, Literals] = {}  # pattern -> leads: our rules' gates, a bounded set
# The search for all gathered leads and the gate patterns it covers (one tuple, replaced
# whole, so that a scanner in another thread never sees a search without its gate).
_UNION: list[tuple[frozenset[str], re.Pattern[str]]] = []


@cache
def capital_leads(gate: re.Pattern[str]) -> Literals | None:
    """The strings every match of the gate starts with, when each opens with a capital
    A-Z; None: search the gate as it is."""
    leads = leading_literals(gate.pattern)
    if not leads or not all("A" <= lead[0] <= "Z" for lead in leads):
        return None
    _GATHERED[gate.pattern] = leads
    return leads


def capital_gate_found(gate: re.Pattern[str], leads: Literals, text: str) -> bool:
    """gate.search(text) is not None, for a gate whose every match starts with one of
    `leads` (gathered by capital_leads)."""
    return any(
        text.startswith(leads, position) and gate.match(text, position)
        for position in lead_places(text, _union_covering(gate.pattern))
    )


def prepare_union() -> None:
    """Build the search for every gate gathered so far (at engine build, not first scan)."""
    if _GATHERED:
        _union_covering(next(iter(_GATHERED)))


def _union_covering(pattern: str) -> re.Pattern[str]:
    """The search for all gathered leads, made anew when `pattern` joined since."""
    union = _UNION[-1] if _UNION else None
    if union is None or pattern not in union[0]:
        gathered = dict(_GATHERED)  # a copy: another thread may add a gate meanwhile
        leads = {lead for found in gathered.values() for lead in found}
        union = (frozenset(gathered), _search_for(frozenset(leads)))
        _UNION[:] = [union]
    return union[1]


@cache
def _search_for(leads: frozenset[str]) -> re.Pattern[str]:
    """One search for all the leads, as a tree of their letters ("S(?:t|quare)"): re then
    picks a branch by the next letter instead of trying every lead (2x faster). A lead
    that another starts with is left out: the other starts where it does."""
    shortest = [lead for lead in leads if not any(o != lead and lead.startswith(o) for o in leads)]
    return re.compile(_tree(shortest))


def _tree(words: list[str]) -> str:
    """A pattern matching where one of the words starts (none starts another)."""
    tails: dict[str, list[str]] = {}
    for word in words:
        tails.setdefault(word[0], []).append(word[1:])
    branches = [
        re.escape(first) + ("" if rest == [""] else _tree(rest))
        for first, rest in sorted(tails.items())
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@lru_cache(maxsize=2)
def lead_places(text: str, leads: re.Pattern[str]) -> list[int]:
    """Every offset where one of the leads starts, in order."""
    places: list[int] = []
    found = leads.search(text)
    while found is not None:
        places.append(found.start())
        found = leads.search(text, found.start() + 1)
    return places
