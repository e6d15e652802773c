"""Where the office and patient cue words sit in a whole text, found fast.

OfficeCues needs every office and patient cue of a text (the office words are kept
here, in the form each engine searches them fastest). The `regex` module tries a
case-insensitive alternation at every position (~4.5 ms per 20 KB per list); the
standard library's `re` on the lower-cased text skips ahead by the words' first
letters and takes under 1 ms. Both lists are fixed alternations of literal words
(linear, so no timeout is needed). The one variable-length look-behind ("office"
after in/at/to/from) is checked afterwards in Python. When lower-casing would change
the text's length (a few non-ASCII letters), offsets would no longer match and the
caller falls back to the `regex` patterns.
"""

from __future__ import annotations

import re

_CARE_PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from)\s(?:the\s|our\s|my\s)?\Z")
_LOOK_BACK = 14  # longer than "from our " plus the character before it


# Events of the office, not of a patient: a date beside them is not PHI.
_OFFICE_WORDS = (
    r"holiday",
    r"holidays",
    r"closed",
    r"closure",
    r"closing",
    r"staff",
    r"staffing",
    r"hire",
    r"hires",
    r"hired",
    r"hiring",
    r"employee",
    r"employees",
    r"coworker",
    r"coworkers",
)
_GATHERINGS = ("meeting", "meetings", "conference")  # unless after "family" or "patient"
_MORE_OFFICE_WORDS = (
    r"training",
    r"trainings",
    r"schedule",
    r"schedules",
    r"webinar",
    r"seminar",
    r"workshop",
    r"in-?service",
    r"onboarding",
    r"payroll",
    r"deadline",
    r"vacation",
    r"pto",
    r"potluck",
    r"party",
    r"renewal",
    r"audit",
    r"inspection",
    r"vendor",
    r"invoice",
    r"newsletter",
    r"enrollment",
    r"fiscal",
    # The same in Spanish: "cerrado el 25 de diciembre", "reunión del personal el 3/4".
    r"cerrad[oa]s?",
    r"cierre",
    r"feriados?",
    r"festivos?",
    r"reuni[oó]n",
    r"reuniones",
    r"junta",
    r"capacitaci[oó]n",
    r"vacaciones",
    r"empleados?",
)
_NOT_AFTER = r"(?<!family\s{0})(?<!patient\s{0})"
# For the `regex` patterns on the text as it is.
OFFICE_EVENTS = "|".join(
    [
        *_OFFICE_WORDS,
        _NOT_AFTER.format("") + f"(?:{'|'.join(_GATHERINGS)})",
        *_MORE_OFFICE_WORDS,
    ]
)


def word_pattern(alternatives: str) -> re.Pattern[str]:
    """Whole words from `alternatives` (lower-case), in lower-cased text."""
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def by_first_letter(alternatives: list[str]) -> str:
    """The alternatives (each starting with a plain lower-case letter) as one alternation
    with a branch per first letter, their order kept within each branch.

    Words with different first letters never match at the same place, so only the order
    among words of one letter can decide a match: it is kept, and the matches are those
    of the flat alternation.
    """
    branches: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not ("a" <= alternative[0] <= "z" and alternative[1:]):
            raise ValueError(f"not a plain word: {alternative!r}")
        branches.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in branches.items())


def cue_spans(pattern: re.Pattern[str], lowered: str) -> list[tuple[int, int]]:
    """Spans of the pattern's words, without 'office' where care happened ('in the office')."""
    spans = []
    for match in pattern.finditer(lowered):
        start = match.start()
        word = match.group()
        if word in ("office", "offices"):
            before = lowered[max(0, start - _LOOK_BACK) : start]
            if _CARE_PLACE_BEFORE.search(before):
                continue
        spans.append(match.span())
    return spans


# The same words for `re` on lower-cased text, grouped by first letter: `re` then tries
# one branch per letter at each word start instead of every word (~35% faster). The
# look-behinds of the gatherings move past the letter they start with.
OFFICE_FAST = word_pattern(
    by_first_letter(
        [
            "offices?",
            *_OFFICE_WORDS,
            *(word[0] + _NOT_AFTER.format(word[0]) + word[1:] for word in _GATHERINGS),
            *_MORE_OFFICE_WORDS,
        ]
    )
)
