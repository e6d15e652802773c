"""DATE recognizer: dates of birth and care are found with exact spans; ratios, scores,
doses, times, codes, years alone and office events are not. All values are invented."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from presidio_analyzer import EntityRecognizer

from detectors.recognizers import _calendar, dates
from detectors.scanner import Scanner

# The `find_spans` fixture (conftest.py): recognizers + text -> matched substrings.
SpanFinder = Callable[[list[EntityRecognizer], str], list[str]]


@pytest.fixture(scope="module")
def recognizers() -> list[EntityRecognizer]:
    return dates.build()


POSITIVES = [
    # numeric, month first
    ("DOB 04/19/1957", ["04/19/1957"]),
    ("DOB: 4/9/57, allergic to PCN", ["4/9/57"]),
    ("admitted 11-02-2025 for CHF", ["11-02-2025"]),
    ("born 1957-04-19", ["1957-04-19"]),
    ("seen 03.11.2026 in clinic", ["03.11.2026"]),
    ("Pt seen 08/21 for f/u", ["08/21"]),
    # a label's colon after the date keeps its year
    ("Lab results for Jan 3 2025: A1c 8.1", ["Jan 3 2025"]),
    ("seen Jan 3 10:30 am", ["Jan 3"]),
    ("He returned to OR on 7-8 for coiling", ["7-8"]),
    ("BC FROM 3-5 GREW STAPH", ["3-5"]),
    ("Seen in the ED on 3-22, transferred here", ["3-22"]),  # a day past 12, then a comma
    ("ON 2/31/14 PT PRESENTED TO ED", ["2/31/14"]),  # a mistyped day, still a date
    ("DOB 02/30/1990", ["02/30/1990"]),
    ("LBM 4/2, abd soft", ["4/2"]),
    ("Events: 8/28 febrile, cultures sent 9/13 and 9/15", ["8/28", "9/13", "9/15"]),
    ("intubated 6/28-7/1 for resp failure", ["6/28-7/1"]),
    ("cx from 12/9 grew GNR", ["12/9"]),
    ("PMH: MI 3/98, CABG 11/04", ["3/98", "11/04"]),
    ("Last colonoscopy 5/2019, normal", ["5/2019"]),
    ("Pap 4/11 normal", ["4/11"]),
    # day first only when the first number cannot be a month, and only with a year
    ("DOB 23/08/1948", ["23/08/1948"]),
    # month names
    ("born April 9, 1957", ["April 9, 1957"]),
    ("f/u appt Sep 12 with cardiology", ["Sep 12"]),
    ("Seen Mar 7 by PCP", ["Mar 7"]),
    ("Dec 15 visit", ["Dec 15"]),
    ("born 9 April 1957", ["9 April 1957"]),
    ("discharged on the 4th of November", ["4th of November"]),
    ("seen 17th Jan for rash", ["17th Jan"]),
    ("surgery Nov. 2nd at GH", ["Nov. 2nd"]),
    ("RETURNS DEC 15TH", ["DEC 15TH"]),
    ("admitted Dec 3-5, 2025 for pneumonia", ["Dec 3-5, 2025"]),
    ("born March '66", ["March '66"]),
    ("CABG Aug 2014, stents 2019", ["Aug 2014"]),
    # weekday before a date is a strong cue even for fraction-shaped pairs
    ("seen Friday, 3/4 in ED", ["3/4"]),
    ("expired on Saturday the 21st.", ["21st"]),
    ("admitted in February.", ["February"]),
    ("it's the 11th, she said", ["11th"]),
    # fraction-shaped pairs with a date cue or a clock time are dates
    ("fevers since 1/2, now afebrile", ["1/2"]),
    ("CT done 10/10 at 1400", ["10/10"]),
    ("mammogram on 11/03 at 10:15", ["11/03"]),
    ("Events:\n5/5 abx stopped, cultures neg", ["5/5"]),
    # day, month and year joined by hyphens, as record systems print them
    ("Date of service 4-Mar-2024; seen again", ["4-Mar-2024"]),
    ("ADMIT 04-MAR-24 DISCH 09-MAR-24", ["04-MAR-24", "09-MAR-24"]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_dates_are_found_with_exact_spans(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str, expected: list[str]
) -> None:
    assert find_spans(recognizers, text) == expected


NEGATIVES = [
    "hands edematous, head up on 1-2 pillows",
    "improved in 4/5 cases and in 2/3 of patients",  # shares of things counted
    "sats stable on 2-3, then weaned",  # a setting's range, its unit left out
    "from 3-5 days after the dose",
    "on 2-3 L nasal cannula",
    "co/ci/svr deteriorated to 3/2/1500 after captopril",
    # vitals, ratios, blood gases, scores
    "BP 120/80, HR 88",
    "BP 118/76",
    "ABG 7.40/35/64/22 on 40%",
    "5/5 strength in all extremities",
    "strength 5/5 bilaterally",
    "pain 3/10 after dose",
    "rates pain 6/10",
    "GCS 3/15 on arrival",
    "3/6 SEM at LUSB",
    "PS 10/5 with good sats",
    "CPAP 12/5, FiO2 40%",
    "weaned to 8/5 this am",
    "IMV 600x12, 50% 8/5",
    # fractions and doses
    "give 3/4 of the dose",
    "2/3",
    "reduce to 2/3",
    "take 1/2 tab bid",
    "D5 1/2 NS at 100cc/hr",
    "crackles 1/3 up bilaterally",
    "Lisinopril-HCTZ 10/12.5 mg daily",
    "Percocet 5/325 1 tab q6h",
    "open 24/7",
    "take 1 x3/day",
    "Hgb 10/5 mg",
    # times, versions, codes, spine levels
    "mammogram at 9:30",
    "arrived at 2130",
    "running version 2.4.1",
    "update to v10.2/3",
    "CPT 99214 billed",
    "ICD-10 J45.909 and E11.9",
    "L4/5 disc bulge",
    "see page 3/12 of the handout",
    "question 4/12 was skipped",
    "Works on Windows 10/11 machines",
    "titer 13/2019",
    # a year alone is not a date finding
    "Born in 1992",
    "CABG '92",
    "quit smoking in 2015",
    # ambiguous short month words used as words
    "rate dec 10 overnight",
    "pt may 2 walk",
    "MAY 3 NEED MORE LASIX",
    "the 3rd dose",
    # office events, not patients
    "The office is closed Nov 26-27, 2026 for Thanksgiving.",
    "Post the office hours: closed 7/3 and Jan 2, 2027; half day on Nov 25.",
    "Our new hire starts 09/14/2026. Plan her EHR training.",
    "staff meeting on 8/19 in the break room",
    "staff meeting on 3/4",
    "mandatory HIPAA training 10/21",
    "webinar on Oct 8 about billing",
    "Summarize the CDC's 2025-2026 flu vaccine schedule.",
    # calendar validity
    "ratio 2/30 noted",
    "DOB 13/40/1990",
    "1957-13-40",
    "31-Feb-2024 is no day",
    "stage 4-Mar-2 is no date",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_non_dates_are_not_found(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str
) -> None:
    assert find_spans(recognizers, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a patient cue nearer than the office cue keeps the date
        ("pt seen in the office on 8/19", ["8/19"]),
        ("office visit 8/19 for BP check", ["8/19"]),
        ("family meeting on 8/19 re goals of care", ["8/19"]),
        ("Schedule pt for follow-up on 9/3", ["9/3"]),
        # the office cue nearer than the patient cue drops it
        ("pt's daughter works here; staff meeting on 8/19", []),
    ],
)
def test_office_versus_patient_cues(
    recognizers: list[EntityRecognizer], find_spans: SpanFinder, text: str, expected: list[str]
) -> None:
    assert find_spans(recognizers, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Pt seen in the OFFICE 8/19; Staff Meeting 8/20 (Holiday party 12/18).",
        "from our office: closed 12/24, in the office 12/26, at offices 1/2, office-wide",
        "FAMILY MEETING 8/19 and PATIENT MEETING; conference call; In-Service 3/4",
        "Dr. İnce's staff meeting 8/19 after the pt visit",  # lower() lengthens 'İ'
        "d.o.b. 1/2/50, status  post CABG, f/u, follow-up, dc'd, D/C",
    ],
)
def test_fast_cue_search_finds_what_the_regex_patterns_find(text: str) -> None:
    from detectors.recognizers import _date_context as cues

    fast = cues.OfficeCues(text)
    assert fast._office == cues._spans(cues._OFFICE, text)
    assert fast._patient == cues._spans(cues._PATIENT, text)  # found when first needed


def test_results_carry_recognizer_metadata(recognizers: list[EntityRecognizer]) -> None:
    (result,) = recognizers[0].analyze("DOB 04/19/1957", [], None)
    assert result.entity_type == "DATE"
    assert result.score >= 0.9
    assert result.recognition_metadata["recognizer_name"] == "DateRecognizer"


def test_many_dates_stay_fast(recognizers: list[EntityRecognizer]) -> None:
    text = "seen 7/23 and Dec 4, " * 2000
    results = recognizers[0].analyze(text, [], None)
    assert len(results) == 4000


@pytest.mark.parametrize(
    ("word", "number"),
    [("Sept.", 9), ("DEC", 12), ("march", 3), ("May", 5), ("Smarch", None)],
)
def test_month_number(word: str, number: int | None) -> None:
    assert _calendar.month_number(word) == number


@pytest.mark.parametrize(
    ("month", "day", "year", "valid"),
    [
        (2, 29, 2024, True),
        (2, 29, 2023, False),
        (2, 29, None, True),
        (4, 31, None, False),
        (13, 1, None, False),
        (12, 31, 1999, True),
    ],
)
def test_is_valid_day(month: int, day: int, year: int | None, valid: bool) -> None:
    assert _calendar.is_valid_day(month, day, year) is valid


def test_day_first_needs_a_year() -> None:
    assert _calendar.month_day(23, 8, 1948) == (8, 23)
    assert _calendar.month_day(23, 8, None) is None
    assert _calendar.month_day(4, 9, None) == (4, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Kessler (DOB 04/19/1957) was seen today for gout.", ["04/19/1957"]),
        ("Reminder: her colonoscopy is on 11/03 at 10:15.", ["11/03"]),
        ("Our new hire starts 09/14/2026. Write her onboarding schedule.", []),
        ("Patient counts by month: strength 5/5, BP 130/85.", []),
    ],
)
def test_dates_through_the_scanner(scanner: Scanner, text: str, expected: list[str]) -> None:
    report = scanner.scan(text)
    found = [text[f.start : f.end] for f in report.findings if f.type == "DATE"]
    assert found == expected


def test_formats_matched_case_sensitively_hold_no_letters() -> None:
    """Case cannot matter to a digits-only format; a letter added to one would need (?i)."""
    import re

    from detectors.recognizers.dates import FORMATS

    sensitive = [f for f in FORMATS if not f.pattern.flags & re.IGNORECASE]
    assert {f.name for f in sensitive} == {"iso", "numeric", "glued_pairs", "month_slash_year"}
    for fmt in sensitive:
        bare = re.sub(r"\\[A-Za-z]|\(\?P[<=][a-z0-9]+>?", "", fmt.pattern.pattern)
        assert re.search(r"[A-Za-z]", bare) is None, fmt.name
