"""Biometric identifier recognizer: the id or hash right after a finger/voice print, retina
or iris scan or face template term; mere mentions are not reported. Values are invented."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import biometric

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "BIOMETRIC"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return biometric.build()


POSITIVES = [
    ("fingerprint template ID FP-88213 on file", ["FP-88213"]),
    ("voiceprint hash 9f2c41d07ab3e8.", ["9f2c41d07ab3e8"]),
    ("Iris scan code: IRX00412", ["IRX00412"]),
    ("retinal scan record #RS-441209", ["RS-441209"]),
    ("Face ID template 77a1c9e2b0", ["77a1c9e2b0"]),
    ("biometric id: BIO-554-1209", ["BIO-554-1209"]),
]

NEGATIVES = [
    "fingerprint scanner at the front desk",
    "fingerprints taken for the background check",
    "retinal scan 2024",  # a year, not an id
    "Face ID enabled on the clinic iPad",
    "iris scan normal, retina scan unremarkable",
    "voice print sample 12",  # too short
]

SCANNER_CASES = [
    ("Pt enrolled in the kiosk: fingerprint template ID FP-88213, please delete it", "FP-88213"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_biometric(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_biometric(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_biometric(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_biometric(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}
