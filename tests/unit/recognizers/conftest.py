"""Shared fixtures for recognizer tests: run one recognizer module (the full-scanner
fixture `scanner` is in tests/unit/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.scanner import Scanner

SpanFinder = Callable[[list[EntityRecognizer], str], list[str]]


@pytest.fixture
def find_spans() -> SpanFinder:
    """Matched substrings, in text order, that the given recognizers report at score >= 0.5."""

    def run(recognizers: list[EntityRecognizer], text: str) -> list[str]:
        results = [r for rec in recognizers for r in rec.analyze(text, [], None)]
        kept = sorted((r.start, r.end) for r in results if r.score >= 0.5)
        return [text[start:end] for start, end in kept]

    return run


# --- Structured identifiers (ssn, phone, npi, context_ids, ...): exact typed spans. ---

Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

# Texts clinics paste all day that hold no structured identifier: labs, ABGs, doses,
# codes, years, times, money, vitals, office text. Every structured module tests them.
CLINICAL_NEGATIVES = [
    "K 4.2, Na 138, Cl 101, CO2 24",
    "BUN 54, CR 2.8, glucose 212, Ca 8.9",
    "ABG 7.40/35/64/22 on 2L NC",
    "metoprolol 25 mg PO BID, heparin 5000 units SC q8h",
    "CPT 90837 vs 90834 for psychotherapy billing",
    "diagnosed in 1992, ICD-10 E11.9",
    "appointment at 9:30, follow-up 14:45",
    "budget $1,200 for two blood pressure monitors",
    "1,200 mL intake, I/O 2400/1850",
    "BP 132/78, HR 88, RR 18, SpO2 97% RA, T 98.6",
    "WBC 12.3, Hgb 9.8, Plt 245, INR 1.2, PTT 32.5",
    "Room 412 bed 2, transferred to 6 North ICU bed 14",
    "Infusion 125 mL/hr x 1000 mL; weight 82.5 kg; height 175 cm",
    "Please silence cell phones and tell the front desk if you wait over 20 minutes.",
    "The scanner shows error code P-17. How do I clear it?",
    "Office closed Nov 26-27, 2026 and May 31, 2027; half day on Jul 2.",
    "Thorne Whitlock VitaBP 220, quantity 2, SKU 448812",
    "Serial troponins 0.01, 0.03, 0.02; serial EKGs unchanged",
    "Vent AC 500 x 14, PEEP 5, FiO2 40%, PS 10/5, CVP 8-12",
]

STRUCTURED_TYPES = frozenset(
    {
        "SSN",
        "HEALTH_PLAN_ID",
        "NPI",
        "DEA",
        "VEHICLE",
        "DEVICE",
        "PHONE",
        "URL",
        "IP_ADDRESS",
        "ZIP",
        "ADDRESS",
        "MRN",
        "ACCOUNT",
        "LICENSE",
        "OTHER_ID",
        "BIOMETRIC",
    }
)


@pytest.fixture(params=CLINICAL_NEGATIVES)
def clinical_negative(request: pytest.FixtureRequest) -> str:
    """Each text of CLINICAL_NEGATIVES in turn."""
    return str(request.param)


@pytest.fixture
def typed_spans() -> TypedFinder:
    """(start, end, type) of `entity` findings the recognizers report at score >= 0.5."""

    def run(recognizers: list[EntityRecognizer], text: str, entity: str) -> set[Span]:
        return {
            (r.start, r.end, r.entity_type)
            for rec in recognizers
            for r in rec.analyze(text, [entity], None)
            if r.entity_type == entity and r.score >= 0.5
        }

    return run


@pytest.fixture
def locate() -> Locator:
    """Expected spans: each substring's first occurrence in `text`, typed `entity`."""

    def run(text: str, substrings: Sequence[str], entity: str) -> set[Span]:
        spans: set[Span] = set()
        for substring in substrings:
            start = text.index(substring)
            spans.add((start, start + len(substring), entity))
        return spans

    return run


@pytest.fixture
def scanned(scanner: Scanner) -> ScanFinder:
    """(start, end, type) of every finding the full scanner reports."""

    def run(text: str) -> set[Span]:
        return {(f.start, f.end, f.type) for f in scanner.scan(text).findings}

    return run


@pytest.fixture
def structured_types() -> frozenset[str]:
    """The identifier types the structured recognizer modules emit."""
    return STRUCTURED_TYPES
