"""Misspelled common words: "Famliy", "Epsiode", "Cardic" are typos, not surnames.

Notes are typed fast, and a capitalised word English does not know looks like a rare
surname to the name rules. A word is taken for a typo when one slip (two letters
swapped, or one letter left out) turns it into a common English word that is no name,
and it is neither a census name nor a listed place. Other slips are left alone: one
changed or extra letter turns too many names into words ("Brisa" / "brisk", "Valida"
/ "valid").
"""

from __future__ import annotations

from functools import lru_cache
from string import ascii_lowercase

from detectors.text import lexicon as lex

MIN_LETTERS = 6  # shorter words sit one slip from too many words ("Roefs", "Trivo")
COMMON_ZIPF = 4.0  # the word it was meant to be is a common one: "family", "episode"


@lru_cache(maxsize=16384)
def is_typo(word: str) -> bool:
    """True when `word` is one slip away from a common English word and no name."""
    lower = word.lower()
    if len(lower) < MIN_LETTERS or not lower.isalpha() or not lower.isascii():
        return False
    if lex.zipf(lower) >= lex.UNKNOWN_ZIPF or lex.name_share(lower) > 0:
        return False
    if lower in lex.surnames() or lower in lex.first_names() or lower in lex.places():
        return False
    return any(_common_word(near) for near in _one_slip(lower))


def _common_word(word: str) -> bool:
    """A common English word that is no name ("Brucer" is one slip from "bruce")."""
    if lex.zipf(word) < COMMON_ZIPF:
        return False
    return lex.nameness(word) < lex.NAME_LIKE  # more word than name ("patient", not "bruce")


def _one_slip(word: str) -> set[str]:
    """The words one swap of neighbours or one missing letter away.

    A letter too many is not undone: names are often a word and a vowel ("Valida").
    """
    found: set[str] = set()
    for i in range(len(word) + 1):
        if i < len(word) - 1:
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        found.update(word[:i] + letter + word[i:] for letter in ascii_lowercase)
    found.discard(word)
    return found
