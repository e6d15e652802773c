"""Dates with the day written out as a word: "the third of July", "July twenty-first, 1948".

Dictated and typed letters spell the day as an ordinal word, which the numeric and
month-name formats of dates.py cannot see. A spelled ordinal (first ... thirty-first)
before "of <month>" or right after a full month name is a date when the calendar has
that day. Before the ordinal, "May" and "March" count only capitalized ("you may first
try", "march first to the desk" are no dates); after "of" they count in any case.
Office events ("staff meeting … the third of July") are skipped as in dates.py.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._calendar import is_valid_day, month_number
from detectors.recognizers._date_context import OfficeCues
from detectors.recognizers.base import RegexRecognizer, Rule

# fmt: off
_UNITS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
)
# fmt: on
ORDINAL_DAYS: dict[str, int] = {word: day for day, word in enumerate(_UNITS, start=1)}
ORDINAL_DAYS["twentieth"] = 20
ORDINAL_DAYS["thirtieth"] = 30
ORDINAL_DAYS.update({f"twenty {w}": 20 + d for w, d in ORDINAL_DAYS.copy().items() if d < 10})
ORDINAL_DAYS["thirty first"] = 31

_FULL_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_ORDINAL = r"(?:(?:twenty|thirty)[\s\-])?(?:" + "|".join([*_UNITS, "twentieth", "thirtieth"]) + ")"
_YEAR = r"(?:,?\s{1,2}(?:19|20)\d\d(?!\d))?"

DAY_OF_MONTH = rf"\b(?:the\s+)?(?P<ord>{_ORDINAL})\s+of\s+(?P<mon>{_FULL_MONTHS})\b{_YEAR}"
MONTH_THE_DAY = rf"\b(?P<mon>{_FULL_MONTHS})\s+(?:the\s+)?(?P<ord>{_ORDINAL})\b{_YEAR}"

SCORE = 0.85
# Cheap standard-library patterns every match holds, searched in the lower-cased text.
_DAY_OF_GATE = rf"(?<![a-z0-9])of\s+(?:{_FULL_MONTHS})\b"  # "of" is rarer than "th"
_MONTH_THE_GATE = (
    rf"\b(?:{_FULL_MONTHS})\s+(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twent|thirt)"
)
_VERB_MONTHS = frozenset({"may", "march"})


def spelled_day(words: str) -> int | None:
    """'twenty-first' -> 21, 'third' -> 3; None for anything else."""
    return ORDINAL_DAYS.get(regex.sub(r"[\s\-]+", " ", words.lower()))


def _judge(text: str, match: regex.Match[str]) -> float | None:
    month_word, day = match.group("mon"), spelled_day(match.group("ord"))
    month = month_number(month_word)
    if month is None or day is None or not is_valid_day(month, day):
        return None
    if OfficeCues(text).is_office_event(match.start(), match.end()):
        return None  # "the staff meeting moves to the third of July"
    month_first = match.start("mon") == match.start()
    if month_first and month_word.lower() in _VERB_MONTHS and not month_word[0].isupper():
        return None
    return SCORE


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "DATE",
            [
                Rule("day_of_month", DAY_OF_MONTH, SCORE, gate=_DAY_OF_GATE),
                Rule("month_the_day", MONTH_THE_DAY, SCORE, gate=_MONTH_THE_GATE),
            ],
            name="SpelledDateRecognizer",
            validator=_judge,
        )
    ]
