"""Word tokens with case shape, for the lexicon-and-context recognizers (names, places).

Presidio's spaCy tokens split "Dr." and "O'Rourke" in ways that do not suit name
rules, so these recognizers tokenize the raw text themselves (cheaply, one regex).
Each token also knows the case mode of its line: in ALL-CAPS or all-lower notes,
capitalization says nothing about names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from detectors.offline import REGEX_TIMEOUT_SECONDS

_WORD = regex.compile(r"\p{L}(?:[\p{L}'’]|-(?=\p{L}))*")
_SENTENCE_END = regex.compile(r"[.!?:;\n>\"(]\s*$|^\s*$")
# "Dr." and "C." end abbreviations, not sentences.
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "drs", "jr", "sr", "prof", "rev"})


@dataclass(frozen=True)
class Token:
    """One word: text, offsets, shape, and the case mode of its line."""

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
    modes = _line_modes(text)
    tokens: list[Token] = []
    previous_end = 0
    line = 0
    for match in _WORD.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
        start = match.start()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’"):
            continue  # "90'S", "3x": a letter glued to digits or an apostrophe is no word
        for part_start, part_end in _parts(match.group(), start):
            gap = text[previous_end:part_start]
            line += gap.count("\n")
            tokens.append(_token(text, part_start, part_end, gap, modes[line], tokens))
            previous_end = part_end
    return tuple(tokens)


def _token(text: str, start: int, end: int, gap: str, mode: str, before: list[Token]) -> Token:
    word = text[start:end]
    return Token(
        start=start,
        end=end,
        text=word,
        lower=word.lower(),
        shape="initial" if len(word) == 1 and text.startswith(".", end) else _shape(word),
        mode=mode,
        dotted=text.startswith(".", end),
        sentence_start=_starts_sentence(text, start, before[-1] if before else None),
        gap_before=gap,
    )


def _parts(word: str, start: int) -> list[tuple[int, int]]:
    """Offsets of the word, split where a hyphen glues a relation or 'who' to a name.

    'DAUGHTER-KRISSY' and 'Rob-who' are two words; 'sister-in-law' and 'Smith-Jones' one.
    """
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
_GLUED_AFTER = frozenset({"who", "whom", "whose", "and", "at", "to", "re", "for", "cell", "home"})


def same_line(tokens: Sequence[Token], i: int) -> bool:
    """True when token i sits on the same line as the token before it."""
    return "\n" not in tokens[i].gap_before


def _starts_sentence(text: str, start: int, previous: Token | None) -> bool:
    if previous is None:
        return True
    if previous.dotted and (previous.shape == "initial" or previous.lower in _ABBREVIATIONS):
        return "\n" in text[previous.end : start]
    return bool(_SENTENCE_END.search(text[max(0, start - 3) : start]))


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
    """O'Rourke, Retterer-Moore, McDonald-style names count as title case."""
    parts = regex.split(r"['’-]", word)
    if all(p[:1].isupper() and (len(p) == 1 or p[1:].islower()) for p in parts if p):
        return True
    return word[:2] == "Mc" and word[2:3].isupper() and word[3:].islower()


def _line_modes(text: str) -> list[str]:
    """Case mode per line; short lines take the mode of the whole text."""
    overall = _mode_of(text)
    return [_mode_of(line, default=overall) for line in text.split("\n")]


def _mode_of(text: str, default: str = "mixed") -> str:
    """'upper' for ALL-CAPS writing, 'lower' for quick notes with no capitalized words."""
    words = [w for w in _WORD.findall(text, timeout=REGEX_TIMEOUT_SECONDS) if len(w) >= 2]
    if len(words) < 5:
        return "upper" if len(words) >= 3 and all(w.isupper() for w in words) else default
    upper = sum(1 for w in words if w.isupper()) / len(words)
    title = sum(1 for w in words if w[0].isupper() and not w.isupper()) / len(words)
    if upper > 0.6:
        return "upper"
    if title < 0.04 and upper < 0.25:
        return "lower"
    return "mixed"
