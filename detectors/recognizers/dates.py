"""Dates tied to a person (Safe Harbor C): DOB, admission, discharge, death, dates of care.

Formats: numeric (7/23, 07/23/2026, 7-23-26, 2026-07-23, 23/07/1962), month names
("March 3, 1966", "Mar 3", "3 March 1966", "20th Oct", "the 2nd of December",
"Dec. 3rd", "Nov 2016"), and a month or ordinal day after a date preposition
("in September", "on the 11th"). A year alone is not flagged: HIPAA lets it stay.

Date-shaped text is everywhere in clinical writing that is not a date: ventilator
settings (PS 10/5), scores (pain 3/10, strength 5/5), fractions (1/2 NS, 3/4 of the
dose), blood gases (7.40/35/64/22), and office events (closed 12/24, staff meeting
on 3/4). Each format's judge checks the calendar first, then the words around the
match (see `_date_context`), and returns a score or None. A full date with a year
counts even with a mistyped day ("2/31/14", month 1-12, day 1-31, year 1900-2099); a
dashed pair without a year ("on 7-8 for coiling") needs a date word right before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._calendar import (
    AMBIGUOUS_MONTHS,
    MONTH_NAME,
    full_year,
    is_valid_day,
    month_day,
    month_number,
)
from detectors.recognizers._date_context import (
    OfficeCues,
    alternative_day_after,
    dated_entry,
    drug_before,
    expiry_before,
    measurement_before,
    preposition_right_before,
    strong_date_cue_before,
    time_follows,
    unit_follows,
)
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
    rf"(?:\s?[-–]\s?\d{{1,2}}{_ORD}?)?\b{_YEAR_AFTER}(?![\w:/]|[.,]\d|\s?%)"
)
DAY_MONTH = (
    rf"(?<![\w/.:,\-])(?P<d>\d{{1,2}})(?P<ord>{_ORD})?(?:\s?[-–]\s?\d{{1,2}}{_ORD}?)?"
    rf"\s{{0,2}}(?:of\s+)?(?P<mon>{MONTH_NAME})\b(?P<dot>\.)?"
    rf"(?:,?\s{{0,2}}(?P<y>\d{{4}}|'\d\d)(?!\d)|,\s?(?P<y2>\d\d)\b(?![.:/]\d))?"
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

_FULL_DATE_SCORE = 0.95
_NAMED_SCORE = 0.85
_MONTH_YEAR_SCORE = 0.8
_PAIR_SCORE = 0.7
_WEAK_SCORE = 0.6

Judge = Callable[[str, "regex.Match[str]"], float | None]


def _int(match: regex.Match[str], group: str) -> int | None:
    value = match.group(group) if group in match.re.groupindex else None
    return int(value) if value else None


def _year(match: regex.Match[str], group: str = "y") -> int | None:
    raw = match.group(group) if group in match.re.groupindex else None
    if not raw:
        return None
    digits = raw.lstrip("'")
    return full_year(int(digits), len(digits))


def _numeric_part_ok(match: regex.Match[str], suffix: str) -> tuple[bool, bool]:
    """(valid, has_year) for one month/day(/year) pair of a numeric match."""
    first, second = _int(match, "a" + suffix), _int(match, "b" + suffix)
    if first is None or second is None:
        return False, False
    year = _year(match, "y" + suffix)
    sep = match.group("sep" + suffix)
    year_raw = match.group("y" + suffix) or ""
    # "3-5" and "1.5" are ranges and decimals; dashes need a year (or a cue, see
    # judge_numeric), dots a 4-digit year.
    if sep == "." and len(year_raw) != 4:
        return False, False
    if year is None and sep == "/" and _is_month_year(first, match.group("b" + suffix)):
        return True, False
    if year is not None and 1900 <= year <= 2099 and 1 <= first <= 12 and 1 <= second <= 31:
        return True, True  # a full date with a mistyped day ("2/31/14") is still a date
    return month_day(first, second, year) is not None, year is not None


def _is_month_year(first: int, second: str) -> bool:
    """Month and two-digit year ("8/87"): no day of a month is 32 or more."""
    return 1 <= first <= 12 and len(second) == 2 and int(second) >= 32


def _fraction_like(first: int, second: int) -> bool:
    """Pairs that are more often a fraction, grade or score than a date (1/2, 5/5, 3/10)."""
    if first < second and second in (2, 3, 4):
        return True
    return second == 10 or first == second


def judge_numeric(text: str, match: regex.Match[str]) -> float | None:
    """Month-first numeric dates and ranges; the context decides for pairs without a year."""
    valid, has_year = _numeric_part_ok(match, "")
    if not valid:
        return None
    if match.group("a2") is not None:
        valid2, has_year2 = _numeric_part_ok(match, "2")
        if not valid2:
            return None
        has_year = has_year or has_year2
    if has_year:
        return _FULL_DATE_SCORE
    if "-" in (match.group("sep"), match.group("sep2")):
        return _dashed_pair_score(text, match)
    return _bare_pair_score(text, match)


# "OR on 7-8 for coiling", "BC FROM 3-5 GREW": a dashed month-day needs a date word
# right before it and a word after it, or it is a range ("2-3 L", "from 3-5 days").
_DASH_CUE_BEFORE = regex.compile(r"(?<![a-z])(?:on|from|since|until|s/p|dated)\s{1,2}$", regex.I)
# A plural after the pair counts things: "on 1-2 pillows", "from 3-5 times".
_WORD_AFTER_RANGE = regex.compile(r"\s{1,2}(?![a-z]{3,}s\b)[a-z]{3,}\b", regex.IGNORECASE)


def _dashed_pair_score(text: str, match: regex.Match[str]) -> float | None:
    start, end = match.span()
    if match.group("a2") is not None or unit_follows(text, end):
        return None
    cued = _DASH_CUE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    worded = _WORD_AFTER_RANGE.match(text, end) is not None
    return _WEAK_SCORE if cued and worded else None


def _bare_pair_score(text: str, match: regex.Match[str]) -> float | None:
    """Score a month/day pair with no year: reject settings, scores, fractions and doses."""
    start, end = match.span()
    if unit_follows(text, end):
        return None
    timed = time_follows(text, end)
    if not timed and measurement_before(text, start):
        return None
    first, second = int(match.group("a")), int(match.group("b"))
    if second >= 32 and drug_before(text, start) and not strong_date_cue_before(text, start):
        return None  # "dextrose 5/50", "Norco 10/40": a dose ratio, not May 1950
    dated = strong_date_cue_before(text, start) or dated_entry(text, start, end)
    # "on 1/2, found by son", "3/4 or 3/5": a day, not a fraction ("on 2/3 of" is a unit);
    # "on 5/5" stays a setting (pressure support over PEEP).
    cued = preposition_right_before(text, start) or alternative_day_after(text, end)
    dated = dated or (cued and first != second)
    if _fraction_like(first, second) and not dated:
        # "1/2", "5/5", "3/10": a clock time after still makes it a date ("9/9 at 1900").
        return _WEAK_SCORE if timed and not measurement_before(text, start) else None
    return _PAIR_SCORE


def judge_glued(text: str, match: regex.Match[str]) -> float | None:
    """Two month/day pairs back to back; both must be real days."""
    pairs = [(int(match.group("a")), int(match.group("b")))]
    pairs.append((int(match.group("a2")), int(match.group("b2"))))
    if not all(is_valid_day(m, d) for m, d in pairs):
        return None
    return None if measurement_before(text, match.start()) else _PAIR_SCORE


def judge_iso(text: str, match: regex.Match[str]) -> float | None:
    """YYYY-MM-DD (and / or . separators); the calendar is the only check needed."""
    year = int(match.group("y"))
    ok = is_valid_day(int(match.group("a")), int(match.group("b")), year)
    return _FULL_DATE_SCORE if ok else None


def judge_month_slash_year(text: str, match: regex.Match[str]) -> float | None:
    """Month and four-digit year ("5/2019"); only the month needs checking."""
    return _MONTH_YEAR_SCORE if 1 <= int(match.group("a")) <= 12 else None


def judge_named(text: str, match: regex.Match[str]) -> float | None:
    """Month name with a day ("Mar 3", "3rd of March", "20th Oct, 1989")."""
    month = month_number(match.group("mon"))
    day = _int(match, "d")
    if month is None or day is None:
        return None
    year = _year(match) or _year(match, "y2")
    if not is_valid_day(month, day, year):
        return None
    if not _named_month_trusted(match, year is not None):
        return None
    if year is None and unit_follows(text, match.end()):
        return None
    return _FULL_DATE_SCORE if year is not None else _NAMED_SCORE


def _named_month_trusted(match: regex.Match[str], has_year: bool) -> bool:
    """Short names that are also words need more evidence ("dec 10" = "decreased 10")."""
    word = match.group("mon")
    if word.lower() not in AMBIGUOUS_MONTHS:
        return True
    title_case = word[0].isupper() and word[1:].islower()
    return has_year or title_case or bool(match.group("ord")) or bool(match.group("dot"))


def judge_month_year(text: str, match: regex.Match[str]) -> float | None:
    """Month and year ("Nov 2016", "March of 2019"); "may 2019" needs a capital M."""
    word = match.group("mon")
    if word.lower() == "may" and not word[0].isupper():
        return None
    return _MONTH_YEAR_SCORE


def judge_weak(text: str, match: regex.Match[str]) -> float | None:
    """A month alone after a preposition, or an ordinal day ("on the 11th")."""
    day = _int(match, "d")
    if day is not None and not 1 <= day <= 31:
        return None
    return _WEAK_SCORE


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


def _format(name: str, pattern: str, judge: Judge, gate: str | None = None) -> DateFormat:
    compiled_gate = re.compile(gate) if gate else None
    return DateFormat(name, regex.compile(pattern, regex.IGNORECASE), judge, compiled_gate)


_MONTH_GATE = r"(?<![a-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_ORDINAL_GATE = r"\bthe\s+\d{1,2}(?:st|nd|rd|th)\b"

FORMATS: tuple[DateFormat, ...] = (
    _format("iso", ISO, judge_iso),
    _format("numeric", NUMERIC, judge_numeric),
    _format("glued_pairs", GLUED_PAIRS, judge_glued),
    _format("month_slash_year", MONTH_SLASH_YEAR, judge_month_slash_year),
    _format("month_day", MONTH_DAY, judge_named, _MONTH_GATE),
    _format("day_month", DAY_MONTH, judge_named, _MONTH_GATE),
    _format("month_year", MONTH_YEAR, judge_month_year, _MONTH_GATE),
    _format("month_alone", MONTH_ALONE, judge_weak, _MONTH_GATE),
    _format("ordinal_day", ORDINAL_DAY, judge_weak, _ORDINAL_GATE),
)


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
        formats = [f for f in FORMATS if f.gate is None or f.gate.search(lowered)]
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
