"""Places found by movement and hospital units: transfers, wards, emergency rooms.

"transferred to Tarnwell", "lives in Brindlewood", "sent to GH", "to TARNWELL 2"
(a ward), "GH EW" and "from ostrander ew" (a hospital before its emergency room).
Split from locations.py, which holds the facility, saint and gazetteer rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.places.wards import WARD_MAX_ZIPF, ward_number_follows
from detectors.places.words import (
    FACILITY_WORDS,
    KIN_WORDS,
    MOVE_VERBS,
    PLACE_NAME_ENDINGS,
    PLACE_PREPOSITIONS,
    STATE_NAMES,
    UNIT_ACRONYMS,
)
from detectors.recognizers._calendar import CALENDAR_WORDS
from detectors.recognizers._us_states import STATES
from detectors.text import common_words as common
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line
from detectors.text.typos import is_typo

STATE_CODES = frozenset(STATES)
LOCATION = "LOCATION"
FACILITY = "FACILITY"  # a hospital, rehab or nursing home: never the verdict alone


def joins(tokens: Sequence[Token], i: int) -> bool:
    return tokens[i].gap_before.strip(" .'") == "" and "\n" not in tokens[i].gap_before


def move_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'transferred to Tarnwell', 'sent to gh', 'lives in Brindlewood', 'from Ellerbyville'."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(PLACE_PREPOSITIONS):
        if not 0 < i < len(tokens) - 1:
            continue
        j = i + 1
        if tokens[j].lower == "the" and j + 1 < len(tokens):
            j += 1
        if not same_line(tokens, j) or tokens[j].lower in CALENDAR_WORDS:
            continue  # "from August through October", "to Monday"
        ward = ward_number_follows(tokens, j, text) and lex.zipf(tokens[j].text) < WARD_MAX_ZIPF
        acronym = tokens[i].lower in ("to", "at", "from", "in") and hospital_acronym(tokens[j])
        # "went back on Diamox", "started on X": people are moved to, not on, places
        moved = tokens[i].lower != "on" and _after_move(tokens, i)
        moved = moved and (
            unknown_place(tokens[j])
            or _named_after_cue(tokens, i, j)
            or _listed_town(tokens[j])
            or _lower_town(tokens[j], resident=_residence(tokens, i))
        )
        moved = moved and not _hospital_unit(tokens, j)
        stated = tokens[i].lower in _STATED_PREPOSITIONS and _state_after(tokens, j)
        if ward or moved or stated or (acronym and unknown_place(tokens[j])):
            kind = FACILITY if acronym else LOCATION
            found.append(Candidate(j, extend_place(tokens, j), kind, 0.7))
    return found


_STATED_PREPOSITIONS = frozenset({"from", "to", "in", "near"})
# Words no place in prose is named by (one set, not a union per call).
_NOT_IN_PROSE = common.STOP | common.CLINICAL_SHORTHAND | UNIT_ACRONYMS | STATE_NAMES
# State codes that are also credentials after a name ("Jones, MD", "Tiffany, MA").
CREDENTIAL_CODES = frozenset({"MD", "PA", "MA"})


def _state_after(tokens: Sequence[Token], j: int) -> bool:
    """'from Kessington, MA' is no place (MA is a credential too); 'from Kessington,
    Vermont' or 'to Quellby, VT' is: a capitalised word, a comma, then a state."""
    if tokens[j].shape not in ("title", "upper") or not unknown_place(tokens[j]):
        return False
    k = j + 1
    if k >= len(tokens) or tokens[k].gap_before.strip() != "," or not same_line(tokens, k):
        return False
    return is_state(tokens[k])


def is_state(token: Token) -> bool:
    """A state's name, or its USPS code in capitals, but never MD, PA or MA (credentials
    after a clinician's name too: "Jones, PA")."""
    if token.shape == "upper" and token.text in STATE_CODES:
        return token.text not in CREDENTIAL_CODES
    return token.lower in STATE_NAMES


_EMERGENCY_UNITS = frozenset({"er", "ew", "ed", "icu", "micu", "ccu", "cath"})


def acronym_unit_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'GH EW', 'MGH ICU': a hospital acronym right before one of its units."""
    return [
        Candidate(i, i, FACILITY, 0.7)
        for i in (k - 1 for k in index_of(tokens).at(_EMERGENCY_UNITS) if k > 0)
        if hospital_acronym(tokens[i])
        and tokens[i].lower not in UNIT_ACRONYMS
        and tokens[i + 1].lower in _EMERGENCY_UNITS
        and joins(tokens, i + 1)
    ]


_EMERGENCY_ROOMS = frozenset({"er", "ew", "ed"})
_ARRIVAL_WORDS = frozenset({"from", "to", "at", "via"})


def named_emergency_room_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'from ostrander ew', 'sent to Halloran Vale EW': a hospital named before its ER."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_EMERGENCY_ROOMS):
        room = tokens[i]
        if i < 2 or (room.shape != "upper" and room.mode != "lower"):
            continue
        first = i
        while i - first < 2 and first > 1 and joins(tokens, first) and _er_name(tokens[first - 1]):
            first -= 1
        cue = tokens[first - 1]
        if first < i and cue.lower in _ARRIVAL_WORDS and joins(tokens, first):
            found.append(Candidate(first, i - 1, FACILITY, 0.7))
    return found


def _er_name(token: Token) -> bool:
    return unknown_place(token) or _named_in_prose(token)


def hospital_acronym(token: Token) -> bool:
    """Hospital acronyms: GH, MGH, BVMC, VAMC (not 'ETOH', not everyday words)."""
    if token.shape != "upper" and token.mode != "lower":
        return False
    lower = token.lower
    common = lex.is_everyday_word(lower, lex.PROPER_ZIPF)  # "gh" is slang-rare, "high" is not
    return len(lower) <= 4 and lower.endswith(("h", "mc", "va")) and not common


# "transfer to Cardiac floor", "back to Surgery service": a part of the hospital.
_UNIT_NOUNS = frozenset({"floor", "unit", "service", "team", "ward", "side", "bay"})


def _hospital_unit(tokens: Sequence[Token], j: int) -> bool:
    nxt = j + 1
    return nxt < len(tokens) and same_line(tokens, nxt) and tokens[nxt].lower in _UNIT_NOUNS


_RESIDES = frozenset({"lives", "living", "resides", "resident", "works", "working"})
RESIDENCE_REACH = 4  # "lives with her husband in <town>"


def _after_move(tokens: Sequence[Token], i: int) -> bool:
    if tokens[i - 1].lower in MOVE_VERBS or _residence(tokens, i):
        return True
    # "SON IN TARRINGTON AWARE", "daughter from <town>": where a relative is
    return tokens[i].lower in ("in", "from") and tokens[i - 1].lower in KIN_WORDS


def _named_after_cue(tokens: Sequence[Token], i: int, j: int) -> bool:
    """A capitalised word in prose, or a word before a town's name ending in its own case,
    that the cue at i names as a place."""
    named = _named_in_prose(tokens[j]) or _ending_in_one_case(tokens, j)
    return named and _named_cue(tokens, i, j)


def _named_cue(tokens: Sequence[Token], i: int, j: int) -> bool:
    """After to/from/at a capitalised word is a place; after 'lives in' only with a
    town's name ending ('lives in Quarry Falls', not 'lives in Section 8 housing')."""
    if tokens[i].lower in ("to", "from", "at"):
        return True
    ending = j + 1 < len(tokens) and joins(tokens, j + 1) and _name_ending(tokens[j + 1], tokens[j])
    return ending and _residence(tokens, i)


def _residence(tokens: Sequence[Token], i: int) -> bool:
    """'lives in', 'resides alone in', 'lives w/ husband Dmitri in': token i is the 'in'
    of where someone lives (a residence word at most RESIDENCE_REACH words back, in the
    same clause: nothing but spaces and '/' between)."""
    if tokens[i].lower != "in":
        return False
    for k in range(i - 1, max(i - 1 - RESIDENCE_REACH, -1), -1):
        if tokens[k + 1].gap_before.strip(" /"):
            return False
        if tokens[k].lower in _RESIDES:
            return True
    return False


def unknown_place(token: Token) -> bool:
    """A word that is no everyday or clinical word: likely a place or facility name."""
    lower = token.lower
    if lower in common.CLINICAL_SHORTHAND or lower.endswith(common.NOT_NAME_ENDINGS):
        return False  # "on FOLEY", "RETURN TO DOZING"
    if lower in common.STOP or lower in UNIT_ACRONYMS or lower in STATE_NAMES:
        return False
    if token.mode == "mixed" and token.shape not in ("title", "upper"):
        return False
    if len(lower) <= 5 and (token.shape == "upper" or token.mode == "lower"):
        return hospital_acronym(token)  # hospital acronyms: GH, MGH, BVMC, VAMC
    return not lex.is_everyday_word(token.text) and len(lower) > 3


LISTED_TOWN_MAX_ZIPF = 4.5  # "return to Springfield" is a town; "returned to normal" is not


def _listed_town(token: Token) -> bool:
    """A US place from the gazetteer that English does not use much: capitalized in
    prose, in any case in ALL-CAPS or lower-case notes."""
    lower = token.lower
    if lower not in lex.places() or lower in STATE_NAMES or lower in common.STOP:
        return False
    if token.mode == "mixed" and token.shape != "title":
        return False  # in mixed-case prose an ALL-CAPS word is an acronym, not a town
    return lex.zipf(token.text) < LISTED_TOWN_MAX_ZIPF and not looks_clinical(token.text)


LOWER_TOWN_MAX_ZIPF = 3.0  # "discharged to brockport"; "discharged to home" is no town


def _lower_town(token: Token, resident: bool) -> bool:
    """A town written in lower case in a mixed-case note, right after a move: a listed
    town English rarely uses ('family from brockport'), or after 'lives in' (`resident`)
    also a longer word English does not know ('lives in fenwick').

    After other moves a lower-case word unknown to English is not taken: in mixed-case
    notes those are mostly misspellings ("to go to camode")."""
    lower = token.lower
    if token.mode != "mixed" or token.shape != "lower":
        return False
    if lower in common.STOP or lower in common.CLINICAL_SHORTHAND or lower in STATE_NAMES:
        return False
    if lower.endswith(common.NOT_NAME_ENDINGS) or looks_clinical(token.text):
        return False
    if lower not in lex.places():
        return resident and len(lower) >= RESIDENT_UNKNOWN_LETTERS and _unknown_to_english(token)
    return lex.zipf(token.text) < LOWER_TOWN_MAX_ZIPF


RESIDENT_UNKNOWN_LETTERS = 5  # "lives in fenwick"; "lives in tx" is a state's code


def _unknown_to_english(token: Token) -> bool:
    """Unknown to English and no typo, or a surname more than a word ('fenwick')."""
    if lex.nameness(token.text) >= lex.NAME_LIKE and not lex.is_everyday_word(token.text):
        return True
    return lex.zipf(token.text) < lex.UNKNOWN_ZIPF and not is_typo(token.text)


def _named_in_prose(token: Token) -> bool:
    """'went to Harbor': capitalized mid-sentence after a move, even if also a common word."""
    lower = token.lower
    if token.mode != "mixed" or token.shape != "title" or token.sentence_start:
        return False
    return lower not in _NOT_IN_PROSE and not looks_clinical(token.text) and len(lower) > 3


def extend_place(tokens: Sequence[Token], j: int) -> int:
    last = j
    while last + 1 < len(tokens) and last - j < 2 and joins(tokens, last + 1):
        nxt = tokens[last + 1]
        if _name_ending(nxt, tokens[j]):
            return last + 1  # "Quarry Falls", "ELM HEIGHTS"
        if nxt.lower in FACILITY_WORDS or not unknown_place(nxt):
            break
        last += 1
    return last


def _ending_in_one_case(tokens: Sequence[Token], j: int) -> bool:
    """'LIVES IN QUARRY FALLS', 'lives in quarry falls': a town's first word (not a stop
    or clinical word) before its name ending, in the same case (title case is
    _named_in_prose's)."""
    token = tokens[j]
    if token.shape not in ("upper", "lower") or token.lower in _NOT_IN_PROSE:
        return False
    if looks_clinical(token.text) or token.lower.endswith(common.NOT_NAME_ENDINGS):
        return False
    return j + 1 < len(tokens) and joins(tokens, j + 1) and _name_ending(tokens[j + 1], token)


def _name_ending(token: Token, first: Token) -> bool:
    """'Falls', 'Heights', 'County' ending a town's name, written in the name's own case."""
    return token.lower in PLACE_NAME_ENDINGS and token.shape == first.shape
