"""How each date format judges a match: the calendar first, then the words around it.

Split from dates.py, which holds the formats' patterns and the recognizer. Every judge
takes the text and the match and returns a score, or None when the match is no date
(a ratio, score, dose, setting, office event or impossible day).
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from detectors.recognizers._calendar import (
    AMBIGUOUS_MONTHS,
    full_year,
    is_valid_day,
    month_day,
    month_number,
)
from detectors.recognizers._date_context import (
    alternative_day_after,
    dated_entry,
    drug_before,
    measurement_before,
    preposition_right_before,
    strong_date_cue_before,
    time_follows,
    unit_follows,
)
from detectors.recognizers._spanish_dates import spanish_day_first

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
    """Month-first numeric dates and ranges; the context decides for pairs without a year.

    A pair only valid day-first ("17/06") may still be a date in Spanish text.
    """
    valid, has_year = _numeric_part_ok(match, "")
    if not valid:
        return spanish_day_first(text, match)
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


# A clause's end right after the pair: a range would go on to its unit ("on 1-2 L").
_CLAUSE_END_AFTER = regex.compile(r"(?:[,;)]|\.(?!\d))")


def _dashed_pair_score(text: str, match: regex.Match[str]) -> float | None:
    start, end = match.span()
    if match.group("a2") is not None or unit_follows(text, end):
        return None
    cued = _DASH_CUE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    worded = _WORD_AFTER_RANGE.match(text, end) is not None
    # "seen on 3-22, then": a day past 12 before a clause's end; "on 2-3, weaned" is a
    # setting's range whose unit was left out
    day_like = int(match.group("b")) > 12
    closed = day_like and _CLAUSE_END_AFTER.match(text, end) is not None
    return _WEAK_SCORE if cued and (worded or closed) else None


# What a fraction counts: "in 4/5 cases", "in 2/3 patients", "on 3/4 readings".
_COUNTED_AFTER = regex.compile(
    r"\s{1,2}(?:of\s+(?:the\s+)?)?(?:cases|patients|pts|people|persons|subjects|samples"
    r"|cultures|trials|studies|women|men|children|adults|readings|measurements|attempts)\b",
    regex.IGNORECASE,
)


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
    if not dated and _COUNTED_AFTER.match(text, end):
        return None  # "in 4/5 cases": a share of things counted
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
