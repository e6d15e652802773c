"""Pasted tables (CSV, TSV, pipes): a header row types every cell below it.

"Last,First,DOB,MRN" above rows of values says what each value is, with no other
cue: the cells under "Last" are names, under "DOB" dates. A header is a line split by
tabs, commas or pipes with at least two cells, at least one a heading about a patient
(_table_columns.PATIENT_HEADINGS: a staff list of names and phones is no patient
table); general headings ("date", "id", "city") count only beside a personal one.
The rows below, up to a blank line or a line with a different number of cells, are
typed cell by cell. Empty and placeholder cells ("N/A", "-", "unknown")
are skipped. Quoted cells are unquoted; the span is the value inside the quotes.
"""

from __future__ import annotations

import re
from itertools import accumulate
from operator import add

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._table_columns import (
    GENERAL_COLUMNS,
    PATIENT_HEADINGS,
    PERSON_COLUMNS,
    PLACE_COLUMNS,
    heading_key,
)
from detectors.recognizers.base import own_result

SCORE = 0.85
MAX_HEADING_CHARS = 40
MAX_HEADER_LINE_CHARS = 600  # longer lines are prose, not a header row
ENTITIES = sorted({*PERSON_COLUMNS.values(), *GENERAL_COLUMNS.values(), "LOCATION"})
_PLACEHOLDERS = frozenset({"", "n/a", "na", "-", "--", "none", "null", "unknown", "?", "x"})
# A cell: a quoted field ("Smith, Jo") or anything up to the next delimiter.
_CELL = {d: regex.compile(rf'\s*"(?:[^"]|"")*"\s*|[^{d}\n]*') for d in ("\t", ",", "|")}

Cell = tuple[int, int]  # start, end of the value (quotes and spaces trimmed)


def split_cells(text: str, start: int, end: int, delimiter: str) -> list[Cell]:
    """The cells of text[start:end] split at `delimiter` (quotes respected), trimmed."""
    cells, position, pattern = [], start, _CELL[delimiter]
    while True:
        match = pattern.match(text, position, end, timeout=REGEX_TIMEOUT_SECONDS)
        cell_start, cell_end = _trim(text, position, match.end() if match else position)
        cells.append((cell_start, cell_end))
        position = match.end() if match else position
        if position >= end or text[position] != delimiter:
            return cells
        position += 1


def _trim(text: str, start: int, end: int) -> Cell:
    while start < end and text[start] in ' "\t\r':
        start += 1
    while end > start and text[end - 1] in ' "\t\r':
        end -= 1
    return start, end


def header_types(text: str, cells: list[Cell]) -> list[str | None] | None:
    """The type of each column, or None when the cells are no header of a patient table."""
    if len(cells) < 2 or any(e - s > MAX_HEADING_CHARS for s, e in cells):
        return None  # checked first: most lines reaching here are prose with long cells
    keys = [heading_key(text[s:e]) for s, e in cells]
    if not any(k in PATIENT_HEADINGS for k in keys):
        return None  # names, phones, e-mails alone: a staff list, not a patient table
    personal = [PERSON_COLUMNS.get(k) for k in keys]
    typed = [
        p or GENERAL_COLUMNS.get(k) or PLACE_COLUMNS.get(k)
        for p, k in zip(personal, keys, strict=True)
    ]
    return typed if sum(t is not None for t in typed) >= 2 else None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without its newline (made at C speed: a 20 KB chunk
    has a few hundred lines)."""
    lengths = list(map(len, text.split("\n")))
    starts = [0, *accumulate(map((1).__add__, lengths[:-1]))]
    return list(zip(starts, map(add, starts, lengths), strict=True))


# Any personal heading as a word, separators loose ("date_of_birth"): a line without
# one is no header, and most lines are skipped before they are split into cells.
_ANY_PERSON_HEADING = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(k.replace(" ", "[^a-z0-9]+") for k in sorted(PERSON_COLUMNS, key=len, reverse=True))
    + r")(?![a-z0-9])"
)


def _delimiter(text: str, start: int, end: int) -> str | None:
    """The line's cell delimiter when it may be a header (it holds a personal heading)."""
    line = text[start:end]
    if "\t" in line:  # the first of tab, bar and comma the line holds
        found = "\t"
    elif "|" in line:
        found = "|"
    elif "," in line:
        found = ","
    else:
        return None
    return found if _ANY_PERSON_HEADING.search(line.lower()) else None


def _long_cell(line: str, delimiter: str) -> bool:
    """True when a line without quotes has a cell too long to be a heading.

    Without quotes its cells are the pieces between delimiters (split_cells), so a prose
    line with a comma is ruled out without splitting it cell by cell (~18 µs a line).
    """
    if '"' in line:
        return False
    return any(len(cell.strip(' "\t\r')) > MAX_HEADING_CHARS for cell in line.split(delimiter))


def table_cells(text: str) -> list[tuple[int, int, str]]:
    """(start, end, type) of every typed cell under every header row in `text`."""
    found: list[tuple[int, int, str]] = []
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, end = lines[i]
        delimiter = _delimiter(text, start, end) if end - start <= MAX_HEADER_LINE_CHARS else None
        if delimiter and _long_cell(text[start:end], delimiter):
            delimiter = None  # no header: as header_types would find, without the split
        types = header_types(text, split_cells(text, start, end, delimiter)) if delimiter else None
        i += 1
        if types is None or delimiter is None:
            continue
        while i < len(lines):
            row = split_cells(text, *lines[i], delimiter)
            if len(row) != len(types) or lines[i][0] == lines[i][1]:
                break
            found.extend(_typed_cells(text, row, types))
            i += 1
    return found


def _typed_cells(text: str, row: list[Cell], types: list[str | None]) -> list[tuple[int, int, str]]:
    return [
        (_after_title(text, s, e) if code == "PROVIDER_NAME" else s, e, code)
        for (s, e), code in zip(row, types, strict=True)
        if code is not None and text[s:e].lower() not in _PLACEHOLDERS
    ]


# A clinician's title or role before the name in a provider cell ("Dr. Pell", "NP Ross").
_TITLE = re.compile(r"(?:dr|doctor|np|pa|pa-c|rn|md|do)\.?[ \t]+(?=\S)", re.IGNORECASE)


def _after_title(text: str, start: int, end: int) -> int:
    match = _TITLE.match(text, start, end)
    return match.end() if match else start


class TableRecognizer(EntityRecognizer):
    """Emits the cells a table's header row types (NAME, DATE, MRN, ZIP …)."""

    recognizer_name = "TableRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=ENTITIES, name=self.recognizer_name, supported_language="en"
        )

    def load(self) -> None:
        """Nothing to load: the headings are Python data."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if "\n" not in text:
            return []
        return [own_result(self, code, start, end, SCORE) for start, end, code in table_cells(text)]


def build() -> list[EntityRecognizer]:
    return [TableRecognizer()]
