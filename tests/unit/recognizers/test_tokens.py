"""Word tokens for the name and place rules: words, shapes, sentence starts, line modes."""

from __future__ import annotations

import random

import pytest

from detectors.text import token_facts
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


def test_offsets_gaps_and_dots_describe_the_text() -> None:
    """Tokens are made column by column; each must still point at its own characters."""
    chooser = random.Random(7)
    pieces = ["Dr.", "O'Neil", "SON-ROB", "Rob-who", "3x", "500mg", "90'S", "j.", "É", "é"]
    pieces += ["Ünal-Wörner", "’Bob", "\n", " ", ", ", ". ", "42", "ALL", "caps", "-", "'"]
    for _ in range(300):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 40)))
        previous_end = 0
        for token in tokenize(text):
            assert text[token.start : token.end] == token.text
            assert token.lower == token.text.lower()
            assert token.gap_before == text[previous_end : token.start]
            assert token.dotted == text.startswith(".", token.end)
            previous_end = token.end


def test_words_glued_to_digits_leave_their_characters_in_the_next_gap() -> None:
    assert tokenize("0A 3x") == ()
    tokens = tokenize("take 500mg daily")
    assert [t.text for t in tokens] == ["take", "daily"]
    assert tokens[1].gap_before == " 500mg " and not tokens[1].sentence_start


def test_a_short_line_takes_the_mode_of_the_whole_text() -> None:
    text = "PT SEEN TODAY FOR COUGH AND FEVER\nBob Okafor\nSENT HOME WITH FLUIDS AND REST"
    tokens = {t.text: t for t in tokenize(text)}
    assert tokens["Bob"].mode == "upper" and tokens["SEEN"].mode == "upper"
    assert tokenize("Seen today for cough and fever\nBob Okafor")[-1].mode == "mixed"


def test_word_tables_stay_bounded_on_hostile_text() -> None:
    """Every gap below differs and is long; the lookup tables must not keep them all."""
    text = " ".join(f"a{'.' * 50}{n}b" for n in range(30_000))
    tokenize(text)
    assert len(token_facts.GAP_FACTS) <= 1024
    assert all(len(gap) <= 40 for gap in token_facts.GAP_FACTS)


def test_each_line_has_one_mode_judged_from_its_own_words() -> None:
    """Lines are counted one at a time: all words of a line share a mode, a long line in
    capitals is 'upper' and a long line without capitals 'lower', whatever the others."""
    chooser = random.Random(11)
    lines = ["PT SEEN TODAY FOR COUGH AND FEVER", "seen today for cough, no fever at all"]
    lines += ["Bob Okafor", "Seen Today By Dr Kessel And Team", "", "x", "OK 3x", "\n"]
    for _ in range(300):
        text = "\n".join(chooser.choice(lines) for _ in range(chooser.randint(1, 9)))
        tokens = tokenize(text)
        by_line: dict[int, set[str]] = {}
        for token in tokens:
            by_line.setdefault(text.count("\n", 0, token.start), set()).add(token.mode)
        assert all(len(modes) == 1 for modes in by_line.values())
        for number, line in enumerate(text.split("\n")):
            if line == lines[0]:
                assert by_line[number] == {"upper"}
            elif line == lines[1]:
                assert by_line[number] == {"lower"}
