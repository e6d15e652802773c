"""Dates tied to a person (Safe Harbor C): DOB, admission, discharge, death, dates of care.

Formats: numeric (7/23, 07/23/2026, 7-23-26, 2026-07-23, 23/07/1962), month names
("March 3, 1966", "Mar 3", "3 March 1966", "20th Oct", "the 2nd of December",
"Dec. 3rd", "Nov 2016"), and a month or ordinal day after a date preposition
("in September", "on the 11th"), and the Spanish forms of `_spanish_dates` ("3 de
marzo de 1951", "marzo de 2026", day-first "el 17/06"). A year alone is not flagged:
HIPAA lets it stay.

Date-shaped text is everywhere in clinical writing that is not a date: ventilator
settings (PS 10/5), scores (pain 3/10, strength 5/5), fractions (1/2 NS, 3/4 of the
dose), blood gases (7.40/35/64/22), and office events (closed 12/24, staff meeting
on 3/4). Each format's judge (`_date_judges`) checks the calendar first, then the words around the
match (see `_date_context`), and returns a score or None. A full date with a year
counts even with a mistyped day ("2/31/14", month 1-12, day 1-31, year 1900-2099); a
dashed pair without a year ("on 7-8 for coiling") needs a date word right before it and
a word after it, or a day past 12 and a clause's end ("on 3-22, transferred").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._calendar import (
    MONTH_NAME,
)
from detectors.recognizers._date_context import OfficeCues, expiry_before
from detectors.recognizers._date_judges import (
    Judge,
    judge_glued,
    judge_iso,
    judge_month_slash_year,
    judge_month_year,
    judge_named,
    judge_numeric,
    judge_weak,
)
from detectors.recognizers._lead_matches import lead_positions
from detectors.recognizers._literals import holds_case_trap
from detectors.recognizers._spanish_dates import ES_DAY_MONTH, ES_MONTH_GATE, ES_MONTH_YEAR
from detectors.recognizers.base import own_result

ENTITY = "DATE"

# Not inside a longer number, decimal, ratio series, money or id ("7.40/35", "$10/5", "#4/10").
_NUM_BEFORE = r"(?<![\w/+$#@'])(?<!\d[.,:\-])"
# Not followed by more digits of a series, a decimal, a time or a percentage.
_NUM_AFTER = r"(?![\w/]|[.:\-]\d|\s?%)"
_ORD = r"(?:st|nd|rd|th)"
_PAIR = r"(?P<{a}>\d{{1,2}})(?P<{s}>[/\-.])(?P<{b}>\d{{1,2}})(?:(?P={s})(?P<{y}>\d{{4}}|\d{{2}}))?"
_RANGE_JOIN = r"\s?[-–]\s?"

NUMERIC = (
    _NUM_BEFORE
    + _PAIR.format(a="a", s="sep", b="b", y="y")
    + rf"(?:{_RANGE_JOIN}{_PAIR.format(a='a2', s='sep2', b='b2', y='y2')})?"
    + _NUM_AFTER
)
# Two month/day pairs written back to back: "10/03/10/04" (treatments on both days).
GLUED_PAIRS = _NUM_BEFORE + r"(?P<a>\d\d)/(?P<b>\d\d)/(?P<a2>\d\d)/(?P<b2>\d\d)" + _NUM_AFTER
# "5/2019": month and four-digit year.
MONTH_SLASH_YEAR = _NUM_BEFORE + r"(?P<a>\d{1,2})/(?P<y>(?:19|20)\d\d)" + _NUM_AFTER
ISO = _NUM_BEFORE + r"(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})"
ISO += _NUM_AFTER
_YEAR_AFTER = r"(?:,?\s{0,2}(?P<y>\d{4}|'\d\d)(?!\d))?"
MONTH_DAY = (
    rf"\b(?P<mon>{MONTH_NAME})\b(?P<dot>\.)?,?\s{{0,2}}(?P<d>\d{{1,2}})(?P<ord>{_ORD})?"
    rf"(?:\s?[-–]\s?\d{{1,2}}{_ORD}?)?\b{_YEAR_AFTER}(?![\w/]|[.,:]\d|\s?%)"
)
DAY_MONTH = (
    rf"(?<![\w/.:,\-])(?P<d>\d{{1,2}})(?P<ord>{_ORD})?(?:\s?[-–]\s?\d{{1,2}}{_ORD}?)?"
    rf"\s{{0,2}}(?:of\s+)?(?P<mon>{MONTH_NAME})\b(?P<dot>\.)?"
    rf"(?:,?\s{{0,2}}(?P<y>\d{{4}}|'\d\d)(?!\d)|,\s?(?P<y2>\d\d)\b(?![.:/]\d))?"
)
# Day, month and year joined by hyphens, as many record systems print them: "4-Mar-2024",
# "04-MAR-24". The year is required: "4-Mar" alone may be a range or a label.
DAY_MON_YEAR_DASHED = (
    rf"(?<![\w/.:,\-])(?P<d>\d{{1,2}})(?P<ord>)-(?P<mon>{MONTH_NAME})(?P<dot>)-"
    r"(?P<y>\d{4}|\d{2})(?![\w\-]|[.,]\d)"
)
MONTH_YEAR = rf"\b(?P<mon>{MONTH_NAME})\b\.?,?\s{{0,2}}(?:of\s+)?(?P<y>(?:19|20)\d\d|'\d\d)\b"
_FULL_MONTH = r"january|february|march|april|june|july|august|september|october|november|december"
MONTH_ALONE = (
    r"\b(?:in|since|during|until|till|through|early|late|mid-?|last|next|this)\s+"
    rf"(?P<value>(?:{_FULL_MONTH})\b|sept\b\.?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|satur|sun)day"
ORDINAL_DAY = (
    rf"\b(?:on|since|until|till|by|before|after|from|it'?s|is|{_WEEKDAY},?)\s+the\s+"
    rf"(?P<value>(?P<d>\d{{1,2}}){_ORD})\b(?!\s*(?:of\b|[a-z]))"
)


@dataclass(frozen=True)
class DateFormat:
    """One date format: its compiled pattern and the judge that scores a match.

    `gate`, when set, is a cheap standard-library pattern every match contains, searched
    in the lower-cased text: a text without it skips the format (most texts name no
    month, and each month-name format costs ~1 ms per 20 KB).
    """

    name: str
    pattern: regex.Pattern[str]
    judge: Judge
    gate: re.Pattern[str] | None = None


def _format(
    name: str, pattern: str, judge: Judge, gate: re.Pattern[str] | None = None
) -> DateFormat:
    return DateFormat(name, regex.compile(pattern, regex.IGNORECASE), judge, gate)


def _digits_format(name: str, pattern: str, judge: Judge) -> DateFormat:
    """A format of digits and separators only: case cannot matter, and regex matches
    case-sensitively ~1.5x faster."""
    return DateFormat(name, regex.compile(pattern), judge)


_MONTH_GATE = re.compile(r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# "\bthe ..." with the word boundary checked after "the" ("the" not after a word
# character): a leading \b hides the literal from re, which then tries every position
# (~20 ms per MB), where it now looks for "the" first.
_ORDINAL_GATE = re.compile(r"the(?<!\wthe)\s+\d{1,2}(?:st|nd|rd|th)\b")
# Every month format needs a whole month name, after an ordinal at most ("20thOct"):
# "Maria" or "decreased" open the month gate but not this one.
_MONTH_WORD = re.compile(rf"(?<![a-z])(?:st|nd|rd|th)?{MONTH_NAME}(?![a-z])")
# The same question asked where a month can start (every name starts with one of
# these): re would try the pattern above at every position, ~0.7 ms per 20 KB.
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_AT = re.compile(rf"{MONTH_NAME}(?![a-z])")
_ORDINALS = ("st", "nd", "rd", "th")
_ES_MONTH_GATE = re.compile(ES_MONTH_GATE)

FORMATS: tuple[DateFormat, ...] = (
    _digits_format("iso", ISO, judge_iso),
    _digits_format("numeric", NUMERIC, judge_numeric),
    _digits_format("glued_pairs", GLUED_PAIRS, judge_glued),
    _digits_format("month_slash_year", MONTH_SLASH_YEAR, judge_month_slash_year),
    _format("month_day", MONTH_DAY, judge_named, _MONTH_GATE),
    _format("day_month", DAY_MONTH, judge_named, _MONTH_GATE),
    _format("day_mon_year_dashed", DAY_MON_YEAR_DASHED, judge_named, _MONTH_GATE),
    _format("month_year", MONTH_YEAR, judge_month_year, _MONTH_GATE),
    _format("month_alone", MONTH_ALONE, judge_weak, _MONTH_GATE),
    _format("ordinal_day", ORDINAL_DAY, judge_weak, _ORDINAL_GATE),
    _format("es_day_month", ES_DAY_MONTH, judge_named, _ES_MONTH_GATE),
    _format("es_month_year", ES_MONTH_YEAR, judge_month_year, _ES_MONTH_GATE),
)


_GATES = frozenset(f.gate for f in FORMATS if f.gate is not None)


def _month_word(text: str, lowered: str) -> bool:
    """False when no month name stands as a word: then no month format can match.

    A case trap (a letter matched with an ASCII one that str.lower() keeps apart)
    could hide a month name from the lower-cased text: then the formats run.
    """
    if holds_case_trap(text):
        return True
    starts = lead_positions(lowered, _MONTH_STARTS, len(lowered))
    return any(_month_word_at(lowered, start) for start in starts or ())


def _month_word_at(lowered: str, start: int) -> bool:
    """True where _MONTH_WORD matches with its month name at `start`.

    Where a word starts is asked before the pattern: most occurrences of the month
    letters are inside words ("doctor", "summary").
    """
    ordinal_before = (
        lowered[start - 2 : start] in _ORDINALS and start >= 2 and _word_start(lowered, start - 2)
    )
    if not (_word_start(lowered, start) or ordinal_before):
        return False
    return _MONTH_AT.match(lowered, start) is not None


def _word_start(lowered: str, index: int) -> bool:
    return index == 0 or not "a" <= lowered[index - 1] <= "z"


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    score: float


class DateRecognizer(EntityRecognizer):
    """Finds dates of care and birth; skips ratios, scores, doses and office events."""

    recognizer_name = "DateRecognizer"

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[ENTITY], name=self.recognizer_name, supported_language="en"
        )

    def load(self) -> None:
        """Patterns compile at import; nothing to load."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        cues = OfficeCues(text)
        lowered = text.lower()
        # The month formats need a month word as well as their gate: asked first, the
        # word is usually absent, and then the gate is not searched. Each gate leads
        # with literals re looks for at C speed: a plain search beats gate_search's
        # walk over every occurrence of a lead ("the", "mar").
        shut = set() if _month_word(text, lowered) else {_MONTH_GATE}
        open_gates = {gate for gate in _GATES - shut if gate.search(lowered)}
        formats = [f for f in FORMATS if f.gate is None or f.gate in open_gates]
        candidates = [c for fmt in formats for c in _candidates(text, fmt, cues)]
        return [self._result(c) for c in _longest_first(candidates)]

    def _result(self, candidate: _Candidate) -> RecognizerResult:
        return own_result(self, ENTITY, candidate.start, candidate.end, candidate.score)


def _candidates(text: str, fmt: DateFormat, cues: OfficeCues) -> list[_Candidate]:
    found: list[_Candidate] = []
    for match in fmt.pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
        score = fmt.judge(text, match)
        if score is None:
            continue
        start, end = match.span("value") if "value" in fmt.pattern.groupindex else match.span()
        if cues.is_office_event(start, end) or expiry_before(text, start):
            continue
        found.append(_Candidate(start, end, score))
    return found


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates ("Dec 24-25, 2026" over "Dec 24").

    One sweep in start order, so a text full of dates stays linear.
    """
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, c.start - c.end, -c.score)):
        if kept and cand.start < kept[-1].end:
            if cand.end - cand.start > kept[-1].end - kept[-1].start:
                kept[-1] = cand
            continue
        kept.append(cand)
    return kept


def build() -> list[EntityRecognizer]:
    return [DateRecognizer()]
