"""Written-out days ("the third of July"), fraction-shaped days after "on"/"from" or
offered as an alternative ("3/4 or 3/5"), and product expiry dates that are no person's.
Exact spans; all values invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import dates, spelled_dates
from detectors.recognizers.spelled_dates import spelled_day
from detectors.scanner import Scanner

SpanFinder = Callable[[list[EntityRecognizer], str], list[str]]


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return dates.build() + spelled_dates.build()


SPELLED = [
    ("She was born on the third of July.", ["the third of July"]),
    ("seen July twenty-first for the rash", ["July twenty-first"]),
    ("DOB the twenty first of march", ["the twenty first of march"]),
    ("May first works for her visit", ["May first"]),
    ("the first of may at noon", ["the first of may"]),
    ("March the fifth visit", ["March the fifth"]),
    ("Pt seen the third of July for follow up.", ["the third of July"]),
]
CUED_PAIRS = [
    ("fell at home on 1/2, found by son", ["1/2"]),
    ("cath done on 10/10 and again on 2/3", ["10/10", "2/3"]),
    ("expected discharge 3/4 or 3/5", ["3/4", "3/5"]),
    ("cultures from 1/3 negative", ["1/3"]),
    ("received Tdap lot 4471A exp 03/2027 on 11/04/2026", ["11/04/2026"]),
    ("expired 11/30/2026 per family", ["11/30/2026"]),
]
NOT_DATES = [
    "surgery on the thirty-first of April",  # no such day
    "you may first try the cream",
    "march first to the front desk",
    "second of all, the plan holds",
    "The staff meeting moves to the third of July.",  # an office event
    "Office closed July fourth for the holiday.",
    "1/2 NS at 100 cc/hr",
    "on 1/2 NS at 80",
    "strength 4/5 on the left, on 2/3 of home dose",
    "Pt remained on 5/5, 40% overnight",  # pressure support over PEEP
    "pain 3/10, then 2/10 after meds",
    "Flu vaccine lot 4471A exp 03/2027 given to the staff.",  # a product's date
    "Vaccine lot K8812, expiration 11/30/2026, stored in fridge 2.",
]


@pytest.mark.parametrize(("text", "expected"), SPELLED + CUED_PAIRS)
def test_finds_the_date(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str, expected: list[str]
) -> None:
    assert find_spans(recognizers, text) == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_no_date(recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str) -> None:
    assert find_spans(recognizers, text) == []


@pytest.mark.parametrize(
    ("words", "day"),
    [("third", 3), ("twenty-first", 21), ("Twenty First", 21), ("thirty first", 31)],
)
def test_spelled_day(words: str, day: int) -> None:
    assert spelled_day(words) == day


def test_spelled_day_rejects_other_words() -> None:
    assert spelled_day("thirty second") is None and spelled_day("fortieth") is None


def test_scanner_reports_the_whole_spelled_date(scanner: Scanner) -> None:
    text = "She was born on the third of July, 1948."
    found = {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}
    assert found == {("the third of July, 1948", "DATE")}
