"""A name right before the person's age and sex ("<Name>, 54M"). Invented values."""

from __future__ import annotations

import pytest

from detectors.names.aged import aged_name_rule
from detectors.scanner import Scanner
from detectors.text.tokens import tokenize
from tests.unit.recognizers.rule_texts import candidate_texts


def _aged(text: str) -> list[str]:
    tokens = tokenize(text)
    return candidate_texts(text, tokens, aged_name_rule(tokens, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Referral: Kieran Ashdown, 34M, to ortho.", ["Kieran Ashdown"]),
        ("Question about Tova Ellingsen, 61 F with CHF.", ["Tova Ellingsen"]),
        ("HALVORSEN, TRYGVE (72 y/o) admitted overnight.", ["HALVORSEN, TRYGVE"]),
        ("sign-out: quennell ashby, 80 yo, stable", ["quennell ashby"]),  # a lower-case note
        (
            "Seen: Brisa Kettleman (45 yo) and Orla Penhallow, 52F",
            ["Brisa Kettleman", "Orla Penhallow"],
        ),
    ],
)
def test_a_name_before_an_age_and_sex(text: str, expected: list[str]) -> None:
    assert _aged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Diabetes, 54M. Chest pain, 45F. Follow up, 33 yo.",  # clinical and everyday words
        "Bed 12, 54M. HPI: 67M with SOB.",  # no word right before the age
        "Assessment and plan (72 y/o). Pneumonia (80 yo). Patient, 44F.",
        "Daughter, 45F, at bedside. Wife (70 yo) aware.",  # a relation is no name
        "Kessovar Memorial, 2019: 54 Main",  # no sex or y/o after the number
    ],
)
def test_no_name_before_an_age(text: str) -> None:
    assert _aged(text) == []


def test_the_scanner_reports_the_name_and_the_verdict(scanner: Scanner) -> None:
    text = "Referral: Kieran Ashdown, 34M, needs a knee MRI."
    report = scanner.scan(text)
    assert report.phi
    assert {(text[f.start : f.end], f.type) for f in report.findings} == {
        ("Kieran Ashdown", "NAME")
    }
