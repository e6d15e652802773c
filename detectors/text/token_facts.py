"""What the tokenizer needs to know of a word or a gap, worked out once per distinct string.

Notes repeat their words and the gaps between them (" ", ", ", ". "), so the tokenizer
looks each one up in a table with map() at C speed instead of testing it in a Python
loop per token. Each table fills itself on a miss and is emptied when it grows past a
bound; long strings are answered without being kept, so a hostile text cannot grow
them. What is kept is the words of texts already scanned, in memory only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import regex

Key = TypeVar("Key")
Value = TypeVar("Value")

# Notes reuse a few hundred words and a few dozen gaps; gaps holding numbers rarely
# come back, so the gap tables are kept small (memory: a few hundred KB in all).
_WORDS_KEPT = 4096
_GAPS_KEPT = 1024
_MAX_KEPT_CHARS = 40

SENTENCE_END = frozenset('.!?:;\n>"(')
# "Dr." and "C." end abbreviations, not sentences.
ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "drs", "jr", "sr", "prof", "rev"})
# How a word of the raw text counts towards its line's case mode.
SHORT, CAPITALS, CAPITALIZED, OTHER = range(4)


class Table(dict[Key, Value], Generic[Key, Value]):
    """A dict that computes a missing entry with `work` (and keeps it when short)."""

    def __init__(self, work: Callable[[Key], Value], size: Callable[[Key], int], most: int) -> None:
        super().__init__()
        self._work = work
        self._size = size
        self._most = most

    def __missing__(self, key: Key) -> Value:
        value = self._work(key)
        if self._size(key) <= _MAX_KEPT_CHARS:
            if len(self) >= self._most:
                self.clear()
            self[key] = value
        return value


def word_kind(word: str) -> int:
    """SHORT (one letter), CAPITALS, CAPITALIZED (not in capitals) or OTHER."""
    if len(word) < 2:
        return SHORT
    if word.isupper():
        return CAPITALS
    return CAPITALIZED if word[0].isupper() else OTHER


def word_facts(word_and_dot: tuple[str, bool]) -> tuple[str, str, bool]:
    """(lower-cased, shape, ends an abbreviation) of a word and whether a "." follows it."""
    word, dotted = word_and_dot
    # A dotted single letter is an initial even in lower case ("j. smith").
    single = "initial" if dotted or word.isupper() else "lower"
    shape = single if len(word) == 1 else _shape(word)
    lower = word.lower()
    return lower, shape, dotted and (shape == "initial" or lower in ABBREVIATIONS)


def gap_facts(gap: str) -> tuple[bool, bool]:
    """Whether the word after `gap` starts a sentence: (after a word, after an abbreviation).

    The gap follows a token, which ends in a letter or an apostrophe, so the three
    characters before the next word are the gap's own, or a letter and the gap's.
    """
    if gap == " ":
        after_word = False  # the previous token ends in a letter or an apostrophe
    elif len(gap) > 1 and gap[-1] == " " and not gap[-2].isspace():
        after_word = gap[-2] in SENTENCE_END  # ". ", ", ": the same test, sooner
    else:
        after_word = _ends_sentence(("a" + gap)[-3:])
    return after_word, "\n" in gap  # "Dr." and "C." end abbreviations, not sentences


def glued_gap(gap: str) -> bool:
    """True when the word after `gap` is glued to a digit or an apostrophe ("90'S", "3x")."""
    return bool(gap) and (gap[-1].isalnum() or gap[-1] in "'’")


def splits(word: str) -> bool:
    """True when the hyphen of `word` glues a relation, 'who' or 'pt' to a name."""
    return "-" in word and len(word_parts(word, 0)) == 2


def word_parts(word: str, start: int) -> list[tuple[int, int]]:
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


def _ends_sentence(before: str) -> bool:
    """True when `before` is blank or ends in sentence punctuation (or a newline) + spaces."""
    body = before.rstrip()
    return not body or "\n" in before[len(body) :] or body[-1] in SENTENCE_END


def _shape(word: str) -> str:
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


def _word_size(word_and_dot: tuple[str, bool]) -> int:
    return len(word_and_dot[0])


WORD_KINDS: Table[str, int] = Table(word_kind, len, _WORDS_KEPT)
WORD_FACTS: Table[tuple[str, bool], tuple[str, str, bool]] = Table(
    word_facts, _word_size, _WORDS_KEPT
)
SPLITS: Table[str, bool] = Table(splits, len, _WORDS_KEPT)
GAP_FACTS: Table[str, tuple[bool, bool]] = Table(gap_facts, len, _GAPS_KEPT)
GLUED_GAPS: Table[str, bool] = Table(glued_gap, len, _GAPS_KEPT)
