"""Phone, fax and pager recognizer: NANP numbers in clinical-note spellings, extensions,
pager numbers after pager words; never lab values, doses, codes, dates or NPIs.
Numbers are invented (555-01xx is the fictional range)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import phone

# Fixture signatures (conftest.py): typed_spans, locate, scanned.
Span = tuple[int, int, str]
TypedFinder = Callable[[list[EntityRecognizer], str, str], set[Span]]
Locator = Callable[[str, Sequence[str], str], set[Span]]
ScanFinder = Callable[[str], set[Span]]

TYPE = "PHONE"


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return phone.build()


POSITIVES = [
    ("They're not answering at 079 4411 2093", ["079 4411 2093"]),
    ("Please stop sending messages to 0612 44 81 90", ["0612 44 81 90"]),
    ("Kirkevej 7\n071 338 2290-Office", ["071 338 2290"]),
    ("callback 646-555-0193.", ["646-555-0193"]),
    ("son visited today.(301 555 01423) both", ["301 555 01423"]),
    ("didn't get any message on my registered 555 0148.", ["555 0148"]),
    ("Oak Lane\n555 0172 office\n", ["555 0172"]),
    ("071 338 2290-Office\\,+447700 900 815-Fax", ["071 338 2290", "+447700 900 815"]),
    ("cell (312) 555-0176", ["(312) 555-0176"]),
    ("(312)555-0176", ["(312)555-0176"]),
    ("tel 312.555.0176", ["312.555.0176"]),
    ("dtr Jo Reyes- 718- 555- 0132. ", ["718- 555- 0132"]),
    ("son (703555-0118) visited", ["703555-0118"]),
    ("DAUGHTER---410 555-0164 & grandson", ["410 555-0164"]),
    ("MD to call with update: 617 555 0150 x45.", ["617 555 0150 x45"]),
    ("fax: 919.555.0107 ext. 220", ["919.555.0107 ext. 220"]),
    ("wife (404/555/0199) confirms", ["404/555/0199"]),
    ("+1 (212) 555-0148 after 5pm", ["+1 (212) 555-0148"]),
    ("1-800-555-0199 nurse line", ["1-800-555-0199"]),
    ("can be reached at 202 5550183.", ["202 5550183"]),
    ("Tel 2125550148", ["2125550148"]),
    ("home# 603-555-0124 work# 603-555-0187", ["603-555-0124", "603-555-0187"]),
    ("BROTHER (135-555-0142).", ["135-555-0142"]),  # breaks NANP, dashed 3-3-4
    ("call 555-0148 after lunch", ["555-0148"]),
    ("Phone:\n467 3395", ["467 3395"]),
    ("Pager #12345 ", ["12345"]),
    ("PG 23456\n", ["23456"]),
    ("Pager: #32007", ["32007"]),
    ("pgr 4471", ["4471"]),
    ("beeper no. 551234", ["551234"]),
    ("Mobile: 0491 57 60 24", ["0491 57 60 24"]),  # outside the NANP, after a label
    ("Desk: +44 7700 900 481", ["+44 7700 900 481"]),
    ("please call me on 06.12.44.80.97 tomorrow", ["06.12.44.80.97"]),
    ("office +46 (0)8 555 120 44", ["+46 (0)8 555 120 44"]),
    # The number rules ignore case only in their word parts (extensions, units).
    ("cell 212-555-0148 EXT 12", ["212-555-0148 EXT 12"]),
    ("cell 212-555-0148 Extension 3", ["212-555-0148 Extension 3"]),
    ("Ph: +44 7700 900815 X 22", ["+44 7700 900815 X 22"]),
]

NEGATIVES = [
    "office visit count 0612 44 81 90 total",  # no phone cue before, no label right after
    "messages to 3 staff members",
    "totals (301 555 01423 and more)",  # other words inside the parentheses
    "room 555 0148 was cleaned",
    "NPI 2390996033",  # phone-shaped NPI
    "NPI: 239-099-6033",
    "national provider identifier 2125550148",
    "MRN 2125550148",
    "Acct # 2125550148",
    "account number 212-555-0148",
    "CPT 90837",
    "SSN 219-48-7730",
    "ZIP 21201-2345",
    "12345678901234",  # long account number
    "dose 250-500-1000 mg",
    "2026-11-04 09:30",
    "12/08/2026",
    "v2.125.550.148",
    "I/O 240 360 1200 1000",  # a run of numbers
    "555-0148",  # seven digits without a phone word
    "page 12 of 40",
    "BNP 1200 pg/mL",
    "$212-555-0148",
    "phone call on 12/08/2026",  # a date after a phone word
    "Mobile: 2026-11-04",
    "0491 57 60 24",  # non-NANP digits without a label or "+"
    "+2 edema, 2+ pulses",
    "dose 212-555-0148 MG",
    "ranges 250-555-1000 Mg daily",
]

SCANNER_CASES = [
    ("Write a reminder for Ms. Dale, mammogram 12/08, callback 646-555-0193.", "646-555-0193"),
    ("Son Rob 718 555-0132 (primary), daughter lives in Queens", "718 555-0132"),
    ("Plan: f/u 7/24\nPager #12345\nTime: 10:00", "12345"),
    ("Fax the consult to (919) 555-0107 ext 12 today", "(919) 555-0107 ext 12"),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_finds_phone(
    recognizers: list[EntityRecognizer],
    typed_spans: TypedFinder,
    locate: Locator,
    text: str,
    expected: list[str],
) -> None:
    assert typed_spans(recognizers, text, TYPE) == locate(text, expected, TYPE)


@pytest.mark.parametrize("text", NEGATIVES)
def test_rejects_non_phone(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, text: str
) -> None:
    assert typed_spans(recognizers, text, TYPE) == set()


def test_clinical_text_has_no_phone(
    recognizers: list[EntityRecognizer], typed_spans: TypedFinder, clinical_negative: str
) -> None:
    assert typed_spans(recognizers, clinical_negative, TYPE) == set()


@pytest.mark.parametrize(("text", "expected"), SCANNER_CASES)
def test_scanner_reports_only_the_phone(scanned: ScanFinder, text: str, expected: str) -> None:
    start = text.index(expected)
    span = (start, start + len(expected))
    overlapping = {f for f in scanned(text) if f[0] < span[1] and span[0] < f[1]}
    assert overlapping == {(*span, TYPE)}


def test_separated_number_scores_higher_with_phone_word(
    recognizers: list[EntityRecognizer],
) -> None:
    def score(text: str) -> list[float]:
        return [round(r.score, 2) for rec in recognizers for r in rec.analyze(text, [TYPE])]

    assert score("x 646-555-0193") == [0.75]
    assert score("cell 646-555-0193") == [0.95]
    assert score("x 6465550193") == [0.55]


def test_npi_with_context_is_not_a_phone_in_the_scanner(scanned: ScanFinder) -> None:
    text = "Referring NPI 2390996033; office 646-555-0193"
    assert scanned(text) == {(14, 24, "NPI"), (33, 45, TYPE)}
