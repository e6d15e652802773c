"""Geography below state level (Safe Harbor B): cities, towns, counties and care facilities.

Three rules: names before an institution word ("Calvert Hospital", "Union Memorial"),
places after a transfer or residence cue ("transferred to Quartermain", "lives in
Towson", "sent to GH"), and a gazetteer of US places (GeoNames). States are allowed
by Safe Harbor and never reported. Street addresses and ZIP codes have their own modules.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.health_context import looks_clinical
from detectors.recognizers import _lexicon as lex
from detectors.recognizers import _name_words as words
from detectors.recognizers._name_rules import Candidate, merge
from detectors.recognizers._place_words import (
    FACILITY_PAIRS,
    FACILITY_WORDS,
    GENERIC_MODIFIERS,
    MOVE_VERBS,
    PLACE_PREPOSITIONS,
    SAINTS,
    STATE_NAMES,
    UNIT_ACRONYMS,
    UNIVERSITY,
    WEAK_FACILITY_WORDS,
)
from detectors.recognizers._tokens import Token, same_line, tokenize
from detectors.recognizers._us_states import STATES

STATE_CODES = frozenset(STATES)

LOCATION = "LOCATION"
WARD_MAX_ZIPF = 2.0  # ward names are proper names English does not know ("to transfuse 2")
CUED_PLACE_ZIPF = 4.5  # "FROM ROME" (4.45) is a place; "IN HALL", "IN PROGRESS" are not
# Facility words that are also part of names: "Union Memorial", "General Hospital".
NAMING_FACILITY_WORDS = frozenset({"memorial", "general"})


def facility_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Up to three name words before 'hospital', 'memorial', 'campus'…: 'HARFORD MEMORIAL'."""
    found: list[Candidate] = []
    for i in range(1, len(tokens)):
        if tokens[i].lower not in _FACILITY_TRIGGERS or not _facility_word(tokens, i):
            continue
        first = i
        while (
            first > 0
            and i - first < 3
            and _joins(tokens, first)
            and _facility_name(tokens[first - 1])
        ):
            first -= 1
        last = i if tokens[i].lower == "memorial" else i - 1  # "Union Memorial" is the name
        if first < i:
            found.append(Candidate(first, last, LOCATION, 0.8))
        found.extend(_of_phrase(tokens, i))
    return found


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
    return i + 1 < len(tokens) and (tokens[i].lower, tokens[i + 1].lower) in FACILITY_PAIRS


HOLY_NAMES = frozenset({"cross", "family", "name", "spirit", "redeemer"})


def saint_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'St. Mary's', 'Holy Cross', 'University of Maryland', 'U of MD': named institutions."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens[:-1]):
        if token.lower not in _INSTITUTION_STARTS or not _joins(tokens, i + 1):
            continue
        nxt = tokens[i + 1]
        if token.lower in SAINTS and _saint_name(nxt):
            previous = tokens[i - 1] if i > 0 and _joins(tokens, i) else None
            is_street = previous is not None and previous.shape in ("title", "upper")
            is_street = is_street and previous is not None and previous.lower not in words.STOP
            if not is_street:
                found.append(Candidate(i, i + 1, LOCATION, 0.75))
        elif token.lower == "holy" and nxt.lower in HOLY_NAMES:
            found.append(Candidate(i, i + 1, LOCATION, 0.75))
        elif _university_of(tokens, i):
            found.append(Candidate(i, i + 2, LOCATION, 0.75))
    return found


_INSTITUTION_STARTS = SAINTS | UNIVERSITY | frozenset({"holy"})


def _university_of(tokens: Sequence[Token], i: int) -> bool:
    """'University of Maryland', 'U of MD' (capitalized: 'u of insulin' is a dose).

    In any case when a state's name follows the full word: 'university of maryland'.
    """
    if tokens[i].lower not in UNIVERSITY or i + 2 >= len(tokens) or tokens[i + 1].lower != "of":
        return False
    if tokens[i].lower == "university" and tokens[i + 2].lower in STATE_NAMES:
        return True
    return tokens[i].text[0].isupper() and tokens[i + 2].text[0].isupper()


def _saint_name(token: Token) -> bool:
    """After 'St.': a capitalized word in prose, a census first name in ALL-CAPS or lower notes."""
    if token.lower in words.STOP:
        return False
    if token.mode == "mixed":
        return token.shape == "title"
    return lex.is_known_first_name(token.text)


def _joins(tokens: Sequence[Token], i: int) -> bool:
    return tokens[i].gap_before.strip(" .'") == "" and "\n" not in tokens[i].gap_before


def _facility_name(token: Token) -> bool:
    """A word that can be part of a facility's name: 'Union' Memorial, 'General' Hospital."""
    lower = token.lower
    if lower in NAMING_FACILITY_WORDS:
        return token.mode != "mixed" or token.shape in ("title", "upper")
    if lower in GENERIC_MODIFIERS or lower in words.STOP - {"st"} or lower in FACILITY_WORDS:
        return False
    if token.mode == "mixed":
        return token.shape in ("title", "upper")
    if lower in words.CLINICAL_SHORTHAND or lower.endswith(words.NOT_NAME_ENDINGS):
        return False  # "FOUND WANDERING HOSPITAL"
    return not looks_clinical(token.text)


def _of_phrase(tokens: Sequence[Token], i: int) -> list[Candidate]:
    """'University of Maryland Hospital': the words after 'of' belong to the name too."""
    if i + 2 >= len(tokens) or tokens[i + 1].lower != "of" or not _joins(tokens, i + 2):
        return []
    target = tokens[i + 2]
    if target.lower in words.STOP or (target.mode == "mixed" and target.shape != "title"):
        return []
    return [Candidate(i + 2, i + 2, LOCATION, 0.75)]


def move_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'transferred to Quartermain', 'sent to gh', 'lives in Towson', 'from Randallstown'."""
    found: list[Candidate] = []
    for i in range(1, len(tokens) - 1):
        if tokens[i].lower not in PLACE_PREPOSITIONS:
            continue
        j = i + 1
        if tokens[j].lower == "the" and j + 1 < len(tokens):
            j += 1
        if not same_line(tokens, j):
            continue
        ward = _ward(tokens, j, text) and lex.zipf(tokens[j].text) < WARD_MAX_ZIPF
        acronym = _acronym(tokens[j]) and tokens[i].lower in ("to", "at", "from", "in")
        named = _named_in_prose(tokens[j]) and tokens[i].lower in ("to", "from", "at")
        moved = _after_move(tokens, i) and (_unknown_place(tokens[j]) or named)
        if ward or moved or (acronym and _unknown_place(tokens[j])):
            found.append(Candidate(j, _extend_place(tokens, j), LOCATION, 0.7))
    return found


_EMERGENCY_UNITS = frozenset({"er", "ew", "ed", "icu", "micu", "ccu", "cath"})


def acronym_unit_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'GH EW', 'MGH ICU': a hospital acronym right before one of its units."""
    return [
        Candidate(i, i, LOCATION, 0.7)
        for i in range(len(tokens) - 1)
        if _acronym(tokens[i])
        and tokens[i].lower not in UNIT_ACRONYMS
        and tokens[i + 1].lower in _EMERGENCY_UNITS
        and _joins(tokens, i + 1)
    ]


_EMERGENCY_ROOMS = frozenset({"er", "ew", "ed"})
_ARRIVAL_WORDS = frozenset({"from", "to", "at", "via"})


def named_emergency_room_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'from kernan ew', 'sent to Warren Grant EW': a hospital named before its ER."""
    found: list[Candidate] = []
    for i in range(2, len(tokens)):
        room = tokens[i]
        if room.lower not in _EMERGENCY_ROOMS or (room.shape != "upper" and room.mode != "lower"):
            continue
        first = i
        while i - first < 2 and first > 1 and _joins(tokens, first) and _er_name(tokens[first - 1]):
            first -= 1
        cue = tokens[first - 1]
        if first < i and cue.lower in _ARRIVAL_WORDS and _joins(tokens, first):
            found.append(Candidate(first, i - 1, LOCATION, 0.7))
    return found


def _er_name(token: Token) -> bool:
    return _unknown_place(token) or _named_in_prose(token)


def _acronym(token: Token) -> bool:
    """Hospital acronyms: GH, MGH, GBMC, VAMC (not 'ETOH', not everyday words)."""
    if token.shape != "upper" and token.mode != "lower":
        return False
    lower = token.lower
    common = lex.is_everyday_word(lower, lex.PROPER_ZIPF)  # "gh" is slang-rare, "high" is not
    return len(lower) <= 4 and lower.endswith(("h", "mc", "va")) and not common


# A one-digit ward number, not a dose: "to QUARTERMAIN 2", not "to transfuse 2 units".
_WARD_NUMBER = regex.compile(
    r"\s?\d(?!\w|\.\d|:|/)(?!\s*(?:u|units?|mg|mcg|ml|l|amps?|tabs?|doses?|times|x|hrs?|hours?|days?)\b)",
    regex.IGNORECASE,
)


def _ward(tokens: Sequence[Token], j: int, text: str) -> bool:
    """'to QUARTERMAIN 2': an unknown, non-clinical word followed by a one-digit ward number."""
    token = tokens[j]
    if len(token.lower) <= 3 or looks_clinical(token.text):
        return False
    if tokens[j - 1].lower not in ("to", "from", "the", "or", "and"):
        return False
    following = text[token.end : token.end + 24]
    return _WARD_NUMBER.match(following) is not None


def _after_move(tokens: Sequence[Token], i: int) -> bool:
    previous = tokens[i - 1].lower
    if previous in MOVE_VERBS:
        return True
    return tokens[i].lower == "in" and previous in ("lives", "living", "resides", "resident")


def _unknown_place(token: Token) -> bool:
    """A word that is no everyday or clinical word: likely a place or facility name."""
    lower = token.lower
    if lower in words.CLINICAL_SHORTHAND or lower.endswith(words.NOT_NAME_ENDINGS):
        return False  # "on FOLEY", "RETURN TO DOZING"
    if lower in words.STOP or lower in UNIT_ACRONYMS or lower in STATE_NAMES:
        return False
    if token.mode == "mixed" and token.shape not in ("title", "upper"):
        return False
    if len(lower) <= 5 and (token.shape == "upper" or token.mode == "lower"):
        return _acronym(token)  # hospital acronyms: GH, MGH, GBMC, VAMC
    return not lex.is_everyday_word(token.text) and len(lower) > 3


def _named_in_prose(token: Token) -> bool:
    """'went to Harbor': capitalized mid-sentence after a move, even if also a common word."""
    lower = token.lower
    if token.mode != "mixed" or token.shape != "title" or token.sentence_start:
        return False
    excluded = words.STOP | words.CLINICAL_SHORTHAND | UNIT_ACRONYMS | STATE_NAMES
    return lower not in excluded and not looks_clinical(token.text) and len(lower) > 3


def _extend_place(tokens: Sequence[Token], j: int) -> int:
    last = j
    while last + 1 < len(tokens) and last - j < 2 and _joins(tokens, last + 1):
        nxt = tokens[last + 1]
        if nxt.lower in FACILITY_WORDS or not _unknown_place(nxt):
            break
        last += 1
    return last


def gazetteer_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """US places from GeoNames; everyday-word places ('Union') only after 'in/from/of'."""
    found: list[Candidate] = []
    places, heads = lex.places(), lex.place_first_words()
    for i, token in enumerate(tokens):
        if token.mode == "mixed" and token.shape not in ("title", "upper"):
            continue
        last = _longest_place(tokens, i, places, heads)
        if last is None:
            continue
        phrase = " ".join(t.lower for t in tokens[i : last + 1])
        if phrase in STATE_NAMES or token.lower in words.STOP | words.CLINICAL_SHORTHAND:
            continue
        ordinary = last == i and (lex.is_everyday_word(token.text) or lex.nameness(token.text) > 0)
        cue = i > 0 and tokens[i - 1].lower in ("in", "from", "near") and _cue_ok(token)
        if not ordinary or cue or _state_follows(tokens, last):
            found.append(Candidate(i, last, LOCATION, 0.75 if cue else 0.6))
    return found


def _cue_ok(token: Token) -> bool:
    """After 'in'/'from': capitalized in prose; in ALL-CAPS or lower notes, not too common."""
    if token.mode == "mixed":
        return token.shape in ("title", "upper")
    return lex.zipf(token.text) < CUED_PLACE_ZIPF


def _state_follows(tokens: Sequence[Token], last: int) -> bool:
    """'Middle River, MD': a state right after the place name."""
    if last + 1 >= len(tokens) or tokens[last + 1].gap_before.strip() != ",":
        return False
    nxt = tokens[last + 1]
    return nxt.lower in STATE_NAMES or (nxt.shape == "upper" and nxt.text in STATE_CODES)


def _longest_place(
    tokens: Sequence[Token], i: int, places: frozenset[str], heads: frozenset[str]
) -> int | None:
    best = i if tokens[i].lower in places else None
    if tokens[i].lower not in heads:
        return best
    phrase, last = tokens[i].lower, i
    while last + 1 < len(tokens) and last - i < 3 and _joins(tokens, last + 1):
        last += 1
        phrase += " " + tokens[last].lower
        if phrase in places:
            best = last
    return best


class LocationRecognizer(EntityRecognizer):
    """Emits LOCATION results from the facility, move and gazetteer rules."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[LOCATION], name="LocationRecognizer", supported_language="en"
        )

    recognizer_name = "LocationRecognizer"

    def load(self) -> None:
        lex.places()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        tokens = tokenize(text)
        candidates = (
            facility_rule(tokens)
            + saint_rule(tokens)
            + move_rule(tokens, text)
            + acronym_unit_rule(tokens)
            + named_emergency_room_rule(tokens)
            + gazetteer_rule(tokens)
        )
        return [
            RecognizerResult(
                entity_type=LOCATION,
                start=tokens[c.first].start,
                end=tokens[c.last].end,
                score=c.score,
                recognition_metadata={
                    RecognizerResult.RECOGNIZER_NAME_KEY: self.recognizer_name,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                },
            )
            for c in merge(candidates)
        ]


def build() -> list[EntityRecognizer]:
    return [LocationRecognizer()]
