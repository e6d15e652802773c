"""A gate's faster forms (read backwards, ASCII digits, keywords at word starts) give the
same answer as the gate searched as written, for the gates of every rule."""

from __future__ import annotations

import random
import re

import pytest

from detectors.recognizers import all_recognizers
from detectors.recognizers._gate_forms import (
    gate_forms,
    reversed_text,
    rewritten,
    starts_at_word,
)
from detectors.recognizers._gates import chunk_words, gate_search
from detectors.recognizers.base import RegexRecognizer, lowered

# Small patterns with every kind of item the rewriting handles.
_PATTERNS = [
    r"(?:ab|cd),?\s+\d{3}",
    r"[eo](?:'s|\s+is)\s+\d\d|turn(?:ed|ing)\s+\d\d",
    r"(?<![a-z0-9])(?:ab|b)c\d",
    r"\bab\d(?!\d)",
    r"a(?=b\d)",
    r"\d{2,3}[ \-]\d{2}",
    r"[^ab\d]\d+c",
    r"\Bb\d",
    r"x.?\d{1,}",
]
# Pieces of the patterns' matches and of near misses, joined at random.
_PIECES = ["ab", "cd", "b", "c", "e", "o", "x", "turned", "he", "'s", "is", "é", "-", ","]
_PIECES += [" ", "  ", "\n", "1", "12", "123", "1234", "\u0663"]


def _random_texts(count: int) -> list[str]:
    chooser = random.Random(7)
    return ["".join(chooser.choices(_PIECES, k=chooser.randint(0, 9))) for _ in range(count)]


def test_the_random_texts_match_every_pattern_and_miss_it() -> None:
    texts = _random_texts(20000)
    for pattern in _PATTERNS:
        found = sum(re.search(pattern, text) is not None for text in texts)
        assert 20 <= found <= len(texts) - 20, pattern


@pytest.mark.parametrize("pattern", _PATTERNS)
def test_a_pattern_read_backwards_matches_the_reversed_text(pattern: str) -> None:
    forwards = re.compile(pattern)
    tree = list(re._parser.parse(pattern))  # type: ignore[attr-defined]
    backwards = re.compile(rewritten(tree, backwards=True, ascii_digits=False))
    ascii_forwards = re.compile(rewritten(tree, backwards=False, ascii_digits=True))
    for text in _random_texts(20000):
        expected = forwards.search(text) is not None
        assert (backwards.search(text[::-1]) is not None) is expected, text
        if text.isascii():
            assert (ascii_forwards.search(text) is not None) is expected, text


def test_a_gate_ending_in_digits_and_opening_with_letters_is_read_backwards() -> None:
    forms = gate_forms(r"(?:ohio|iowa),?\s+\d{5}")
    assert forms is not None and forms.backwards
    assert forms.found("columbus, ohio 43004") and forms.found("ohio 43004")
    assert not forms.found("ohio 4300 and 43004")
    assert forms.found("ohio \u0664\u0663\u0660\u0660\u0664")  # Arabic-Indic digits are \d too
    assert not gate_forms(r"(?:OH|IA),?\s+\d{5}")  # capitals: re is fast as written


def test_a_gate_opening_with_a_digit_repeat_gets_an_ascii_form() -> None:
    forms = gate_forms(r"\d{4}[ \-]\d{4}")
    assert forms is not None and not forms.backwards
    assert forms.ascii.pattern.startswith("[0-9]")
    assert forms.found("card 4111 1111") and forms.found("4111-1111")
    assert forms.found("\u0664\u0661\u0661\u0661 1111")  # the general form for other text
    assert not forms.found("411 11111")


@pytest.mark.parametrize(
    "pattern",
    [
        r"(a)b\d\1",  # a back-reference
        r"(?i:ab)\s+\d",  # inline flags
        r"ab(?=c+)\s*\d",  # read backwards, a lookahead of varying width
        r"^ab\s+\d",  # an anchor other than \b
    ],
)
def test_what_cannot_be_rewritten_exactly_keeps_its_form(pattern: str) -> None:
    assert gate_forms(pattern) is None


def test_a_gate_starts_at_a_word_only_after_its_own_class_or_boundary() -> None:
    assert starts_at_word(r"(?<![a-z0-9])(?:acct|fin)")
    assert starts_at_word(r"\b(?:ssn|tin)\b")
    assert not starts_at_word(r"(?<![^a-z0-9])fin")  # after a letter or digit
    assert not starts_at_word(r"(?<![a-z])fin")  # a digit may come before
    assert not starts_at_word(r"\b(?:\d|fin)")
    assert not starts_at_word(r"fin")


def test_chunk_words_are_the_sorted_runs_of_letters_and_digits() -> None:
    assert chunk_words("s/n 12, fin-99 fin") == [b"12", b"99", b"fin", b"n", b"s"]
    assert reversed_text("ab1") == "1ba"


def _gated_rules() -> list[tuple[str, re.Pattern[str], bool]]:
    return [
        (rule.name, gate, rule.folded)
        for recognizer in all_recognizers()
        if isinstance(recognizer, RegexRecognizer)
        for rule, _, gate in recognizer._rules
        if gate is not None
    ]


# Gate openers and closers at the text's edges, inside words, in other scripts and cases.
_TEXTS = [
    "",
    "He's 94",
    "she is 91.",
    "who turned 95",
    "turned 9",
    "the lines 94",
    "Columbus, Ohio 43004",
    "ohio 4300",
    "New Hampshire 03301 and Boise, ID 83714-1234",
    "Musterstrasse 12",
    "Haapakatu 41\nApt. 507",
    "Musterstra\u00dfe 12",
    "Finland 23221",
    "4111 1111 1111 1111",
    "4111-111",
    "VIN 1HGCM82633A004352",
    "the third of July",
    "July the twenty-first",
    "define the plan",
    "finance",
    "FIN 12345",
    "xfin 1",
    "member id XQJ849201",
    "remember 12",
    "s/n A1234567",
    "DL D1234567",
    "n\u00famero de afiliado 123",
    "\u0130D 1234",
    "ss# 123-45-6789",
    "glass 12",
    "patient id 44",
    "outpatient id 44",
    "mrn",
    "fingerprint template ID FP-88213",
    "Via Flavia 58",
    "4410 Avenida Cipreses",
    "Lives on Gilbert Ferry Street",
    "www.example.com/path",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_every_gate_gives_the_answer_of_its_pattern_as_written(text: str) -> None:
    checked = 0
    for name, gate, folded in _gated_rules():
        haystack = lowered(text) if folded else text
        expected = gate.search(haystack) is not None
        assert gate_search(gate, haystack) is expected, (name, text)
        checked += 1
    assert checked >= 20


def test_the_gate_texts_open_the_rewritten_gates() -> None:
    """The examples above reach the shortcuts: backward and keyword gates that open."""
    opened = {
        name
        for text in _TEXTS
        for name, gate, folded in _gated_rules()
        if gate.search(lowered(text) if folded else text)
    }
    expected = {"said_age", "zip_after_state_name", "euro_street", "card_grouped", "vin"}
    expected |= {"AccountNumberRecognizer", "DeviceSerialRecognizer", "LicenseNumberRecognizer"}
    expected |= {"OtherIdRecognizer", "HealthPlanIdRecognizer", "labelled_taxpayer_number"}
    assert expected <= opened
