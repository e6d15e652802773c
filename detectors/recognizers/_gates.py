"""Regex gates: a cheap pattern that every match of a rule contains, searched once per chunk.

A gate lets an expensive rule be skipped in a chunk that cannot hold a match
(base.Rule.gate). Gates run with the standard library's `re` (its literal-prefix search
is fast) and without a timeout, so they must stay linear. A case-insensitive rule's
gate is written in lower case and searched in the lower-cased text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import regex

from detectors.recognizers._literals import Literals, leading_literals


def compile_gate(pattern: str, folded: bool) -> re.Pattern[str]:
    """The gate compiled for the text as written, or (folded) for the lower-cased text."""
    if not folded:
        return re.compile(pattern)
    # The text will be lower-cased, so case-sensitive parts ("(?-i:DL)") must be too.
    return re.compile(regex.sub(r"\(\?-i:([^()]*)\)", _lower_group, pattern))


def _lower_group(match: regex.Match[str]) -> str:
    return match.group(1).lower()


@lru_cache(maxsize=64)
def gate_found(gate: re.Pattern[str], text: str) -> bool:
    """Cached per chunk: the plain and grouped forms of an id rule share one gate."""
    return gate_search(gate, text)


def gate_search(gate: re.Pattern[str], text: str) -> bool:
    """gate.search(text) is not None, the faster way for a keyword gate (gate_leads)."""
    leads = gate_leads(gate)
    if leads is None:
        return gate.search(text) is not None
    return any(_match_where(gate, text, lead) for lead in leads)


def _match_where(gate: re.Pattern[str], text: str, lead: str) -> bool:
    """True when the gate matches at an occurrence of `lead`."""
    position = text.find(lead)
    while position != -1:
        if gate.match(text, position):
            return True
        position = text.find(lead, position + 1)
    return False


@cache
def gate_leads(gate: re.Pattern[str]) -> Literals | None:
    """The words every match of a keyword gate starts with, or None: search it whole.

    re tries a gate of lower-case keywords led by a lookbehind ("(?<![a-z0-9])(?:acct|
    account|…)") at every position, ~0.5 ms per 20 KB each; finding its keywords with
    str.find and trying the gate only there gives the same answer in a third of that.
    Gates led by other characters (capitals, digits, ".") are fast in re already.
    """
    leads = leading_literals(gate.pattern)
    if leads and all("a" <= lead[0] <= "z" for lead in leads):
        return leads
    return None
