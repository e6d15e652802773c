"""AGE_OVER_89 recognizer: ages of 90 and over are found with their unit; 89 and under,
non-human ages and numbers that are not ages are never reported. Values are invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import ages
from detectors.scanner import Scanner

# The `find_spans` fixture (conftest.py): recognizers + text -> matched substrings.
SpanFinder = Callable[[list[EntityRecognizer], str], list[str]]


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return ages.build()


POSITIVES = [
    ("94-year-old woman with CHF", ["94-year-old"]),
    ("93 y.o. female from assisted living", ["93 y.o."]),
    ("96 yo male, fall at home", ["96 yo"]),
    ("97yoF with UTI", ["97yo"]),
    ("93 y/o M", ["93 y/o"]),
    ("93 years old, lives alone", ["93 years old"]),
    ("90 yr old male", ["90 yr old"]),
    ("the 91 year-old patient", ["91 year-old"]),
    ("101-year-old resident", ["101-year-old"]),
    ("she is 98 years of age.", ["98 years of age"]),
    ("age 91, widowed", ["91"]),
    ("aged 95", ["95"]),
    ("Age: 99", ["99"]),
    ("pt age 90 yrs", ["90 yrs"]),
    ("a ninety-two-year-old man", ["ninety-two-year-old"]),
    ("turned one hundred years old", ["one hundred years old"]),
    # an age said in prose
    ("my patient Mr. Oyelowo (he's 94) keeps falling", ["94"]),
    ("she was 91 when her husband died", ["91"]),
    ("her mother, who turned 95 last week", ["95"]),
    ("pt is 93 years young and sharp", ["93 years young"]),
    ("planning her 94th birthday party", ["94th"]),
    ("his 100th B-day is Sunday", ["100th"]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_ages_over_89_are_found_with_exact_spans(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str, expected: list[str]
) -> None:
    assert find_spans(recognizers, text) == expected


NEGATIVES = [
    "89-year-old woman",
    "88 y.o. male",
    "age 45",
    "aged 89",
    "a 67 yo with CKD",
    "eighty-nine-year-old",
    "150-year-old oak tree",
    "BP 92/60",
    "HR 96, RR 18",
    "weighs 92 kg at age 45",
    "92 years",
    "room 94 old wing",
    "age 95 mg",
    "in her 90s",
    "she is 94 on room air",  # a saturation
    "pt is 94 on 2L",
    "she's 95%",
    "he is 92 kg",
    "she is 88 and lives alone",
    "her 21st birthday; his 60th bday party",  # ages under 90
    "the 95th percentile; 90th minute",  # not a birthday
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_other_numbers_are_not_ages_over_89(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str
) -> None:
    assert find_spans(recognizers, text) == []


def test_every_age_from_90_and_none_below(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder
) -> None:
    for age in range(18, 126):
        text = f"{age}-year-old"
        assert find_spans(recognizers, text) == ([text] if age >= 90 else []), age


def test_results_carry_type_and_recognizer(recognizers: list[EntityRecognizer]) -> None:
    (result,) = recognizers[0].analyze("93 y.o. female", [], None)
    assert result.entity_type == "AGE_OVER_89"
    assert result.recognition_metadata["recognizer_name"] == "AgeOver89Recognizer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("93 y.o. female resident with new confusion and a UTI.", ["93 y.o."]),
        ("A 78-year-old man with gout asks about allopurinol.", []),
    ],
)
def test_ages_through_the_scanner(scanner: Scanner, text: str, expected: list[str]) -> None:
    report = scanner.scan(text)
    found = [text[f.start : f.end] for f in report.findings if f.type == "AGE_OVER_89"]
    assert found == expected
