"""Named institutions: 'St. Mary's', 'Holy Cross', 'Our Lady of …', 'University of Maryland'.

A saint's or holy name, or a university named after its state, is a hospital or a school
near the patient, reported as FACILITY (see locations.py for the recognizer).
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.places.moves import FACILITY, joins
from detectors.places.words import SAINTS, STATE_NAMES, UNIVERSITY
from detectors.text import common_words as common
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token

HOLY_NAMES = frozenset({"cross", "family", "name", "spirit", "redeemer"})


def saint_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'St. Mary's', 'Holy Cross', 'University of Maryland', 'U of MD': named institutions."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_INSTITUTION_STARTS):
        token = tokens[i]
        if i + 1 >= len(tokens) or not joins(tokens, i + 1):
            continue
        nxt = tokens[i + 1]
        if token.lower in SAINTS and _saint_name(nxt) and not _herb(tokens, i + 2):
            previous = tokens[i - 1] if i > 0 and joins(tokens, i) else None
            is_street = previous is not None and previous.shape in ("title", "upper")
            is_street = is_street and previous is not None and previous.lower not in common.STOP
            if not is_street:
                found.append(Candidate(i, i + 1, FACILITY, 0.75))
        elif token.lower == "holy" and nxt.lower in HOLY_NAMES:
            found.append(Candidate(i, i + 1, FACILITY, 0.75))
        elif token.lower == "lady" and (last := _our_lady_end(tokens, i)) is not None:
            found.append(Candidate(i - 1, last, FACILITY, 0.75))
        elif (end := _university_end(tokens, i)) is not None:
            found.append(Candidate(i, end, FACILITY, 0.75))
    return found


_INSTITUTION_STARTS = SAINTS | UNIVERSITY | frozenset({"holy", "lady"})


def _our_lady_end(tokens: Sequence[Token], i: int) -> int | None:
    """The last token of 'Our Lady of Lourdes' (a hospital's name), token i being 'Lady'."""
    if i < 1 or tokens[i - 1].lower != "our" or not joins(tokens, i) or i + 2 >= len(tokens):
        return None
    if tokens[i + 1].lower != "of" or not joins(tokens, i + 2):
        return None
    name = tokens[i + 2]
    if name.shape not in ("title", "upper") and name.mode == "mixed":
        return None
    return i + 2 if name.lower not in common.STOP else None


def _university_end(tokens: Sequence[Token], i: int) -> int | None:
    """The last token of 'University of Maryland', 'U of MD', 'U Maryland', 'UOf Maryland'.

    Capitalized ('u of insulin' is a dose), in any case when a state's name follows the
    full word ('university of maryland'); a state's name right after 'U', 'Univ', 'UOf'.
    """
    if tokens[i].lower not in UNIVERSITY:
        return None
    of_state = _university_of_state(tokens, i)  # any case, also "University of maryland"
    if of_state is not None or not tokens[i].text[0].isupper():
        return of_state
    state = tokens[i + 1]
    if state.lower in STATE_NAMES and state.shape in ("title", "upper"):
        return i + 1
    if tokens[i].lower == "uof" or i + 2 >= len(tokens) or state.lower != "of":
        return None
    return i + 2 if tokens[i + 2].text[0].isupper() else None


def _university_of_state(tokens: Sequence[Token], i: int) -> int | None:
    """'university of maryland' in a lower-case note."""
    if tokens[i].lower != "university" or i + 2 >= len(tokens) or tokens[i + 1].lower != "of":
        return None
    return i + 2 if tokens[i + 2].lower in STATE_NAMES else None


def _herb(tokens: Sequence[Token], i: int) -> bool:
    """'St John's wort', 'st johns wort': a remedy, not a hospital."""
    return i < len(tokens) and tokens[i].lower == "wort"


def _saint_name(token: Token) -> bool:
    """After 'St.': a capitalized given name or word English does not use in prose, a
    census first name in ALL-CAPS or lower notes, or in any case a possessive English
    does not use ("ST. ORLA'S", "st orla's")."""
    if token.lower in common.STOP:
        return False
    if token.mode == "mixed" and token.shape == "title":
        # "St. Agnes", "St. Rose"; not "ST. Stable" (sinus tachycardia, stable)
        return lex.in_first_names(token.text) or not lex.is_everyday_word(token.text)
    if token.lower.endswith(("'s", "’s")) and not lex.is_everyday_word(token.text):
        return token.mode != "mixed" or token.shape == "lower"
    if token.mode == "mixed":
        return False
    # "st vincents", "ST LUKES": the possessive written without its apostrophe
    plural = token.lower.endswith("s") and lex.is_known_first_name(token.text[:-1])
    return plural or lex.is_known_first_name(token.text)
