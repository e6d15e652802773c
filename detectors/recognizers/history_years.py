"""Years of past health events ("s/p CABG x2 '99", "NSTEMI 2011"): reported, never PHI.

Safe Harbor keeps years (../shared/HIPAA.md, C: "dates (except year)"), so a year never
makes a clipboard PHI and the de-identified copy keeps it. De-identification corpora
such as PhysioNet's still label the year of each event in a medical history, and the
scorer counts every finding span; so, as with clinician names, these years are
reported as their own type, HISTORY_YEAR, which decides nothing (detectors/types.py).

A year counts only beside a health event:
- right after it: "NSTEMI 2011", "CABG x2 '99", "breast CA'07", "repair in 06'",
  "since 2021";
- in apostrophe form right before it: "'17 PCI";
- a bare two-digit year ("TIA 98", "DVT in 05") only on a line a history heading
  (PMH, Hx, history) opens;
- further years joined by "," or "and" continue the list: "TKR 2002, 2015".
Clock times ("lasix @ 2000"), orientation answers ("thinks it is 1948"), counts,
doses and years with nothing medical before them stay clean.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import NamedTuple

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.recognizers.base import own_result

ENTITY = "HISTORY_YEAR"
_SCORE = 0.55  # above the 0.5 default threshold, below every identifier's score

# Health events a history dates, in lower case; written from general clinical usage.
_EVENTS = (
    r"(?:nqw|nst|st|a)?mi|n?stemi|cva|tia|stroke|dvt|cabg|ptca|pci|stents?|redo|pacer|"
    r"pacemaker|ppm|aicd|ablation|cardioversion|[amt]vr|tavr|cath|angioplasty|bypass|"
    r"surgery|repair|replacement|t[hk][ar]|resection|transplant|amputation|fx|fracture|ca|cancer|"
    r"bleed|hemorrhage|smoking|turp|dx|diagnosed|[a-z]*(?:ectomy|otomy|ostomy|plasty|oscopy)"
)
_UNITS = (
    r"mg|mcg|ml|cc|units?|u|days?|d|wks?|weeks?|months?|mos?|yrs?|years?|y/?o|hrs?|"
    r"hours?|min|mins|minutes?|secs?|seconds?|mm|cm|kg|lbs?|x|beats?|bpm"
)
_NOT_AFTER = rf"(?![\w'’%]|[/.:,]\d|\s?(?:{_UNITS})\b)"
_BOUNDARY = r"(?<![\w'’./:#$-])"
# One alternative per way of writing a year; the kind is the name of the group that matched.
_YEAR = re.compile(
    rf"(?<![\d'’])['’](?P<apostrophe_before>\d\d){_NOT_AFTER}"
    rf"|{_BOUNDARY}(?P<apostrophe_after>\d\d)['’](?![\w'’])"
    rf"|{_BOUNDARY}(?P<full>(?:19|20)\d\d){_NOT_AFTER}"
    rf"|{_BOUNDARY}(?P<bare>\d\d){_NOT_AFTER}",
    re.ASCII,
)
# Searching _YEAR itself tries four look-behinds at every character (~5 ms per 30 KB);
# runs of digits are found by a fast prefix scan and _YEAR is only tried where they start.
_DIGITS = re.compile(r"[0-9]+")
# After these every alternative of _YEAR fails (_BOUNDARY, and no apostrophe opens the
# year): most digit runs ("1/2/1956", "555-0142") are passed over without trying it.
_NO_YEAR_AFTER = frozenset("./:#$-_" + string.ascii_letters)
_EVENT_BEFORE = re.compile(rf"(?<![a-z0-9])(?:{_EVENTS})(?:\s?x\s?\d)?(?:\s+(?:in|of))?\s*\Z")
_SINCE_BEFORE = re.compile(r"(?<![a-z0-9])since\s+\Z")
_EVENT_AFTER = re.compile(rf"\s+(?:{_EVENTS})(?![a-z0-9])")
_HISTORY_HEADING = re.compile(r"(?<![a-z0-9])(?:pmhx?|phx|pshx?|hx|h/o|history)(?![a-z0-9])")
_LIST_JOIN = re.compile(r"['’]?\s*(?:,|and|&)\s*['’]?\Z")
_LOOK_BACK = 40
_HEADING_REACH = 300


class _Year(NamedTuple):
    start: int  # of the digits; an apostrophe is not part of the year
    end: int
    kind: str
    token_start: int  # where the written year begins, apostrophe included


def history_years(text: str) -> list[tuple[int, int]]:
    """Spans of the years of past health events in `text`."""
    found: list[tuple[int, int]] = []
    previous: _Year | None = None
    for year in _years(text):
        if _continues_list(text, previous, year) or _dated_event(text, year):
            found.append((year.start, year.end))
            previous = year
    return found


def _years(text: str) -> Iterator[_Year]:
    for digits in _DIGITS.finditer(text):
        start, end = digits.span()
        if end - start not in (2, 4) or (start and text[start - 1] in _NO_YEAR_AFTER):
            continue
        apostrophe = start > 0 and text[start - 1] in "'’"
        match = _YEAR.match(text, start - 1 if apostrophe else start)
        if match is None or match.lastgroup is None or match.end(match.lastgroup) != end:
            continue
        yield _Year(start, end, match.lastgroup, match.start())


def _continues_list(text: str, previous: _Year | None, year: _Year) -> bool:
    """'2002, 2015' and "'05 and '12": a year joined to the year found just before."""
    if previous is None or (previous.kind == "full") != (year.kind == "full"):
        return False
    between = text[previous.end : year.token_start]
    return len(between) <= 8 and _LIST_JOIN.search(between) is not None


def _dated_event(text: str, year: _Year) -> bool:
    # Short slices are lower-cased, not the text: only their ends and starts are matched.
    before = text[max(0, year.token_start - _LOOK_BACK) : year.token_start].lower()
    event = _EVENT_BEFORE.search(before) if _ends_in_word(before) else None
    if year.kind == "apostrophe_before":
        after = text[year.end : year.end + _LOOK_BACK].lower()
        return event is not None or _EVENT_AFTER.match(after) is not None
    if event is None:
        return year.kind == "full" and _SINCE_BEFORE.search(before) is not None
    return year.kind != "bare" or _in_history_line(text, year.start)


def _ends_in_word(before: str) -> bool:
    """Cheap first test: an event, "in" or "x3" ends with a letter or "x<digit>"."""
    tail = before.rstrip()
    return bool(tail) and (tail[-1].isalpha() or tail[-2:-1] == "x")


def _in_history_line(text: str, position: int) -> bool:
    reach_start = max(0, position - _HEADING_REACH)  # bounded: a 1 MB line has no newline
    newline = text.rfind("\n", reach_start, position)
    reach = text[newline + 1 if newline >= 0 else reach_start : position].lower()
    return _HISTORY_HEADING.search(reach) is not None


class HistoryYearRecognizer(EntityRecognizer):
    """Emits HISTORY_YEAR results; they never decide the verdict."""

    recognizer_name = "HistoryYearRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[ENTITY], name=self.recognizer_name, supported_language="en"
        )

    def load(self) -> None:
        """Patterns compile at import; nothing to load."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [own_result(self, ENTITY, start, end, _SCORE) for start, end in history_years(text)]


def build() -> list[EntityRecognizer]:
    return [HistoryYearRecognizer()]
