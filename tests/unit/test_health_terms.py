"""health_terms and special_categories: the fast lower-cased path and the Unicode fallback agree."""

from __future__ import annotations

import pytest

from detectors.health_context import _SPECIAL_LITERALS, health_terms, special_categories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DX E11.9, on Lisinopril and METFORMIN", ("dx e11.9", "lisinopril", "metformin")),
        ("icd-10 j45 asthma; CPT 99213", ("icd-10 j45", "asthma", "cpt 99213")),
        ("started atorvastatin for high LDL", ("atorvastatin", "ldl")),
        ("Bring the printer toner Thursday", ()),
    ],
)
def test_health_terms(text: str, expected: tuple[str, ...]) -> None:
    assert health_terms(text) == expected


def test_text_whose_lower_case_changes_length_takes_the_unicode_path() -> None:
    # "İ" lower-cases to two characters, so offsets would shift: the slow path runs.
    text = "İstanbul visit, metformin and CKD"
    assert len(text.lower()) != len(text)
    assert health_terms(text) == ("visit", "metformin", "ckd")


def test_limit() -> None:
    assert len(health_terms("copd " * 50, limit=3)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HIV viral load undetectable, on PrEP", ("hiv",)),
        (
            "Suboxone for OUD; psychotherapy session weekly",
            ("substance_use_part2", "psychotherapy"),
        ),
        ("BRCA1 genetic testing ordered", ("genetic",)),
        ("İ: HIV test and counseling session", ("psychotherapy", "hiv")),  # the Unicode path
        ("Prepared the art room for the party", ()),
    ],
)
def test_special_categories(text: str, expected: tuple[str, ...]) -> None:
    assert special_categories(text) == expected


def test_every_special_category_has_a_word_prefilter() -> None:
    """Without its required words a category's pattern runs on every text."""
    assert all(_SPECIAL_LITERALS.values())
    assert special_categories("Genetic testing, therapist notes") == ("psychotherapy", "genetic")
