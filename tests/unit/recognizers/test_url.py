"""URL recognizer: http(s), www and bare domains with a path; trailing punctuation left
out; links carrying ids score above the threshold, plain public links below."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import url

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "URL"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return url.build()


POSITIVES = [
    (
        "portal link https://mychart.example.org/patient?id=884213.",
        ["https://mychart.example.org/patient?id=884213"],
    ),
    (
        "see http://portal.example-health.com/records/55812, thanks",
        ["http://portal.example-health.com/records/55812"],
    ),
    (
        "www.example-clinic.com/portal/chart/44120 (login first)",
        ["www.example-clinic.com/portal/chart/44120"],
    ),
    ("open mychart.example.org/patient?id=991 please", ["mychart.example.org/patient?id=991"]),
    ("results at <https://labs.example.net/r/7741902>", ["https://labs.example.net/r/7741902"]),
    (
        "https://example.org/visit?mrn=A4410&date=2026-11-04!",
        ["https://example.org/visit?mrn=A4410&date=2026-11-04"],
    ),
]

NEGATIVES = [
    "nate.corwin@example.com",  # an e-mail address, not a URL
    "report.pdf and notes.docx",
    "e.g. i.e. etc.",
    "example.org",  # bare domain without a path
    "K 4.2, Na 138",
    "7.40/35/64/22",
]

SCANNER_CASES = [
    (
        "Pt can't log in: https://mychart.example.org/patient?id=884213 shows an error",
        "https://mychart.example.org/patient?id=884213",
    ),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_url(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_url(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_url(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_url(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


@pytest.mark.parametrize(
    "text", ["https://www.cdc.gov/flu/index.html", "www.cdc.gov", "http://example.org/about-us"]
)
def test_public_link_without_id_is_below_threshold(
    recognizers: list[EntityRecognizer], text: str
) -> None:
    results = [r for rec in recognizers for r in rec.analyze(text, [TYPE])]
    assert [(r.start, r.end) for r in results] == [(0, len(text))]
    assert all(r.score < 0.5 for r in results)
