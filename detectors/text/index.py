"""Where things are in a text's tokens, found once and shared by the token rules.

Most name and place rules are led by a cue word ("son", "Dr", "the North …") or only
start at a line's first word or at a capitalized word. Walking every token of a 30 KB
note once per rule costs more than the rules' real work, so the positions of each
lower-cased word, of line starts and of capitalized prose words are gathered in one
pass, and a rule visits only the positions its cue points at.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from detectors.text.tokens import Token

_CACHED = 4  # as many as tokenize keeps: the name and place recognizers share them


@dataclass(frozen=True)
class TokenIndex:
    """Token positions by lower-cased word, plus line starts and capitalized prose words."""

    lowers: list[str]  # each token's lower-cased text
    by_word: dict[str, list[int]]
    line_starts: list[int]  # the first token and every token after a line break
    prose_titles: list[int]  # title-case words on a mixed-case line
    titles: list[int]  # title-case words on any line
    initials: list[int]  # single capital letters, or dotted single letters
    apostrophes: list[int]  # words with an apostrophe: possessives, "O'Neill"
    commas: list[int]  # tokens with a comma between them and the token before
    name_shaped: list[int]  # capitalized words, or any word of an ALL-CAPS or lower-case line

    def at(self, words: Collection[str]) -> list[int]:
        """Positions, in order, of the tokens whose lower-cased text is one of `words`."""
        by_word = self.by_word
        if len(words) > len(by_word):
            found = [i for word in by_word if word in words for i in by_word[word]]
        else:
            found = [i for word in words for i in by_word.get(word, ())]
        found.sort()
        return found

    def where(self, test: Callable[[str], bool]) -> list[int]:
        """Positions, in order, of the tokens whose lower-cased text passes `test`.

        `test` is asked once per distinct word, so it must judge the lower-cased text
        as it would the token's own (as lexicon.base_form-based tests do).
        """
        by_word = self.by_word
        found = [i for word, positions in by_word.items() if test(word) for i in positions]
        found.sort()
        return found

    def at_or(self, words: Collection[str], positions: list[int]) -> list[int]:
        """Positions, in order, of the tokens in `words` and of the given `positions`."""
        return sorted({*self.at(words), *positions})


_cache: dict[int, tuple[Sequence[Token], TokenIndex]] = {}
# Scanners on two threads of one process (the tray's worker and a review window's note
# scanner) share this cache: evicting without the lock raised KeyError in one of them.
_cache_lock = threading.Lock()


def index_of(tokens: Sequence[Token]) -> TokenIndex:
    """The index of `tokens`, built on first use (kept for the last few token sequences).

    Keyed by identity, holding the tokens so that the key cannot be reused while cached.
    """
    entry = _cache.get(id(tokens))
    if entry is not None and entry[0] is tokens:
        return entry[1]
    index = _build(tokens)
    with _cache_lock:
        while len(_cache) >= _CACHED:
            del _cache[next(iter(_cache))]
        _cache[id(tokens)] = (tokens, index)
    return index


def _build(tokens: Sequence[Token]) -> TokenIndex:
    lowers: list[str] = []
    by_word: dict[str, list[int]] = {}
    lists = _walk(tokens, lowers, by_word)
    line_starts, prose_titles, titles, initials, commas, name_shaped = lists
    apostrophes = [i for word in by_word if "'" in word or "’" in word for i in by_word[word]]
    apostrophes.sort()
    return TokenIndex(
        lowers,
        by_word,
        line_starts,
        prose_titles,
        titles,
        initials,
        apostrophes,
        commas,
        name_shaped,
    )


def _walk(
    tokens: Sequence[Token], lowers: list[str], by_word: dict[str, list[int]]
) -> tuple[list[int], ...]:
    """Fill `lowers` and `by_word`; return the line starts, prose title-case words,
    title-case words, initials, tokens after a comma and name-shaped tokens. One pass
    that unpacks each token once costs a third of a list comprehension per list."""
    line_starts: list[int] = [0] if tokens else []
    prose_titles: list[int] = []
    titles: list[int] = []
    initials: list[int] = []
    commas: list[int] = []
    name_shaped: list[int] = []
    for i, (_, _, _, lower, shape, mode, _, _, gap) in enumerate(tokens):
        lowers.append(lower)
        positions = by_word.get(lower)
        if positions is None:
            by_word[lower] = [i]
        else:
            positions.append(i)
        if i and "\n" in gap:
            line_starts.append(i)
        if "," in gap:
            commas.append(i)
        if mode != "mixed":  # any word of an ALL-CAPS or lower-case line is name-shaped
            name_shaped.append(i)
            if shape == "initial":
                initials.append(i)
            elif shape == "title":
                titles.append(i)
        elif shape == "title":
            prose_titles.append(i)
            titles.append(i)
            name_shaped.append(i)
        elif shape == "upper":
            name_shaped.append(i)
        elif shape == "initial":
            initials.append(i)
    return line_starts, prose_titles, titles, initials, commas, name_shaped
