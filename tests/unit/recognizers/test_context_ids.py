"""Context-gated identifiers: MRN, health plan, account, licence, device serial and other
ids are found only after their label, and the label is never part of the span.
Values are invented."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import context_ids
from detectors.scanner import Scanner

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPES = ("MRN", "HEALTH_PLAN_ID", "ACCOUNT", "LICENSE", "DEVICE", "OTHER_ID")


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return context_ids.build()


def _all_spans(finder: TypedFinder, recognizers: list[EntityRecognizer], text: str) -> set[Span]:
    return set().union(*(finder(recognizers, text, entity) for entity in TYPES))


POSITIVES = [
    ("Patient: ROWE, ALMA\nMRN: 8830214\nVisit: 10/27/2026", "8830214", "MRN"),
    ("MR# A-778120", "A-778120", "MRN"),
    ("MR#12345 admitted", "12345", "MRN"),
    ("Med Rec #: 44120987", "44120987", "MRN"),
    ("Med. Rec. No. 4412", "4412", "MRN"),
    ("medical record number 00451299", "00451299", "MRN"),
    ("Chart #55120", "55120", "MRN"),
    ("Unit No. 0045128", "0045128", "MRN"),
    ("Health plan ID QRT440912337 for member", "QRT440912337", "HEALTH_PLAN_ID"),
    ("member ID: XEH88120044", "XEH88120044", "HEALTH_PLAN_ID"),
    ("subscriber # 771209334-01", "771209334-01", "HEALTH_PLAN_ID"),
    ("Medicaid # 99128834A", "99128834A", "HEALTH_PLAN_ID"),
    ("hospital policy #rg17 applies", "rg17", "HEALTH_PLAN_ID"),
    ("group # 88120", "88120", "HEALTH_PLAN_ID"),
    ("insurance ID is W2231908", "W2231908", "HEALTH_PLAN_ID"),
    ("Her account # 5520-3318-07 has a credit", "5520-3318-07", "ACCOUNT"),
    ("Acct. No. 99120034", "99120034", "ACCOUNT"),
    ("account number 4471209981", "4471209981", "ACCOUNT"),
    ("Encounter 88120933", "88120933", "ACCOUNT"),
    ("FIN: 77120934", "77120934", "ACCOUNT"),
    ("Visit # 551209", "551209", "ACCOUNT"),
    ("claim number 2026-0088123.", "2026-0088123", "ACCOUNT"),
    ("driver's license D1234-5678-901", "D1234-5678-901", "LICENSE"),
    ("DL # S5512098", "S5512098", "LICENSE"),
    ("RN license # RN889120", "RN889120", "LICENSE"),
    ("licence no. A1234567", "A1234567", "LICENSE"),
    ("birth certificate # 4410-88", "4410-88", "LICENSE"),
    ("Insulin pump serial QK7730518 malfunctioned", "QK7730518", "DEVICE"),
    ("pacemaker S/N: 88Z-1209-K", "88Z-1209-K", "DEVICE"),
    ("SN 4412098", "4412098", "DEVICE"),
    ("serial number: CGM-55120-B", "CGM-55120-B", "DEVICE"),
    ("portal message from user id pjones2 (IP", "pjones2", "OTHER_ID"),
    ("username j.smith42.", "j.smith42", "OTHER_ID"),
    ("patient id: 4410992", "4410992", "OTHER_ID"),
    ("member portal id 77120A", "77120A", "OTHER_ID"),
    ("case # 2024-00123", "2024-00123", "OTHER_ID"),
    ("ref # 8336652", "8336652", "OTHER_ID"),
    # grouped and glued record numbers; identifiers, identity checks, reports
    ("MRN 448 812 03", "448 812 03", "MRN"),
    ("MRN: 4488/1203 seen today", "4488/1203", "MRN"),
    ("MRN4488120", "4488120", "MRN"),
    ("MRN 4488 12/03", "4488", "MRN"),  # then a date, not one grouped number
    ("MRN 44-8201/77 on the label", "44-8201/77", "MRN"),  # dashes and a slash
    ("Medical record: 4471/20-9 ", "4471/20-9", "MRN"),
    ("Member ID XEH 881 200 44", "XEH 881 200 44", "HEALTH_PLAN_ID"),
    ("Acct 4471 paid 20", "4471", "ACCOUNT"),
    ("Acct99120034 past due", "99120034", "ACCOUNT"),
    ("identifier: QX449210", "QX449210", "OTHER_ID"),
    ("identity confirmed with ZP88213 and name", "ZP88213", "OTHER_ID"),
    ("report #R-2026-11833 faxed", "R-2026-11833", "OTHER_ID"),
    ("Rx #7781203 filled today", "7781203", "OTHER_ID"),  # a prescription number
    ("prescription number 44-7781203", "44-7781203", "OTHER_ID"),
    ("order # A4471203 shipped", "A4471203", "OTHER_ID"),
]

NEGATIVES = [
    "report of 12 mg given; the report 2026 was fine",
    "no identifier needed; patient identifier pending",
    "finance12345",  # "fin" inside a word, digits glued
    "member Greta Lindahl",  # no digit
    "member since 2015",  # a year
    "Encounter 2026",
    "Encounter date 10/27/2026",
    "Visit: 10/27/2026",  # "visit" counts only as "Visit #"
    "chart review 2024",
    "chart no longer 12345",
    "per policy we refund within 30 days",
    "account for 1200 dollars",
    "MRN 12mg",
    "MRN: 123",  # too short
    "serial troponins 0.01, 0.02",
    "serial lactates 2.1, 1.8",
    "serial exams x3",
    "license plate 7XKR482",  # a vehicle, not a licence
    "BUN/DL 1234",
    "finance 12345",
    "Dr. Marchetti has joined our sports medicine group",
    "Rx: amoxicillin 500 mg; Rx # 2 refills; order 2 units",
]


@pytest.mark.parametrize(("text", "expected", "entity"), POSITIVES)
def test_finds_labelled_value(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: str,
    entity: str,
) -> None:
    assert _all_spans(typed_spans, recognizers, text) == locate(text, [expected], entity)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_unlabelled_or_non_id(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert _all_spans(typed_spans, recognizers, text) == set()


def test_clinical_text_has_no_context_id(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert _all_spans(typed_spans, recognizers, clinical_negative) == set()


def test_every_type_has_a_recognizer(recognizers: list[EntityRecognizer]) -> None:
    assert sorted(e for r in recognizers for e in r.supported_entities) == sorted(TYPES)


@pytest.mark.parametrize(
    ("text", "expected", "entity"),
    [
        ("Patient: ROWE, ALMA\nMRN: 8830214\nVisit: 10/27/2026\nCC: dizziness", "8830214", "MRN"),
        (
            "Health plan ID QRT440912337 for member Jo Ames, retro auth",
            "QRT440912337",
            "HEALTH_PLAN_ID",
        ),
        (
            "Account # 5520-3318-07 shows a $40 overpayment from the 10/3 visit",
            "5520-3318-07",
            "ACCOUNT",
        ),
        ("Insulin pump serial QK7730518 failed for our patient", "QK7730518", "DEVICE"),
        ("Account number 2125550148 is past due", "2125550148", "ACCOUNT"),  # not a phone
        ("MRN 1526018159", "1526018159", "MRN"),  # passes NPI Luhn, still an MRN
    ],
)
def test_scanner_reports_only_the_labelled_value(
    scanned: ScanFinder, text: str, expected: str, entity: str
) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, entity)}


def test_scanner_reports_a_grouped_account_number_whole(scanned: ScanFinder) -> None:
    text = "Acct # 4471 2093 11 is past due"
    start = text.index("4471")
    assert scanned(text) == {(start, start + 12, "ACCOUNT")}


def test_a_case_trap_in_a_label_still_opens_the_gate(scanner: Scanner) -> None:
    """'MEDİCAİD' matches the rule case-insensitively, but lower-cases to other letters."""
    text = "MEDİCAİD ID: 12345678"
    found = {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}
    assert found == {("12345678", "HEALTH_PLAN_ID")}
