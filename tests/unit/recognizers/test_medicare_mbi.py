"""Medicare MBI recognizer: the 11-character C A AN N A AN N A A N N shape, dashes optional,
letters S L O I B Z never used. Values are invented (1EG4-TE5-MK73 is CMS's own example)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import medicare_mbi

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "HEALTH_PLAN_ID"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return medicare_mbi.build()


POSITIVES = [
    ("Medicare MBI 3KD7-NP2-WX48 shows terminated coverage", ["3KD7-NP2-WX48"]),
    ("MBI: 8HC2JR4TA15", ["8HC2JR4TA15"]),
    ("beneficiary 2AY9 XU6 GE31 called", ["2AY9 XU6 GE31"]),
    ("CMS sample 1EG4-TE5-MK73.", ["1EG4-TE5-MK73"]),
    ("(3KD7-NP2-WX48)", ["3KD7-NP2-WX48"]),
]

NEGATIVES = [
    "3KS7-NP2-WX48",  # S is never used
    "3KD7-NB2-WX48",  # B is never used
    "0KD7-NP2-WX48",  # first character 1-9
    "3KD7-NP2-WX4",  # 10 characters
    "3KD7-NP2-WX481",  # 12 characters
    "3KD7-NP2WX48",  # dashes must both be present or both absent
    "3kd7-np2-wx48",  # CMS issues upper case only
    "AB3KD7NP2WX48",  # inside a longer code
    "Medicare patient 212-555-0148",
    "ICD-10 E11.9 and CPT 99214",
]

SCANNER_CASES = [
    ("Medicare MBI 3KD7-NP2-WX48 shows terminated coverage; what do we tell her?", "3KD7-NP2-WX48"),
    ("Member Dana Ortiz, MBI 8HC2JR4TA15, eligibility check", "8HC2JR4TA15"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_mbi(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_mbi(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_mbi(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_mbi(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


def test_context_raises_score(recognizers: list[EntityRecognizer]) -> None:
    bare = [r.score for rec in recognizers for r in rec.analyze("8HC2JR4TA15", [TYPE])]
    labelled = [r.score for rec in recognizers for r in rec.analyze("MBI 8HC2JR4TA15", [TYPE])]
    assert bare == [pytest.approx(0.85)]
    assert labelled == [pytest.approx(1.0)]
