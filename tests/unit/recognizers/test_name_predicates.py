"""The shared name predicates, one token at a time, and what their thresholds mean.

Invented words only: "Vrabec"-like surnames English does not know, census first
names, everyday and clinical words.
"""

from __future__ import annotations

import pytest

from detectors.names import predicates as p
from detectors.text.tokens import Token, tokenize


def _token(text: str, index: int = 1) -> Token:
    return tokenize(text)[index]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("son Bill", True), ("son Rob", True), ("son Will", False), ("son patient", False)],
)
def test_relative_name_ok_needs_a_census_first_name_above_the_threshold(
    text: str, expected: bool
) -> None:
    assert p.relative_name_ok(_token(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dr. Kessovar", True), ("DR. PRICE", True), ("Dr. the", False), ("Dr. Medicare", False)],
)
def test_strong_ok_after_a_title(text: str, expected: bool) -> None:
    assert p.strong_ok(_token(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Dr. Foley", True), ("dr halloran", True), ("Dr. Monday", False)],
)
def test_after_title_ok_also_takes_title_case_words(text: str, expected: bool) -> None:
    assert p.after_title_ok(_token(text)) is expected


@pytest.mark.parametrize(
    ("text", "doctor", "expected"),
    [
        ("Spoke with Dr. okafor about the plan", True, True),  # rare, known to English
        ("Spoke with Mr. okafor about the plan", False, False),  # "Mr." may be MR
        ("Spoke with Dr. vrellani about the plan", False, True),  # unknown to English
        ("Spoke with Dr. appt about the plan", True, False),  # office shorthand
        ("Spoke with Dr. visit about the plan", True, False),  # an everyday word
    ],
)
def test_after_title_ok_takes_a_rare_lower_case_word_after_a_doctor(
    text: str, doctor: bool, expected: bool
) -> None:
    assert p.after_title_ok(_token(text, 3), doctor=doctor) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("son Grevanto", True),
        ("BROTHER GUSTAV WAS HERE", True),
        ("son gustav", True),
        ("son J", False),
        ("NP nurse", False),
        ("son Tuesday", False),
    ],
)
def test_medium_ok_after_a_relation_or_role(text: str, expected: bool) -> None:
    assert p.medium_ok(_token(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Vardoulis", True), ("Awating", False), ("Ab", False), ("Heparin", False)],
)
def test_unknown_name_word_is_rare_long_enough_and_not_clinical(text: str, expected: bool) -> None:
    assert p.unknown_name_word(_token(text, 0)) is expected


def test_rare_word_needs_min_name_letters() -> None:
    assert p.rare_word(_token("Zvq", 0)) is True
    assert p.rare_word(_token("Zv", 0)) is False
    assert p.MIN_NAME_LETTERS == 3


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [("Mary J. Smith", 1, True), ("Mary Clinic", 1, False), ("Mary and", 1, False)],
)
def test_continues_extends_a_started_name(text: str, index: int, expected: bool) -> None:
    assert p.continues(_token(text, index)) is expected


def test_census_backed_reads_each_part_of_a_hyphenated_word() -> None:
    assert p.census_backed(_token("Vrellamo-Johnson", 0)) is True
    assert p.census_backed(_token("Vrellamo-Qzzk", 0)) is False
