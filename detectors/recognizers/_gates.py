"""Regex gates: a cheap pattern that every match of a rule contains, searched once per chunk.

A gate lets an expensive rule be skipped in a chunk that cannot hold a match
(base.Rule.gate). Gates run with the standard library's `re` (its literal-prefix search
is fast) and without a timeout, so they must stay linear. A case-insensitive rule's
gate is written in lower case and searched in the lower-cased text.

Each gate is searched in its cheapest exact form: a keyword gate at its keywords'
occurrences (only keywords that start a word of the chunk, when the gate starts at a
word), a gate led by capitalised words where one of them occurs (_capital_leads), a
gate of classes alone as a substring of the chunk's class numbers (_class_gates), any
other gate backwards or with ASCII digits where that lets re skip ahead (_gate_forms).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache, lru_cache

import regex

from detectors.recognizers._capital_leads import capital_gate_found, capital_leads
from detectors.recognizers._class_gates import class_gate, class_gate_found
from detectors.recognizers._gate_forms import gate_forms, starts_at_word
from detectors.recognizers._literals import Literals, leading_literals


def compile_gate(pattern: str, folded: bool) -> re.Pattern[str]:
    """The gate compiled for the text as written, or (folded) for the lower-cased text."""
    if not folded:
        return re.compile(pattern)
    # The text will be lower-cased, so case-sensitive parts ("(?-i:DL)") must be too.
    return re.compile(regex.sub(r"\(\?-i:([^()]*)\)", _lower_group, pattern))


def _lower_group(match: regex.Match[str]) -> str:
    return match.group(1).lower()


def prepare_gate(gate: re.Pattern[str]) -> None:
    """Work out the gate's faster forms now (at engine build), not in the first scan.

    Reading and compiling them costs ~40 ms for all gates together: paid lazily, it made
    a process's first scan take 44 ms instead of 7.
    """
    class_gate(gate.pattern)
    gate_forms(gate.pattern)
    gate_leads(gate)
    _lead_heads(gate)
    capital_leads(gate)


@lru_cache(maxsize=64)
def gate_found(gate: re.Pattern[str], text: str) -> bool:
    """Cached per chunk: the plain and grouped forms of an id rule share one gate."""
    return gate_search(gate, text)


def gate_search(gate: re.Pattern[str], text: str) -> bool:
    """gate.search(text) is not None, found the faster way: a keyword gate at its keywords
    (gate_leads), any other in its fastest equivalent form (_gate_forms)."""
    classes = class_gate(gate.pattern)
    if classes is not None:
        found = class_gate_found(*classes, text)
        if found is not None:
            return found
    forms = gate_forms(gate.pattern)
    if forms is not None and forms.backwards:
        return forms.found(text)  # its digits are rarer than its keywords' first letters
    leads = gate_leads(gate)
    if leads is not None:
        return any(_match_where(gate, text, lead) for lead in _leads_at_word_starts(gate, text))
    capitals = capital_leads(gate)
    if capitals is not None:
        return capital_gate_found(gate, capitals, text)
    return gate.search(text) is not None if forms is None else forms.found(text)


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


def _leads_at_word_starts(gate: re.Pattern[str], text: str) -> Literals:
    """The gate's leads, less those that start no word of an ASCII text (when the gate
    starts at a word). Each lead costs a search of the whole chunk (~15 µs per 20 KB),
    and a keyword gate has up to 17; looking a lead's first letters up among the chunk's
    words, made once for all the gates, costs next to nothing."""
    leads = gate_leads(gate) or ()
    heads = _lead_heads(gate)
    if heads is None or not text.isascii():
        return leads
    words = chunk_words(text)
    kept = zip(leads, heads, strict=True)
    return tuple(lead for lead, head in kept if _starts_a_word(words, head))


@cache
def _lead_heads(gate: re.Pattern[str]) -> tuple[bytes | None, ...] | None:
    """Per lead, its first letters and digits (up to another character), with which a word
    starts wherever the lead starts one; None for a lead no ASCII text holds. None in all
    when the gate need not start at a word (only after "(?<![a-z0-9])" or at "\\b")."""
    leads = gate_leads(gate)
    if leads is None or not starts_at_word(gate.pattern):
        return None
    return tuple(_head(lead) if lead.isascii() else None for lead in leads)


def _head(lead: str) -> bytes:
    """The lead up to its first character other than a-z and 0-9 ("s/n": "s")."""
    return _NOT_ALNUM.split(lead, maxsplit=1)[0].encode()


def _starts_a_word(words: Sequence[bytes], head: bytes | None) -> bool:
    if head is None:
        return False
    index = bisect_left(words, head)
    return index < len(words) and words[index].startswith(head)


_NOT_ALNUM = re.compile(r"[^a-z0-9]")
# Every byte but a-z and 0-9 turns into a space.
_MARK_WORDS = bytes(b if b in b"abcdefghijklmnopqrstuvwxyz0123456789" else 32 for b in range(256))


@lru_cache(maxsize=2)
def chunk_words(text: str) -> list[bytes]:
    """The distinct runs of a-z and 0-9 of an ASCII chunk, sorted: its words' starts."""
    return sorted(set(text.encode("ascii").translate(_MARK_WORDS).split()))
