"""Calendar facts for the date recognizer: month names, day/month/year validity.

Kept apart from the patterns so the rules in `dates.py` read as formats only, and so
the validity checks ("is 2/30 a real day?") can be tested on their own.
"""

from __future__ import annotations

import calendar

# Alternation for month names and their common abbreviations (with "sept"), longest first
# so "september" wins over "sep". Used inside larger patterns, always word-bounded there.
MONTH_NAME = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)"
)

# Abbreviations that are also everyday clinical words: "dec" (decreased), "mar"
# (medication administration record), "may" (modal verb). With these, a bare number
# next to them is not enough evidence of a date.
AMBIGUOUS_MONTHS = frozenset({"dec", "mar", "may"})

# Spanish month names (lower case, "setiembre" as written in parts of Latin America).
_SPANISH_MONTH_NAMES = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
SPANISH_MONTHS = {name: i for i, name in enumerate(_SPANISH_MONTH_NAMES.split(), start=1)}
SPANISH_MONTHS["setiembre"] = 9
SPANISH_MONTH_NAME = "(?:" + "|".join(sorted(SPANISH_MONTHS, key=len, reverse=True)) + ")"

# Written out, not from the calendar module: its names follow the process's locale, and
# Qt sets that from the desktop (a Spanish desktop would make "march" no month here).
_ENGLISH_MONTHS = (
    "january february march april may june july august september october november december"
)
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
_MONTHS = {name: i for i, name in enumerate(_ENGLISH_MONTHS.split(), start=1)}
_ABBREVIATIONS = {name[:3]: i for name, i in _MONTHS.items()}
# Month and weekday names: words of the calendar, never a place or a person on their own.
CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS.split())


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept.", "DEC", "march", "marzo"), else None."""
    key = word.lower().rstrip(".")
    if key == "sept":
        return 9
    return _MONTHS.get(key) or _ABBREVIATIONS.get(key) or SPANISH_MONTHS.get(key)


def full_year(year: int | None, digits: int) -> int | None:
    """Expand a two-digit year the way clinical notes use it (pivot at 30), keep four."""
    if year is None:
        return None
    if digits == 2:
        return 2000 + year if year < 30 else 1900 + year
    return year


def is_valid_day(month: int, day: int, year: int | None = None) -> bool:
    """True when day-of-month exists; Feb 29 is allowed when the year is unknown."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    if not 1800 <= year <= 2199:
        return False
    return day <= calendar.monthrange(year, month)[1]


def month_day(first: int, second: int, year: int | None) -> tuple[int, int] | None:
    """(month, day) for a numeric date, month-first unless only day-first is valid.

    Day-first ("15/06/1962") is accepted only with a year: a bare "15/6" is far more
    often a ratio than a European month-day.
    """
    if is_valid_day(first, second, year):
        return first, second
    if year is not None and first > 12 and is_valid_day(second, first, year):
        return second, first
    return None
