"""Word tokens for the name and place rules: words, shapes, sentence starts, line modes."""

from __future__ import annotations

import pytest

from detectors.text.tokens import tokenize

ASCII_NOTE = (
    "Dr. Kessel saw pt. O'Rourke-Smith at 3pm; j. doe aware.\n"
    "SON ROB-WHO CALLED 2X. DAUGHTER-KRISSY IN TO VISIT. PER B. VORSTAD-PT WET\n"
    "quick note: sister-in-law called back"
)


def words(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


def test_ascii_and_unicode_paths_cut_the_same_words() -> None:
    """ASCII text takes the fast standard-library pattern; one non-ASCII letter at the
    end sends the same text down the Unicode pattern, which must agree."""
    assert words(ASCII_NOTE + " é") == [*words(ASCII_NOTE), "é"]


def test_words_shapes_and_sentence_starts() -> None:
    tokens = {token.text: token for token in tokenize(ASCII_NOTE)}
    assert "2X" not in tokens and "X" not in tokens  # a letter glued to digits is no word
    assert tokens["O'Rourke-Smith"].shape == "title"
    assert tokens["j"].shape == "initial"  # dotted single letter
    assert not tokens["Kessel"].sentence_start  # "Dr." ends an abbreviation, not a sentence
    assert tokens["SON"].sentence_start and tokens["SON"].mode == "upper"
    assert [w for w in words(ASCII_NOTE) if w in ("ROB", "WHO")] == ["ROB", "WHO"]
    assert [w for w in words(ASCII_NOTE) if w in ("VORSTAD", "PT")] == ["VORSTAD", "PT"]
    assert "sister-in-law" in tokens and tokens["quick"].mode == "lower"  # a quick note


@pytest.mark.parametrize("text", ["dose ½ tab", "x² + y²", "Ⅳ push"])
def test_numbers_written_as_symbols_are_no_words(text: str) -> None:
    assert all(word.isalpha() for word in words(text))
