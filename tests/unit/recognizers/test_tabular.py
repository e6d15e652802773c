"""Pasted tables: a header row types the cells below it. Values are invented."""

from __future__ import annotations

import pytest

from detectors.recognizers import tabular
from detectors.recognizers.tabular import build, header_types, split_cells, table_cells
from detectors.scanner import Scanner

CSV = (
    "Last,First,DOB,MRN,Zip\n"
    "Ashgrove,Wendell,03/14/1961,4471203,21230\n"
    '"Varga, Jr",Ellis,1958-11-02,5520193,N/A\n'
    "kell,dana,7/4/49,6630418,02139\n"
)


def _typed(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], code) for s, e, code in table_cells(text)]


def test_csv_header_types_every_cell_of_three_rows() -> None:
    assert _typed(CSV) == [
        ("Ashgrove", "NAME"),
        ("Wendell", "NAME"),
        ("03/14/1961", "DATE"),
        ("4471203", "MRN"),
        ("21230", "ZIP"),
        ("Varga, Jr", "NAME"),
        ("Ellis", "NAME"),
        ("1958-11-02", "DATE"),
        ("5520193", "MRN"),  # "N/A" is no ZIP
        ("kell", "NAME"),
        ("dana", "NAME"),
        ("7/4/49", "DATE"),
        ("6630418", "MRN"),
        ("02139", "ZIP"),
    ]


def test_tsv_and_pipes_with_other_headings() -> None:
    tsv = "Patient Name\tDate of Birth\tPhone\nOrla Penhallow\t1972-05-30\t410 555 0199\n"
    assert _typed(tsv) == [
        ("Orla Penhallow", "NAME"),
        ("1972-05-30", "DATE"),
        ("410 555 0199", "PHONE"),
    ]
    piped = "| pt name | visit | city |\n| quill marrow | 4/2 | Brindlewood |\n"
    assert [code for _, code in _typed(piped)] == ["NAME", "DATE", "LOCATION"]


def test_a_schedule_types_the_patient_and_the_clinician_column() -> None:
    schedule = (
        "Time\tPatient\tReason\tProvider\n"
        "9:00\tQuorvan, Aldis\tf/u HTN\tDr. Pellworth\n"
        "9:20\tMina Peltry\tnew pt\tNP Rosslyn\n"
    )
    assert _typed(schedule) == [
        ("Quorvan, Aldis", "NAME"),
        ("Pellworth", "PROVIDER_NAME"),  # the title stays in the copy
        ("Mina Peltry", "NAME"),
        ("Rosslyn", "PROVIDER_NAME"),
    ]


def test_rows_end_at_a_blank_line_or_a_different_shape() -> None:
    text = "Last,First,DOB\nAshgrove,Wendell,3/14/61\n\nnot,a,row\nTotal: 1\n"
    assert _typed(text) == [("Ashgrove", "NAME"), ("Wendell", "NAME"), ("3/14/61", "DATE")]


@pytest.mark.parametrize(
    "text",
    [
        "Date,Item,Amount\n11/04/2026,toner,$84\n11/05/2026,paper,$22\n",  # office sheet
        "City,State,Count\nBrindlewood,MD,4\n",  # no heading about a person
        "Name\nAshgrove\n",  # one column is no table
        "Last,First,DOB,MRN\n",  # a header with no rows
        "Dose,Route,Frequency\n5 mg,PO,daily\n",
        # names, phones and e-mails alone: a staff list, not a patient table
        "Name,Shift,Phone\nAlma Rowe,AM,410-555-0100\nJo Penn,PM,410-555-0101\n",
        "Last,First,Email\nRowe,Alma,arowe@example.org\n",
        # a staff roster: clinicians and names, no patient heading
        "Name\tProvider\tShift\nAlma Rowe\tDr. Penn\tAM\n",
    ],
)
def test_no_cells_without_a_patient_table(text: str) -> None:
    assert _typed(text) == []


def test_headings_are_compared_without_case_or_punctuation() -> None:
    text = "DATE_OF_BIRTH, Last-Name ,E-Mail"
    cells = split_cells(text, 0, len(text), ",")
    assert [text[s:e] for s, e in cells] == ["DATE_OF_BIRTH", "Last-Name", "E-Mail"]
    assert header_types(text, cells) == ["DATE", "NAME", "EMAIL"]


def test_recognizer_reports_at_a_scanner_visible_score() -> None:
    results = build()[0].analyze(CSV, [])
    assert len(results) == 14 and all(r.score >= 0.5 for r in results)


def test_scanner_flags_the_table_and_redacts_every_cell(scanner: Scanner) -> None:
    report = scanner.scan(CSV)
    assert report.phi is True
    covered = {(f.start, f.end) for f in report.findings}
    for start, end, _ in table_cells(CSV):
        assert any(s <= start and end <= e for s, e in covered)


@pytest.mark.parametrize(
    ("line", "delimiter"),
    [
        ("Pt Dmitri Nakamura, DOB 06/06/1995, MRN 5291721, seen 06/23/2023 for pneumonia", ","),
        ("Last,First,DOB,MRN", ","),
        (" Name | Date of birth |  ", "|"),
        ("Name\tan unusually long heading that runs past forty characters\tDOB", "\t"),
        ('Name,"Smith, Jo, a quoted cell long enough to pass forty chars",DOB', ","),
    ],
)
def test_the_long_cell_shortcut_agrees_with_the_cell_split(line: str, delimiter: str) -> None:
    cells = split_cells(line, 0, len(line), delimiter)
    too_long = any(end - start > tabular.MAX_HEADING_CHARS for start, end in cells)
    if '"' not in line:
        assert tabular._long_cell(line, delimiter) is too_long
    else:
        assert tabular._long_cell(line, delimiter) is False  # quoted lines are split


@pytest.mark.parametrize("text", ["", "\n", "a\n\nbc\n", "one line", "\n\nx"])
def test_line_spans_cover_each_line_without_its_newline(text: str) -> None:
    spans = tabular._lines(text)
    assert [text[start:end] for start, end in spans] == text.split("\n")
    assert all(end == len(text) or text[end] == "\n" for _, end in spans)
