"""Unicode folding before a scan: NFKC, and invisible characters removed, with an offset map.

PHI split by zero-width spaces ("Wen\u200bdell"), written in full-width digits or wrapped
in bidi controls reads the same to a person and to an AI tool, but not to the rules.
`fold` returns the text the rules should see and a map that takes every span found in
it back to the caller's original string, so findings and the de-identified copy still
point at (and replace) the original characters, invisible ones included.

ASCII text, and text already in NFKC with nothing invisible, pass through untouched
(checked at C speed); otherwise only the non-ASCII characters are looked at one by
one. Characters are folded one at a time, so a base letter and a separate combining
mark stay two characters.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field

import regex

# Zero-width characters, the soft hyphen, the word joiner family and every bidi control.
_INVISIBLE_CODES = (0xAD, 0x61C, 0x180E, 0xFEFF, *range(0x200B, 0x2010), *range(0x202A, 0x202F))
_INVISIBLE_SET = frozenset(
    chr(code) for code in (*_INVISIBLE_CODES, *range(0x2060, 0x2065), *range(0x2066, 0x206A))
)
_HAS_INVISIBLE = regex.compile("[" + "".join(sorted(_INVISIBLE_SET)) + "]")
_NON_ASCII = regex.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Folded:
    """The folded text and how to map its offsets back (`identity` when nothing changed)."""

    text: str
    identity: bool = True
    # Pieces of the folded text, in order: (folded start, original start, original length,
    # verbatim). A verbatim piece maps character for character; a replaced one (one
    # original character folded to one or more) maps as a whole.
    _starts: list[int] = field(default_factory=list, repr=False)
    _pieces: list[tuple[int, int, int, bool]] = field(default_factory=list, repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of a folded span."""
        if self.identity:
            return start, end
        return self._origin(start, False), self._origin(end - 1, True)

    def _origin(self, pos: int, after: bool) -> int:
        index = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        folded_start, origin, length, verbatim = self._pieces[index]
        if verbatim:
            return origin + (pos - folded_start) + (1 if after else 0)
        return origin + (length if after else 0)


def fold(text: str) -> Folded:
    """NFKC with invisible characters removed, and a map back to `text`'s offsets."""
    if text.isascii() or (
        unicodedata.is_normalized("NFKC", text) and not _HAS_INVISIBLE.search(text)
    ):
        return Folded(text)
    parts: list[str] = []
    starts: list[int] = []
    pieces: list[tuple[int, int, int, bool]] = []
    size = done = 0

    def keep(piece: str, origin: int, length: int, verbatim: bool) -> None:
        nonlocal size
        starts.append(size)
        pieces.append((size, origin, length, verbatim))
        parts.append(piece)
        size += len(piece)

    for match in _NON_ASCII.finditer(text):
        char, at = match.group(), match.start()
        if at > done:
            keep(text[done:at], done, at - done, True)
        done = at + 1
        if char in _INVISIBLE_SET:
            continue
        folded = unicodedata.normalize("NFKC", char)
        if folded:
            keep(folded, at, 1, folded == char)
    if done < len(text):
        keep(text[done:], done, len(text) - done, True)
    return Folded("".join(parts), False, starts, pieces)
