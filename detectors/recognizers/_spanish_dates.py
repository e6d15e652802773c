"""Dates written the Spanish way: "3 de marzo de 1951", "marzo de 2026", "cita el 17/06".

Month names with "de" are Spanish whatever the text around them, so their formats only
need the month names (a "de" that starts a line, "3\nde marzo", is missed). A numeric
day and month without a year ("17/06") is read day-first only in a text that reads as
Spanish (`detectors/text/language.py`), where the month-first reading is impossible,
and only after a date word ("el", "del", "desde", "cita") or a birth-date cue ("fecha
de nacimiento", "nació el"): elsewhere a bare pair is far more often a ratio than a
date. Full numeric dates with a year ("03/03/1951", "17/06/1950") are dates in either
reading and need nothing here.
"""

from __future__ import annotations

import re

import regex

from detectors.recognizers._calendar import SPANISH_MONTH_NAME, is_valid_day
from detectors.text.language import looks_spanish

# "3 de marzo de 1951", "1º de mayo", "18 de noviembre", "9 de octubre, 2025".
ES_DAY_MONTH = (
    r"(?<![\w/.:,\-])(?P<d>\d{1,2})(?:º|°)?\s? de\s{1,2}"
    rf"(?P<mon>{SPANISH_MONTH_NAME})(?!\w)"
    r"(?:(?:\s{1,2}(?:de|del)\s{1,2}|,\s{0,2})(?P<y>\d{4})(?!\d))?"
)
# "marzo de 2026", "en mayo del 2024": a month of a year.
ES_MONTH_YEAR = (
    rf"(?<!\w)(?P<mon>{SPANISH_MONTH_NAME})\s? (?:de|del)\s{{1,2}}(?P<y>(?:19|20)\d\d)(?!\d)"
)
# Every Spanish month format holds " de" or " del" before its month or year (searched
# in the lower-cased text): a literal the standard library finds in microseconds,
# where the month names' alternation took ~2 ms per 30 KB of English text.
ES_MONTH_GATE = r" del?\s"

DAY_FIRST_SCORE = 0.7
_LOOK_BACK = 40
# A date word right before the pair: "el 17/06", "cita: 17/06", "desde el 20/05".
_DATE_WORD_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:el|del|desde|hasta|fecha|cita|consulta|d[ií]a|ingres[oó]|alta)"
    r"[ \t:]{1,3}\Z"
)
# A birth date cue anywhere shortly before: "fecha de nacimiento: 30/04".
_BIRTH_CUE = re.compile(r"fecha\s+de\s+nacimiento|f\.\s?(?:de\s)?nac\.?|naci[oó]\b")


def spanish_day_first(text: str, match: regex.Match[str]) -> float | None:
    """A day/month pair with no year that only reads as a date day-first, in Spanish text."""
    if match.group("y") or match.group("a2") is not None or match.group("sep") != "/":
        return None
    day, month = int(match.group("a")), int(match.group("b"))
    if not is_valid_day(month, day) or not looks_spanish(text):
        return None
    before = text[max(0, match.start() - _LOOK_BACK) : match.start()].lower()
    if _BIRTH_CUE.search(before) or _DATE_WORD_BEFORE.search(before):
        return DAY_FIRST_SCORE
    return None
