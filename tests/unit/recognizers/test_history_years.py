"""HISTORY_YEAR recognizer: the year of a past health event is reported (exact span, digits
only); clock times, counts, doses, orientation answers and years with no health event
before them are not. These findings never make a clipboard PHI and the de-identified
copy keeps them. Values are invented."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import history_years
from detectors.redact import redact
from detectors.scanner import Scanner

SpanFinder = Callable[[list[EntityRecognizer], str], list[str]]


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return history_years.build()


POSITIVES = [
    ("PMH: NSTEMI 2011, HTN, DM2", ["2011"]),
    ("s/p appendectomy '03, GERD", ["03"]),
    ("hx of breast CA'07, in remission", ["07"]),
    ("Hx: TIA 98, AFib on apixaban", ["98"]),
    ("stopped smoking 86' per wife", ["86"]),
    ("'17 PCI to RCA, '19 stent to LAD", ["17", "19"]),
    ("S/P knee replacement 2002, 2015", ["2002", "2015"]),
    ("PMHx: DVT in 05 and 12, on warfarin", ["05", "12"]),
    ("CABG x2 '99 with LIMA to LAD", ["99"]),
    ("Old hip fracture in 2018, walks with a cane", ["2018"]),
    ("chest tightness since 2021", ["2021"]),
    ("s/p thyroidectomy 1994.", ["1994"]),
    ("CVA ’08, left-sided weakness", ["08"]),
    ("s/p TKR 2002, 2015 (both knees)", ["2002", "2015"]),
    # "İ" grows to two characters when lower-cased; offsets must still be right.
    ("İZMİR trip. PMH: TIA 98, s/p CABG '99", ["98", "99"]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_years_of_health_events_are_found_with_exact_spans(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str, expected: list[str]
) -> None:
    assert find_spans(recognizers, text) == expected


NEGATIVES = [
    "lasix 40 mg IV @ 2000, good response",
    "Pt thinks it is 1948, reoriented",
    "PMH: CKD 3, EF 45%",
    "HR 92, BP 118/70, RR 16",
    "PMH: CABG x3, stent 18 mm to the LAD",
    "Hx: stroke 45 minutes before arrival",
    "Labs at 1900, CPK 2010 this am",
    "ambulated 30' with walker",
    "EBL for surgery 2000 ml",
    "code CABG1995 on the claim",
    "The clinic opened in 2015",
    "Room 2019, surgery floor",
    "MI 12/3/2019 per cardiology",
    "surgery 10 days ago",
    "repeat troponin for r/o MI 12 hrs",
    "family meeting 2030, daughter will call",
    "s/p CABG 85 lbs weight loss",
    "Scheduled for CABG 14 on the OR board",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_other_numbers_are_not_event_years(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str
) -> None:
    assert find_spans(recognizers, text) == []


def test_results_carry_type_and_recognizer(recognizers: list[EntityRecognizer]) -> None:
    (result,) = recognizers[0].analyze("s/p TAVR 2016", [], None)
    assert result.entity_type == "HISTORY_YEAR"
    assert result.recognition_metadata["recognizer_name"] == "HistoryYearRecognizer"


def test_an_event_year_alone_does_not_make_a_clipboard_phi(scanner: Scanner) -> None:
    text = "s/p CABG '99 and MI 2004, now asking about statin interactions"
    report = scanner.scan(text)
    assert [text[f.start : f.end] for f in report.findings] == ["99", "2004"]
    assert {f.type for f in report.findings} == {"HISTORY_YEAR"}
    assert report.phi is False


def test_the_deidentified_copy_keeps_event_years(scanner: Scanner) -> None:
    text = "Mr. Wendell Purcell, s/p CABG '99, asks about statins."
    report = scanner.scan(text)
    assert report.phi is True
    assert redact(text, report) == "Mr. [NAME], s/p CABG '99, asks about statins."


def test_digit_runs_passed_over_are_ones_the_year_pattern_rejects() -> None:
    """Runs after '/', '-', '.', a letter… are skipped untried; trying the pattern at
    every run of two or four digits must find the same years."""
    chooser = random.Random(9)
    pieces = ["1956", "99", "'07", "07'", "12", "2011", "/", "-", ".", ":", "#", "$", "_"]
    pieces += ["x", "CABG ", " ", ", ", "'", "’", "\n", "a", "NSTEMI "]
    for _ in range(2000):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 12)))
        tried = []
        for digits in re.finditer(r"[0-9]+", text):
            start, end = digits.span()
            opened = start > 0 and text[start - 1] in "'’"
            match = history_years._YEAR.match(text, start - 1 if opened else start)
            if end - start in (2, 4) and match and match.end(match.lastgroup or 0) == end:
                tried.append((start, end))
        assert [(y.start, y.end) for y in history_years._years(text)] == tried
