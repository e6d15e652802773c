"""Word tokens with case shape, for the lexicon-and-context recognizers (names, places).

Presidio's spaCy tokens split "Dr." and "O'Rourke" in ways that do not suit name
rules, so these recognizers tokenize the raw text themselves (cheaply, one regex).
Each token also knows the case mode of its line: in ALL-CAPS or all-lower notes,
capitalization says nothing about names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from detectors.offline import REGEX_TIMEOUT_SECONDS

_WORD = regex.compile(r"\p{L}(?:[\p{L}'’]|-(?=\p{L}))*")
# The same for ASCII text with the standard library's re, several times faster: in
# ASCII the letters are [A-Za-z], and a hyphen belongs to a word only when a letter
# follows it. Linear (every repetition after the first starts with "-"): no timeout.
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z']*(?:-[A-Za-z][A-Za-z']*)*")
_SENTENCE_END = frozenset('.!?:;\n>"(')
# "Dr." and "C." end abbreviations, not sentences.
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "drs", "jr", "sr", "prof", "rev"})


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
    words = [m.span() for m in _word_matches(text)]
    lines = _line_numbers(text, words)
    modes = _line_modes(text, words, lines)
    return tuple(_tokens(text, _word_spans(text, words, [modes[line] for line in lines])))


def _word_spans(
    text: str, words: list[tuple[int, int]], modes: list[str]
) -> list[tuple[int, int, str]]:
    """(start, end, line mode) of each word, split at glued relation hyphens."""
    spans: list[tuple[int, int, str]] = []
    for (start, end), mode in zip(words, modes, strict=True):
        if start and (text[start - 1].isalnum() or text[start - 1] in "'’"):
            continue  # "90'S", "3x": a letter glued to digits or an apostrophe is no word
        if "-" in text[start:end]:
            spans.extend((s, e, mode) for s, e in _parts(text[start:end], start))
        else:
            spans.append((start, end, mode))
    return spans


def _word_matches(text: str) -> Iterator[re.Match[str] | regex.Match[str]]:
    if text.isascii():
        return _ASCII_WORD.finditer(text)
    return _WORD.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)


def _tokens(text: str, spans: list[tuple[int, int, str]]) -> list[Token]:
    """Tokens of the word spans, each with its line's case mode.

    One loop with the tuple built directly: ~3,000 tokens per 20 KB made this the
    largest single cost of a scan when each token took several function calls.
    """
    new, shape_of, ends_sentence = tuple.__new__, _lower_and_shape, _ends_sentence
    tokens: list[Token] = []
    append = tokens.append
    after_abbreviation = False
    previous_end = 0
    for start, end, mode in spans:
        word = text[start:end]
        dotted = text.startswith(".", end)
        if end - start == 1:
            # A dotted single letter is an initial even in lower case ("j. smith").
            shape = "initial" if dotted or word.isupper() else "lower"
            lower = word.lower()
        else:
            lower, shape = shape_of(word)
        gap = text[previous_end:start]
        if previous_end == 0:  # the first token
            sentence_start = True
        elif after_abbreviation:
            sentence_start = "\n" in gap  # "Dr." and "C." end abbreviations, not sentences
        elif gap == " ":
            sentence_start = False  # the previous token ends in a letter or an apostrophe
        elif len(gap) > 1 and gap[-1] == " " and not gap[-2].isspace():
            sentence_start = gap[-2] in _SENTENCE_END  # ". ", ", ": the same test, sooner
        else:
            sentence_start = ends_sentence(text[max(0, start - 3) : start])
        append(new(Token, (start, end, word, lower, shape, mode, dotted, sentence_start, gap)))
        after_abbreviation = dotted and (shape == "initial" or lower in _ABBREVIATIONS)
        previous_end = end
    return tokens


@lru_cache(maxsize=8192)  # notes repeat their words: a dict hit is cheaper than the checks
def _lower_and_shape(word: str) -> tuple[str, str]:
    return word.lower(), _shape(word)


def _parts(word: str, start: int) -> list[tuple[int, int]]:
    """Offsets of the word, split where a hyphen glues a relation, 'who' or 'pt' to a name.

    'DAUGHTER-KRISSY', 'Rob-who' and 'VORSTAD-PT' (the note goes on about the patient)
    are two words; 'sister-in-law' and 'Smith-Jones' one.
    """
    if "-" not in word:
        return [(start, start + len(word))]
    pieces = word.split("-")
    lowers = [piece.lower() for piece in pieces]
    if len(pieces) != 2 or not (lowers[0] in _GLUED_BEFORE or lowers[1] in _GLUED_AFTER):
        return [(start, start + len(word))]
    middle = start + len(pieces[0])
    return [(start, middle), (middle + 1, start + len(word))]


# Words that notes glue to a name with a hyphen: 'DAUGHTER-KRISSY', 'son Rob-who'.
_GLUED_BEFORE = frozenset(
    {"son", "daughter", "wife", "husband", "sister", "brother", "mother", "father", "niece"}
    | {"nephew", "granddaughter", "grandson", "friend", "dtr", "dau", "mom", "dad", "spouse"}
)
_GLUED_AFTER = frozenset(
    {"who", "whom", "whose", "and", "at", "to", "re", "for", "cell", "home", "pt"}
)


def same_line(tokens: Sequence[Token], i: int) -> bool:
    """True when token i sits on the same line as the token before it."""
    return "\n" not in tokens[i].gap_before


def _ends_sentence(before: str) -> bool:
    """True when `before` is blank or ends in sentence punctuation (or a newline) + spaces."""
    body = before.rstrip()
    return not body or "\n" in before[len(body) :] or body[-1] in _SENTENCE_END


def _shape(word: str) -> str:
    if len(word) == 1:
        return "initial" if word.isupper() else "lower"
    if word.isupper():
        return "upper"
    if word.islower():
        return "lower"
    rest = word[1:]
    if word[0].isupper() and (rest.islower() or _is_title_compound(word)):
        return "title"
    return "mixed"


def _is_title_compound(word: str) -> bool:
    """O'Rourke, Haverill-Moore, McDonald-style names count as title case."""
    parts = regex.split(r"['’-]", word)
    if all(p[:1].isupper() and (len(p) == 1 or p[1:].islower()) for p in parts if p):
        return True
    return word[:2] == "Mc" and word[2:3].isupper() and word[3:].islower()


def _line_numbers(text: str, words: list[tuple[int, int]]) -> list[int]:
    """The 0-based line of each word's start."""
    newlines: list[int] = []
    position = text.find("\n")
    while position != -1:
        newlines.append(position)
        position = text.find("\n", position + 1)
    return [bisect_right(newlines, start) for start, _ in words]


def _line_modes(text: str, words: list[tuple[int, int]], lines: list[int]) -> list[str]:
    """Case mode per line; short lines take the mode of the whole text.

    Only words of two letters or more count. Counted per line in one pass (words in
    capitals, and capitalized words not in capitals), not by collecting each line's words.
    """
    count = text.count("\n") + 1
    totals, uppers, titles = [0] * count, [0] * count, [0] * count
    for (start, end), line in zip(words, lines, strict=True):
        if end - start >= 2:
            totals[line] += 1
            if text[start:end].isupper():
                uppers[line] += 1
            elif text[start].isupper():
                titles[line] += 1
    overall = _mode_of(sum(totals), sum(uppers), sum(titles))
    return [
        _mode_of(*counts, default=overall) for counts in zip(totals, uppers, titles, strict=True)
    ]


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
