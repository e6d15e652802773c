"""Misspelled common words are no names; rare names one slip from a word stay names."""

from __future__ import annotations

import pytest

from detectors.scanner import Scanner
from detectors.text.typos import is_typo


@pytest.mark.parametrize("word", ["Famliy", "Epsiode", "Pateint", "Hospitl", "Medicaton"])
def test_a_swap_or_a_missing_letter_from_a_common_word(word: str) -> None:
    assert is_typo(word)


@pytest.mark.parametrize(
    "word",
    [
        "Valida",  # a letter too many: names are often a word and a vowel
        "Brisa",  # short, and one changed letter from "brisk"
        "Brucer",  # one letter from "bruce", a name, not a word
        "Vrabec",  # nothing near it
        "Family",  # a word itself
        "Gardner",  # a census surname
    ],
)
def test_names_and_words_are_no_typos(word: str) -> None:
    assert not is_typo(word)


def test_a_typo_at_a_sentence_start_is_no_name(scanner: Scanner) -> None:
    text = "Daughter is health care proxy. Famliy is very involved in care."
    assert [f for f in scanner.scan(text).findings if f.type == "NAME"] == []


def test_a_name_beside_a_typo_stays(scanner: Scanner) -> None:
    text = "Seen with Valida M. Ibragimov; Famliy aware."
    names = {text[f.start : f.end] for f in scanner.scan(text).findings if f.type == "NAME"}
    assert "Valida M. Ibragimov" in names
