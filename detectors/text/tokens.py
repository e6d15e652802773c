"""Word tokens with case shape, for the lexicon-and-context recognizers (names, places).

Presidio's spaCy tokens split "Dr." and "O'Rourke" in ways that do not suit name
rules, so these recognizers tokenize the raw text themselves (cheaply, one regex).
Each token also knows the case mode of its line: in ALL-CAPS or all-lower notes,
capitalization says nothing about names.

A megabyte holds ~150,000 words, so tokens are made column by column with C-speed
steps (a regex split, map over lookup tables, zip) rather than in a Python loop per
word; only the rare glued or hyphen-split words are handled one by one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, count, pairwise, repeat
from operator import contains, getitem, sub
from typing import NamedTuple, TypeVar

import regex

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.text import token_facts as facts

_WORD = regex.compile(r"\p{L}(?:[\p{L}'’]|-(?=\p{L}))*")
# The same for ASCII text with the standard library's re, several times faster: in
# ASCII the letters are [A-Za-z], and a hyphen belongs to a word only when a letter
# follows it. Linear (every repetition after the first starts with "-"): no timeout.
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*")
# Split on them, the words kept: [gap, word, gap, word, ..., gap].
_WORD_SPLIT = regex.compile(f"({_WORD.pattern})")
_ASCII_WORD_SPLIT = re.compile(f"({_ASCII_WORD.pattern})")
_DOT = re.compile(r"\.")
Item = TypeVar("Item")


class Token(NamedTuple):
    """One word: text, offsets, shape, and the case mode of its line.

    A NamedTuple, not a dataclass: a 30 KB note makes ~4,500 of them per scan and a
    frozen dataclass's __init__ costs several times more.
    """

    start: int
    end: int
    text: str
    lower: str
    shape: str  # "title" | "upper" | "lower" | "mixed" | "initial"
    mode: str  # "mixed" | "upper" | "lower": how the line is written
    dotted: bool  # followed directly by "."
    sentence_start: bool
    gap_before: str  # the characters between the previous token and this one


@lru_cache(maxsize=4)
def tokenize(text: str) -> tuple[Token, ...]:
    """All word tokens of `text` in order (cached: the name and place recognizers share them)."""
    if text.isascii():
        pieces = _ASCII_WORD_SPLIT.split(text)
    else:
        pieces = _WORD_SPLIT.split(text, timeout=REGEX_TIMEOUT_SECONDS)
    words: list[str] = pieces[1::2]
    if not words:
        return ()
    edges = list(accumulate(map(len, pieces)))
    gaps = pieces[0:-1:2]
    words_of = _Columns(edges[0:-1:2], edges[1::2], words, _modes(gaps, words), gaps)
    glued = list(compress(count(), map(facts.GLUED_GAPS.__getitem__, gaps)))
    split = list(compress(count(), map(facts.SPLITS.__getitem__, words)))
    if glued or split:
        words_of = _unglue(text, words_of, glued, split)
    return _assemble(text, words_of) if words_of.starts else ()


class _Columns(NamedTuple):
    """The words of a text, one list per field."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    modes: list[str]
    gaps: list[str]  # the characters between the previous word and this one


def _modes(gaps: list[str], words: list[str]) -> list[str]:
    """The case mode of each word's line; short lines take the mode of the whole text.

    Only words of two letters or more count: words in capitals, and capitalized words
    not in capitals. A 20 KB chunk has ~3,000 words on ~100 lines, so the words' kinds
    are looked up at C speed and counted one line (a slice) at a time.
    """
    kinds = list(map(facts.WORD_KINDS.__getitem__, words))
    breaks = compress(count(1), map(contains, gaps[1:], repeat("\n")))
    bounds = [0, *breaks, len(words)]
    overall = _mode_of(*_counted(kinds))
    modes = [_mode_of(*_counted(kinds[a:b]), default=overall) for a, b in pairwise(bounds)]
    return list(chain.from_iterable(map(repeat, modes, map(sub, bounds[1:], bounds))))


def _counted(kinds: list[int]) -> tuple[int, int, int]:
    """(words of two letters or more, words in capitals, capitalized words not in capitals)
    among words of the given kinds."""
    capitals, capitalized = kinds.count(facts.CAPITALS), kinds.count(facts.CAPITALIZED)
    return capitals + capitalized + kinds.count(facts.OTHER), capitals, capitalized


def _unglue(text: str, found: _Columns, glued: list[int], split: list[int]) -> _Columns:
    """Drop the words glued to a digit or an apostrophe; split relation-hyphen words.

    "90'S", "3x": a letter glued to digits or an apostrophe is no word, and its
    characters join the gap before the next word. `glued` is in ascending order.
    """
    keep = [True] * len(found.starts)
    for i in glued:
        keep[i] = False
    starts, ends = _kept(found.starts, keep), _kept(found.ends, keep)
    words, modes, gaps = _kept(found.words, keep), _kept(found.modes, keep), _kept(found.gaps, keep)
    # The k-th word dropped (at i) has i - k words kept before it: the next one kept is there.
    for k, i in enumerate(glued):
        at = i - k
        if at < len(starts):
            gaps[at] = text[ends[at - 1] if at else 0 : starts[at]]
    for i in sorted(set(split).difference(glued), reverse=True):
        at = i - bisect_left(glued, i)
        (start, middle), (after, end) = facts.word_parts(words[at], starts[at])
        starts[at : at + 1] = [start, after]
        ends[at : at + 1] = [middle, end]
        words[at : at + 1] = [text[start:middle], text[after:end]]
        modes[at : at + 1] = [modes[at], modes[at]]
        gaps[at : at + 1] = [gaps[at], "-"]
    return _Columns(starts, ends, words, modes, gaps)


def _kept(column: list[Item], keep: list[bool]) -> list[Item]:
    return list(compress(column, keep))


def _assemble(text: str, found: _Columns) -> tuple[Token, ...]:
    """The tokens, each column made at C speed from tables of distinct words and gaps."""
    starts, ends, words, modes, gaps = found
    dots = {match.start() for match in _DOT.finditer(text)}  # fewer than words; faster to test
    dotted = list(map(dots.__contains__, ends))
    lowers, shapes, abbreviations = zip(
        *map(facts.WORD_FACTS.__getitem__, zip(words, dotted, strict=True)), strict=True
    )
    # The first token starts a sentence; after it, the gap decides (looked up by whether
    # the token before ended an abbreviation).
    gap_facts = map(facts.GAP_FACTS.__getitem__, gaps[1:])
    sentence_starts = [True, *map(getitem, gap_facts, abbreviations[:-1])]
    columns = zip(
        starts, ends, words, lowers, shapes, modes, dotted, sentence_starts, gaps, strict=True
    )
    return tuple(map(tuple.__new__, repeat(Token), columns))


def same_line(tokens: Sequence[Token], i: int) -> bool:
    """True when token i sits on the same line as the token before it."""
    return "\n" not in tokens[i].gap_before


def _mode_of(words: int, uppers: int, titles: int, default: str = "mixed") -> str:
    """'upper' for ALL-CAPS writing, 'lower' for quick notes with no capitalized words."""
    if words < 5:
        return "upper" if words >= 3 and uppers == words else default
    upper = uppers / words
    title = titles / words
    if upper > 0.6:
        return "upper"
    if title < 0.04 and upper < 0.25:
        return "lower"
    return "mixed"
