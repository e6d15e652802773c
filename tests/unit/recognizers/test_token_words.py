"""The ASCII word pattern finds the words the Unicode one finds, on any ASCII text."""

from __future__ import annotations

import random

from detectors.text.tokens import _ASCII_WORD, _WORD


def test_ascii_words_match_unicode_words() -> None:
    pieces = ["ab", "Dr", "O", "'", "-", "--", " ", "3", "x", "-y", "'s", ".", "\n", "_", "Z"]
    chooser = random.Random(11)
    for _ in range(20_000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 10)))
        expected = [m.span() for m in _WORD.finditer(text)]
        assert [m.span() for m in _ASCII_WORD.finditer(text)] == expected, text
