"""Cue words that tell a date of care from a ratio, a score or an office event.

"7/23" in a nursing note is a date of care; "PS 10/5" is a ventilator setting,
"pain 3/10" a score, "1/2 NS" a fluid, "closed 12/24" an office closure. The
recognizer finds date-shaped text; these helpers decide from the words around it.
Each decision looks for the *nearest* cue of each kind, because clinical text packs
measurements and dates of care into the same line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cached_property

import regex

from detectors.health_context import looks_like_drug
from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._cue_spans import OFFICE_EVENTS, OFFICE_FAST, cue_spans, word_pattern

# "seen in the office" is where care happened, so "office" after in/at/to is no cue.
_OFFICE_CUES = r"(?<!\b(?:in|at|to|from)\s(?:the\s|our\s|my\s)?)offices?|" + OFFICE_EVENTS

# Words that tie a nearby date to a patient: they win over an office cue that is farther.
_PATIENT_CUES = (
    r"dob|d\.o\.b|born|birth|birthday|birthdate|admit|admits|admitted|admission|"
    r"readmitted|seen|visit|visits|appointment|appt|discharge|discharged|d/c|dc'?d|"
    r"expired|died|death|deceased|s/p|status\s+post|surgery|surgical|procedure|"
    r"pt|pts|patient|patients|resident|client|dos|date\s+of\s+service|f/u|"
    r"follow[- ]?up|dx|diagnosed|mrn|exam|scan|labs|biopsy|cath|transferred|"
    r"intubated|extubated|family|mother|father|son|daughter|wife|husband|"
    r"pacientes?|nacimiento|naci[oó]|cita|consulta|ingres[oó]|cirug[ií]a|"
    r"madre|padre|hij[oa]|espos[oa]|expediente"
)

# Words right before a number pair that make it a setting, a vital sign or a score.
_MEASUREMENT_CUES = (
    r"ps|psv|cpap|bi-?pap|peep|vent|vented|ventilator|ventilation|imv|simv|ac|ips|"
    r"ipap|epap|settings?|flowby|fio2|tv|vt|rr|hr|bp|nbp|abp|sbp|dbp|map|"
    r"cvp|pcwp|wedge|co|ci|svr|abg|vbg|gas|strength|pain|cp|gcs|score|scale|rass|"
    r"apgar|perrla?|perl|motor|grip|power|reflexes|dtrs?|murmur|sem|rated|rating|"
    r"rates|discomfort|angina|bottles|rales|crackles|ratio|mask|pressure\s+support"
)

# Words that say the pair before them is a date even when it looks like a fraction.
_STRONG_DATE_CUES = (
    r"since|from|until|till|thru|through|post|s/p|status\s+post|dated|date|dob|"
    r"last|next|starting|started|effective|as\s+of|admitted|admit|discharged|"
    r"extubated|intubated|seen|visit|surgery|cath|lbm|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu|"
    r"thurs?|fri"
)

# What follows a fraction, a dose, a rate or a score rather than a date.
# Single letters (L, U, g) only count when glued to the pair, which the pattern rejects.
_UNIT_FOLLOWERS = (
    r"%|mg|mcg|gm|grams?|ml|cc|liters?|litres?|units?|meq|mmol|mmhg|mm|cm|"
    r"inch(?:es)?|tabs?|tablets?|pills?|caps?|capsules?|amps?|puffs?|drops?|gtts?|"
    r"doses?|ns|normal\s+saline|hrs?|hours?|mins?|minutes?|days|weeks|months|of|way|"
    r"up|bilat|bilaterally|strength|peep|ps|psv|ips|cpap|bipap|fio2|pain|cp|sem|"
    r"murmur|hsm|sm|systolic|holosystolic|bottles|full|rate|time|times|ratio|scale|score|"
    r"x\s?\d|throughout|all\s+extremities"
)


def _words(alternatives: str) -> regex.Pattern[str]:
    return regex.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])", regex.IGNORECASE)


_OFFICE = _words(_OFFICE_CUES)
_PATIENT = _words(_PATIENT_CUES)
_PATIENT_FAST = word_pattern(_PATIENT_CUES)
_MEASUREMENT = _words(_MEASUREMENT_CUES)
_STRONG = _words(_STRONG_DATE_CUES)
_UNIT_AFTER = regex.compile(rf"\s{{0,2}}(?:{_UNIT_FOLLOWERS})(?![a-z])", regex.IGNORECASE)
# A percentage or an "NxN" right before the pair: a run of ventilator settings.
_VALUE_BEFORE = regex.compile(r"(?<![\w.])(?:\d*\.?\d+%|\d+x\d+)[\s,&]{1,4}$", regex.IGNORECASE)
# "decreased to 8/5", "weaned to 5/5": a setting being changed, not a day.
_CHANGED_TO = regex.compile(
    r"(?<![a-z])(?:change[ds]?|wean(?:ed)?|decreased?|increased?|dec|inc|titrated)\s+to\s{1,2}$",
    regex.IGNORECASE,
)
# Numbering and versions right before the pair: "page 3/12", "question 4/12", "Windows 10/11".
_NUMBERING = regex.compile(
    r"(?<![a-z])(?:pages?|steps?|questions?|items?|slides?|chapter|part|version|release|"
    r"build|windows|ios|android)\s?(?:#|no\.?)?\s?$",
    regex.IGNORECASE,
)
_ENTRY_START = regex.compile(r"\n[ \t\-*•]*$")
_WORD_AFTER = regex.compile(r"[ \t]+[a-z]{2,}", regex.IGNORECASE)
_PREPOSITION = _words(r"on|since|from|until|till|by|before|after|dated")
_SENTENCE_BREAK = regex.compile(r"[.!?](?=\s|$)|\n")
_CLAUSE_BREAK = regex.compile(r"[.!?;](?=\s|$)|\n")
_TIME_AFTER = regex.compile(
    r",?\s{1,2}(?:@|at)?\s?(?:approx\.?|about|around|~)?\s?"
    r"(?:(?:[01]\d|2[0-3])[0-5]\d(?!\d)|\d{1,2}:\d\d|\d{1,2}\s?[ap]\.?m\b)",
    regex.IGNORECASE,
)


def _distance_before(pattern: regex.Pattern[str], text: str, start: int, reach: int) -> int | None:
    """Characters between the end of the last cue in the window and `start`, or None."""
    window_start = max(0, start - reach)
    last = None
    for match in pattern.finditer(text, window_start, start):
        last = match
    return None if last is None else start - last.end()


def _distance_after(pattern: regex.Pattern[str], text: str, end: int, reach: int) -> int | None:
    """Characters between `end` and the first cue in the window after it, or None."""
    match = pattern.search(text, end, min(len(text), end + reach))
    return None if match is None else match.start() - end


def _nearest(distances: Sequence[int | None]) -> int | None:
    present = [d for d in distances if d is not None]
    return min(present) if present else None


class OfficeCues:
    """Office and patient cue positions in one text, found once so each date costs a lookup.

    A date is an office event when an office cue in its sentence is nearer to it than any
    patient cue: "staff meeting on 3/4" is office, "pt seen at the office on 3/4" is care.
    """

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        self._text, self._lowered = text, lowered
        self._fast = len(lowered) == len(text)  # else offsets would shift: the slow patterns
        self._office = cue_spans(OFFICE_FAST, lowered) if self._fast else _spans(_OFFICE, text)

    @cached_property
    def _patient(self) -> list[tuple[int, int]]:
        """Patient cues, found only when a date has an office cue near it (~1 ms per 20 KB)."""
        if self._fast:
            return cue_spans(_PATIENT_FAST, self._lowered)
        return _spans(_PATIENT, self._text)

    def is_office_event(self, start: int, end: int) -> bool:
        """True when an office cue in the same sentence is nearer than any patient cue."""
        if not self._office:
            return False
        # The sentence only narrows the reach (150 before, 80 after): with no office cue
        # within that reach, there is none in the sentence, and no break is needed.
        if (
            _gap_before(self._office, start, 150) is None
            and _gap_after(self._office, end, 80) is None
        ):
            return False
        before, after = _sentence_reach(self._text, start, end)
        office = _nearest(
            [_gap_before(self._office, start, before), _gap_after(self._office, end, after)]
        )
        if office is None:
            return False
        patient = _nearest(
            [_gap_before(self._patient, start, 150), _gap_after(self._patient, end, 80)]
        )
        return patient is None or office < patient


def _sentence_reach(text: str, start: int, end: int) -> tuple[int, int]:
    """How far the sentence of [start, end) goes before and after it, at most 150 and 80.

    Only the windows are searched (sentence breaks are single characters, so a search
    from anywhere finds the same ones). Each window ends one character past its last
    possible break, so that the break's look-ahead reads the text, not a window's end.
    """
    before = min(150, start)
    for match in _SENTENCE_BREAK.finditer(text, max(0, start - 151), start + 1):
        if match.start() < start:
            before = min(150, start - match.start() - 1)
    found = _SENTENCE_BREAK.search(text, end, min(len(text), end + 82))
    after = 80 if found is None else min(80, found.start() - end)
    return before, after


def _spans(pattern: regex.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)]


def _gap_before(spans: list[tuple[int, int]], start: int, reach: int) -> int | None:
    """Distance from the end of the last cue that ends at or before `start`, within reach."""
    index = bisect_right(spans, (start, start)) - 1
    while index >= 0 and spans[index][1] > start:
        index -= 1
    if index < 0 or start - spans[index][1] > reach:
        return None
    return start - spans[index][1]


def _gap_after(spans: list[tuple[int, int]], end: int, reach: int) -> int | None:
    """Distance to the start of the first cue that starts at or after `end`, within reach."""
    index = bisect_left(spans, (end, end))
    if index >= len(spans) or spans[index][0] - end > reach:
        return None
    return spans[index][0] - end


def unit_follows(text: str, end: int) -> bool:
    """True when a unit, a fluid or a score word comes right after the pair."""
    return _UNIT_AFTER.match(text, end) is not None


def measurement_before(text: str, start: int) -> bool:
    """True when a setting/vital/score cue sits just before the pair, nearer than a date cue."""
    clause_start = max(0, start - 200)
    for match in _CLAUSE_BREAK.finditer(text, clause_start, start):
        clause_start = match.end()
    if any(p.search(text, clause_start, start) for p in (_VALUE_BEFORE, _CHANGED_TO, _NUMBERING)):
        return True
    measurement = _distance_before(_MEASUREMENT, text, start, min(16, start - clause_start))
    if measurement is None:
        return False
    date = _nearest(
        [
            _distance_before(_STRONG, text, start, 40),
            _distance_before(_PREPOSITION, text, start, 16),
        ]
    )
    return date is None or measurement < date


def time_follows(text: str, end: int) -> bool:
    """True when a clock time comes right after the pair ("10/17 0500", "3/4 at 9:30")."""
    return _TIME_AFTER.match(text, end) is not None


def dated_entry(text: str, start: int, end: int) -> bool:
    """True for a pair opening a line of a multi-line note, followed by words ("\n9/9 abx stopped").

    Notes date their entries this way; callers have already ruled out units ("\n1/2 NS").
    """
    line_start = _ENTRY_START.search(text, max(0, start - 8), start) is not None
    return line_start and _WORD_AFTER.match(text, end) is not None


def strong_date_cue_before(text: str, start: int) -> bool:
    """True when a date preposition, a care event or a weekday shortly precedes the pair."""
    return _distance_before(_STRONG, text, start, 25) is not None


# "on 1/2, found by son", "from 2/3 until": a date preposition right before the pair.
_PREPOSITION_RIGHT_BEFORE = regex.compile(r"(?<![a-z])(?:on|from)\s{1,2}$", regex.IGNORECASE)
# "3/4 or 3/5": a second day offered as the alternative.
_ALTERNATIVE_DAY_AFTER = regex.compile(r"\s{1,2}(?:or|and|to|-)\s{1,2}\d{1,2}/\d{1,2}(?![\d/])")


def preposition_right_before(text: str, start: int) -> bool:
    """True for 'on'/'from' right before the pair ("on 1/2, found"; not "on the 1/2 NS")."""
    return _PREPOSITION_RIGHT_BEFORE.search(text, max(0, start - 8), start) is not None


def alternative_day_after(text: str, end: int) -> bool:
    """True when another month/day follows after 'or'/'and'/'to' ("3/4 or 3/5")."""
    return _ALTERNATIVE_DAY_AFTER.match(text, end) is not None


_WORD_BEFORE = regex.compile(r"([A-Za-z][\w\-]*)\s{1,2}$")


def drug_before(text: str, start: int) -> bool:
    """True when the word right before the pair names a drug or fluid ("dextrose 5/50")."""
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return match is not None and looks_like_drug(match.group(1))


# "lot 4471A exp 03/2027", "expiration: 11/30/2026": a product's date, not a person's.
_EXPIRY_BEFORE = regex.compile(
    r"(?<![a-z])(?:exp|expiry|expiration|expires|expiring|use\s+by|best\s+by)"
    r"\.?(?:\s+date)?\s*[:#=\-]?\s*$",
    regex.IGNORECASE,
)


def expiry_before(text: str, start: int) -> bool:
    """True when an expiry label sits right before the date ("exp 03/2027")."""
    return _EXPIRY_BEFORE.search(text, max(0, start - 24), start) is not None
