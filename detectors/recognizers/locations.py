"""Geography below state level (Safe Harbor B): cities, towns, counties and care facilities.

Care facilities are reported as FACILITY, which the de-identified copy replaces but
which never makes a clipboard PHI alone; towns and other places as LOCATION.
Rules: names before an institution word (detectors/places/facilities.py),
named institutions ("St. Agnes", "University of Maryland"), places after a transfer
or residence cue and wards (detectors/places/moves.py), and a gazetteer of US places
(GeoNames). A place word found once is found at every other mention. States are
allowed by Safe Harbor and never reported. Street addresses and ZIP codes have their
own modules.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.health_context import looks_clinical
from detectors.places.at_sign import at_sign_rule
from detectors.places.facilities import facility_rule
from detectors.places.institutions import saint_rule
from detectors.places.moves import (
    FACILITY,
    LOCATION,
    acronym_unit_rule,
    hospital_acronym,
    is_state,
    joins,
    move_rule,
    named_emergency_room_rule,
)
from detectors.places.postal import postal_city_rule
from detectors.places.regions import region_rule
from detectors.places.words import (
    FACILITY_WORDS,
    STATE_NAMES,
    UNIT_ACRONYMS,
    WEAK_FACILITY_WORDS,
)
from detectors.recognizers._calendar import CALENDAR_WORDS
from detectors.recognizers.base import own_result
from detectors.text import common_words as common
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate, merge
from detectors.text.index import index_of
from detectors.text.phases import Doc, Phase, on_text, on_tokens, run_phases
from detectors.text.repeats import repeat_mentions
from detectors.text.tokens import Token, tokenize

CUED_PLACE_ZIPF = 4.5  # "FROM ROME" (4.45) is a place; "IN HALL", "IN PROGRESS" are not
_NO_PLACE_WORDS = common.STOP | common.CLINICAL_SHORTHAND  # made once, not per place found


def gazetteer_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """US places from GeoNames; everyday-word places ('Union') only after 'in/from/of'."""
    found: list[Candidate] = []
    places, heads = lex.places(), lex.place_first_words()
    index = index_of(tokens)
    lowers = index.lowers
    # Capitalized, or any word of a one-case line, that is a place or opens a place's name.
    for i in [i for i in index.name_shaped if lowers[i] in places or lowers[i] in heads]:
        token = tokens[i]
        last = _longest_place(tokens, i, places, heads)
        if last is None:
            continue
        phrase = " ".join(t.lower for t in tokens[i : last + 1])
        if phrase in STATE_NAMES or token.lower in _NO_PLACE_WORDS:
            continue
        if last == i and token.lower in CALENDAR_WORDS:
            continue  # "from August through October": a month, not the town of that name
        if last == i and (looks_clinical(token.text) or _product_or_eponym(tokens, i)):
            continue  # a drug or condition that is also a town's name ("Norco 10/325")
        ordinary = last == i and (lex.is_everyday_word(token.text) or lex.nameness(token.text) > 0)
        cue = i > 0 and tokens[i - 1].lower in ("in", "from", "near") and _cue_ok(token)
        if not ordinary or cue or _state_follows(tokens, last):
            found.append(Candidate(i, last, LOCATION, 0.75 if cue else 0.6))
    return found


# After a town's name these make it a product or an eponym: "<Town> lotion", "<Town> pouch".
_PRODUCT_OR_BODY_NOUNS = frozenset(
    {"lotion", "cream", "ointment", "oint", "gel", "spray", "powder", "shampoo", "paste"}
    | {"wash", "patch", "drops", "pouch", "space", "canal", "duct", "gland", "fossa", "sign"}
    | {"care"}  # "<town> care" is a kind of care ("heath care" misspelled)
    | common.EPONYM_NOUNS  # "In Cushing syndrome": a town's name that is also an eponym
)
_TREATMENT_VERBS = frozenset({"started", "restarted", "continued", "continue", "given", "put"})


def _product_or_eponym(tokens: Sequence[Token], i: int) -> bool:
    """'<Town> lotion applied', 'fluid in <town> pouch', 'started on <TOWN>': no place."""
    nxt = i + 1
    if nxt < len(tokens) and joins(tokens, nxt) and tokens[nxt].lower in _PRODUCT_OR_BODY_NOUNS:
        return True
    treated = i > 1 and tokens[i - 1].lower == "on" and tokens[i - 2].lower in _TREATMENT_VERBS
    return treated and joins(tokens, i) and joins(tokens, i - 1)


def _cue_ok(token: Token) -> bool:
    """After 'in'/'from': capitalized in prose; in ALL-CAPS or lower notes, not too common."""
    if token.mode == "mixed":
        return token.shape in ("title", "upper")
    return lex.zipf(token.text) < CUED_PLACE_ZIPF


def _state_follows(tokens: Sequence[Token], last: int) -> bool:
    """'Middle River, MD': a state right after the place name."""
    if last + 1 >= len(tokens) or tokens[last + 1].gap_before.strip() != ",":
        return False
    return is_state(tokens[last + 1])


def _longest_place(
    tokens: Sequence[Token], i: int, places: frozenset[str], heads: frozenset[str]
) -> int | None:
    best = i if tokens[i].lower in places else None
    if tokens[i].lower not in heads:
        return best
    phrase, last = tokens[i].lower, i
    while last + 1 < len(tokens) and last - i < 3 and joins(tokens, last + 1):
        last += 1
        phrase += " " + tokens[last].lower
        if phrase in places:
            best = last
    return best


def _at_sign(doc: Doc) -> list[Candidate]:
    return at_sign_rule(doc.tokens) if "@" in doc.text else []  # most texts have no '@'


def _repeats(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    return _with_repeats(doc.tokens, merge(candidates))


# Every rule first, merged; then every other mention of a place word they found.
PHASES = (
    Phase(
        "places",
        (
            on_tokens(facility_rule),
            on_tokens(saint_rule),
            on_text(move_rule),
            _at_sign,
            on_tokens(acronym_unit_rule),
            on_tokens(named_emergency_room_rule),
            on_tokens(region_rule),
            on_tokens(gazetteer_rule),
            on_text(postal_city_rule),
        ),
        finish=_repeats,
    ),
)


class LocationRecognizer(EntityRecognizer):
    """Emits LOCATION and FACILITY results from the facility, move and gazetteer rules."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[LOCATION, FACILITY],
            name="LocationRecognizer",
            supported_language="en",
        )

    recognizer_name = "LocationRecognizer"

    def load(self) -> None:
        lex.places()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        tokens = tokenize(text)
        return [
            own_result(self, c.type, tokens[c.first].start, tokens[c.last].end, c.score)
            for c in run_phases(text, tokens, PHASES)
        ]


def _with_repeats(tokens: Sequence[Token], found: list[Candidate]) -> list[Candidate]:
    """Add every other mention of a place word found once: 'to Quellmorn 2 … Quellmorn3'.

    Notes name a ward or hospital once with a cue and then bare. Everyday, clinical,
    facility and unit words, and states, are not carried over. The last place holding
    a word types its repeats, and a word inside any place found is no repeat.
    """
    covered = {i for place in found for i in range(place.first, place.last + 1)}
    repeats = repeat_mentions(tokens, reversed(found), _place_key, _carried_place, covered)
    return merge(found + repeats) if repeats else found


def _place_key(token: Token) -> str:
    return token.lower


def _carried_place(token: Token) -> bool:
    lower = token.lower
    if hospital_acronym(token) and lower not in UNIT_ACRONYMS:
        return True  # "sent to GH … LEAVE GH"
    if (
        len(lower) <= 3
        or not lower.isalpha()
        or lower in FACILITY_WORDS
        or lower in WEAK_FACILITY_WORDS
    ):
        return False
    if lower in common.NEVER_A_NAME or lower in UNIT_ACRONYMS or lower in STATE_NAMES:
        return False
    return not lex.is_everyday_word(token.text) and not looks_clinical(token.text)


def build() -> list[EntityRecognizer]:
    return [LocationRecognizer()]
