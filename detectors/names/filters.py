"""Name candidates that are no person: eponyms, typos, relation or credential words alone.

Eponyms: a person's name that names a disease, sign or test ("Bell palsy").

Clinical text is full of surnames that now name conditions, signs, scores and devices
("Bell palsy", "Hashimoto thyroiditis", "Babinski sign", "Swan Ganz catheter"). A one-word name
candidate right before such a noun, on the same line, is the eponym, not a person,
unless a title, relation or role introduces it ("daughter Grace line is busy"). A
first and last name stay a person ("<First> <Last> test results", "<First> <Last>'s
disease").

A run right before a product form ("Aloe Vesta oint") is the product. A run of
capitalized words ending in a facility word is the facility ("Tarnwell
Rehab"), which the place recognizer reports. A relation or credential word alone is
the label of a person, not the name:
"Guardian: Niece, <First> <LAST>" names the niece after the comma; "assessed by rrt".

"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.names import words
from detectors.places.words import FACILITY_WORDS, WEAK_FACILITY_WORDS
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.common_words import EPONYM_NOUNS
from detectors.text.tokens import Token
from detectors.text.typos import is_typo

# Suffixes of disease nouns: "Hashimoto thyroiditis", "Wegener granulomatosis".
EPONYM_NOUN_ENDINGS = ("itis", "osis", "oma", "pathy", "plegia", "emia", "aemia")


def eponym_noun(token: Token) -> bool:
    """A word that an eponym names: 'palsy', 'sign', 'thyroiditis'."""
    lower = token.lower
    return lower in EPONYM_NOUNS or (len(lower) > 6 and lower.endswith(EPONYM_NOUN_ENDINGS))


def drop_not_persons(tokens: Sequence[Token], found: list[Candidate]) -> list[Candidate]:
    """The candidates without eponyms, lone relation or credential words and facilities."""
    return [
        name
        for name in found
        if not _before_eponym_noun(tokens, name)
        and not _lone_label_word(tokens, name)
        and not _facility_name(tokens, name)
        and not _product_before_form(tokens, name)
        and not _maker_and_product(tokens, name)
        and not _typo(tokens, name)
        and not _country(tokens, name)
    ]


def _country(tokens: Sequence[Token], name: Candidate) -> bool:
    """'a 45 yo from Guatemala': a country is no person (nor a place Safe Harbor counts),
    but a country that is also a given name stays a name ('Jordan called')."""
    words_of = [t.lower for t in tokens[name.first : name.last + 1]]
    if " ".join(words_of) not in lex.countries():
        return False
    return len(words_of) > 1 or not lex.is_known_first_name(words_of[0])


def _typo(tokens: Sequence[Token], name: Candidate) -> bool:
    """'Famliy is involved', 'Seen by Cardic Transplant': a misspelled word, and no word of
    the candidate that is a name on its own."""
    span = [t for t in tokens[name.first : name.last + 1] if t.shape != "initial"]
    typos = [t for t in span if is_typo(t.text)]
    return bool(typos) and all(t in typos or lex.is_everyday_word(t.text) for t in span)


def _maker_and_product(tokens: Sequence[Token], name: Candidate) -> bool:
    """'Moderna Spikevax', 'Abbott Amulet': a maker's name opening a product's; 'Eli
    Lilly', 'Novo Nordisk': the maker itself. 'Mary Abbott' stays a person."""
    if name.last == name.first:
        return False
    first = tokens[name.first].lower
    return first in words.MANUFACTURERS or (first, tokens[name.first + 1].lower) in (
        words.MANUFACTURER_NAMES
    )


# Forms a product is sold in: "<Brand> <Name> oint applied", "<Brand> cream".
PRODUCT_FORMS = frozenset(
    {"oint", "ointment", "cream", "lotion", "gel", "spray", "powder", "paste", "patch"}
    | {"drops", "supp", "suppository", "susp", "suspension", "elixir", "syrup", "tabs"}
    | {"caps", "inhaler", "pen", "wipes", "wash", "barrier", "dressing"}
)


def _product_before_form(tokens: Sequence[Token], name: Candidate) -> bool:
    """'Aloe Vesta oint applied': a product before the form it is sold in, not a person.

    A run that opens with a census first name stays a person ("<First> <Last> cream
    applied by wife" is ambiguous, and a missed name costs more than a false one).
    """
    after = name.last + 1
    if after >= len(tokens) or "\n" in tokens[after].gap_before:
        return False
    if tokens[after].gap_before.strip() or tokens[after].lower not in PRODUCT_FORMS:
        return False
    return not lex.is_known_first_name(tokens[name.first].text)


_FACILITY_TAILS = FACILITY_WORDS | WEAK_FACILITY_WORDS


def _facility_name(tokens: Sequence[Token], name: Candidate) -> bool:
    """'Screened by Tarnwell Rehab coordinator': a run ending in a facility word is a place.

    A one-word name stays ('Dr. House'), and so does a run a title or relation opens.
    """
    if name.last == name.first or tokens[name.last].lower not in _FACILITY_TAILS:
        return False
    return name.first == 0 or tokens[name.first - 1].lower not in _INTRODUCERS


_LABEL_WORDS = words.RELATIONS | words.CREDENTIALS


def _lone_label_word(tokens: Sequence[Token], name: Candidate) -> bool:
    return name.first == name.last and tokens[name.first].lower in _LABEL_WORDS


_INTRODUCERS = words.PROVIDER_TITLES | words.PATIENT_TITLES | words.PROVIDER_ROLES | words.RELATIONS


def _before_eponym_noun(tokens: Sequence[Token], name: Candidate) -> bool:
    if name.last != name.first:
        return False
    if name.first > 0 and tokens[name.first - 1].lower in _INTRODUCERS:
        return False
    after = name.last + 1
    if after >= len(tokens) or "\n" in tokens[after].gap_before:
        return False
    if tokens[after].gap_before.strip() not in ("", "-"):
        return False  # "Bell, palsy" or "Bell: sign" is not one phrase
    return eponym_noun(tokens[after])
