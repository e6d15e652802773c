"""Facility names: the words before a facility word ("Tarnwell Hospital", "Unity Memorial").

Up to three name words before "hospital", "memorial", "campus", a weak facility word
after a name English does not use ("<Town> Rehab", "<Town> Regional") or a two-word
kind ("nursing home"), in any case; in prose a lower-case name right after a move cue
("transferred to tarnwell hospital"). Reported as FACILITY (see locations.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.places.moves import FACILITY, joins
from detectors.places.words import (
    FACILITY_PAIRS,
    FACILITY_WORDS,
    GENERIC_MODIFIERS,
    MOVE_VERBS,
    WEAK_FACILITY_WORDS,
)
from detectors.recognizers._calendar import CALENDAR_WORDS
from detectors.text import common_words as common
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token

# Facility words that are also part of names: "Unity Memorial", "General Hospital".
NAMING_FACILITY_WORDS = frozenset({"memorial", "general", "regional"})
# Facility words that end the name they follow: "Unity Memorial", "Quillby Regional".
NAME_ENDING_FACILITY_WORDS = frozenset({"memorial", "regional", "general"})


def facility_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Up to three name words before 'hospital', 'memorial', 'campus'…: 'OSTRANDER MEMORIAL'."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_FACILITY_TRIGGERS):
        if i == 0 or not _facility_word(tokens, i):
            continue
        first = i
        while (
            first > 0
            and i - first < 3
            and joins(tokens, first)
            and (_facility_name(tokens[first - 1]) or _moved_to_lower_name(tokens, first - 1))
        ):
            first -= 1
        last = i if tokens[i].lower in NAME_ENDING_FACILITY_WORDS else i - 1
        if first < i:
            found.append(Candidate(first, last, FACILITY, 0.8))
            found.extend(_and_another(tokens, i))
        found.extend(_of_phrase(tokens, i))
    return found


def _and_another(tokens: Sequence[Token], i: int) -> list[Candidate]:
    """'SCREENED BY BALTIMORE REHAB AND WINTERBOURNE.': a second facility named by one word.

    The word after 'and' ends the clause and is a name, not a word English uses.
    """
    other = i + 2
    if other >= len(tokens) or tokens[i + 1].lower != "and" or not joins(tokens, other):
        return []
    ends = other + 1 == len(tokens) or tokens[other + 1].gap_before.strip()[:1] in (".", ",", ";")
    candidate = tokens[other]
    if not ends or lex.is_everyday_word(candidate.text) or not _facility_name(candidate):
        return []
    return [Candidate(other, other, FACILITY, 0.7)]


# Every word _facility_word can accept; testing the set first keeps the loop cheap.
_FACILITY_TRIGGERS = (
    FACILITY_WORDS | WEAK_FACILITY_WORDS | frozenset(first for first, _ in FACILITY_PAIRS)
)


def _facility_word(tokens: Sequence[Token], i: int) -> bool:
    if tokens[i].lower in FACILITY_WORDS:
        return True
    care_follows = i + 1 < len(tokens) and tokens[i + 1].lower == "care"  # "health care"
    if tokens[i].lower in WEAK_FACILITY_WORDS and i > 0 and not care_follows:
        before = tokens[i - 1]  # "Baltimore Rehab", "Vista Health"; not "cardiac rehab"
        return before.lower in lex.places() or not lex.is_everyday_word(before.text)
    if i + 1 >= len(tokens) or (tokens[i].lower, tokens[i + 1].lower) not in FACILITY_PAIRS:
        return False
    if tokens[i].lower not in _KIND_WORDS_OF_PAIRS:
        return True
    before = tokens[i - 1]  # "Brightwater Care Center", "Sunrise Care Center"
    if before.lower in _KINDS_OF_CARE:
        return False  # "day care center", "Wound Care Center"
    named_in_prose = before.mode == "mixed" and before.shape in ("title", "upper")
    return named_in_prose or not lex.is_everyday_word(before.text)


# Pairs led by a word that also names a kind of care: "<Name> Care Center" is a
# facility, "day care center" and "Wound Care Center" are not.
_KIND_WORDS_OF_PAIRS = frozenset({"care"})
_KINDS_OF_CARE = frozenset(
    {"day", "wound", "home", "child", "adult", "senior", "primary", "urgent", "critical"}
    | {"intensive", "respite", "term", "palliative", "hospice", "health", "foster", "elder"}
    | {"memory", "personal", "eye", "skin", "dental", "foot", "diabetes", "cancer", "heart"}
    | {"kidney", "comfort", "transitional", "ambulatory", "acute", "extended", "residential"}
    | {"the", "a", "our", "your", "their", "of", "and", "patient", "family", "community"}
)


def _facility_name(token: Token) -> bool:
    """A word that can be part of a facility's name: 'Union' Memorial, 'General' Hospital."""
    lower = token.lower
    if len(lower) < 2:
        return False  # "r/t hosp" (related to): one letter names no facility
    if lower in NAMING_FACILITY_WORDS:
        return token.mode != "mixed" or token.shape in ("title", "upper")
    if lower in GENERIC_MODIFIERS or lower in common.STOP - {"st"} or lower in FACILITY_WORDS:
        return False
    if lower in CALENDAR_WORDS:
        return False  # "Monday clinic", "the Friday center": when, not which
    if lower in common.PROVIDER_TITLES or lower in common.PATIENT_TITLES:
        return False  # "Dr. <First> House" is a person
    if token.mode == "mixed":
        return token.shape in ("title", "upper")
    if lower in common.CLINICAL_SHORTHAND or lower.endswith(common.NOT_NAME_ENDINGS):
        return False  # "FOUND WANDERING HOSPITAL"
    return not looks_clinical(token.text)


def _moved_to_lower_name(tokens: Sequence[Token], i: int) -> bool:
    """'transferred to springfield hospital': a lower-case name right after a move cue.

    In mixed-case prose only capitalized words name facilities, except here: a word
    English does not use, or a listed town, right after to/from/at and a move verb.
    """
    token = tokens[i]
    if i < 2 or token.shape != "lower" or tokens[i - 1].lower not in ("to", "from", "at"):
        return False
    if tokens[i - 2].lower not in MOVE_VERBS or token.lower in common.STOP:
        return False
    if looks_clinical(token.text) or token.lower in GENERIC_MODIFIERS:
        return False
    return token.lower in lex.places() or not lex.is_everyday_word(token.text)


def _of_phrase(tokens: Sequence[Token], i: int) -> list[Candidate]:
    """'University of Maryland Hospital': the words after 'of' belong to the name too."""
    if i + 2 >= len(tokens) or tokens[i + 1].lower != "of" or not joins(tokens, i + 2):
        return []
    target = tokens[i + 2]
    if target.lower in common.STOP or (target.mode == "mixed" and target.shape != "title"):
        return []
    return [Candidate(i + 2, i + 2, FACILITY, 0.75)]
