"""The "could this word be a name?" predicates the name rules share, and their thresholds.

Each predicate judges one token in the context a rule gives it: right after a strong
cue such as a title ("Dr. <word>"), after a medium cue such as a relation or role
("son <word>"), as the next word of a name already started, or on its shape alone
(rare, unknown to English, a census first name). Every number a predicate compares
against is a named constant here, so a threshold is tuned in one place.
"""

from __future__ import annotations

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.text import lexicon as lex
from detectors.text.tokens import Token

# Census "nameness" of a first name, right after a relation word: "son Bill" (0.9),
# "son Rob" (0.76) are names; "son Will" and "son May" are not.
RELATIVE_FIRST_NAME = 0.5
# Nameness above which a lone first name in plain prose is a name, not a word.
STRONG_FIRST_NAME = 1.8
# Word frequency (Zipf) below which a word is unknown to English: a likely surname.
UNKNOWN_ZIPF = lex.UNKNOWN_ZIPF
# Right after "Dr."/"Mrs." in mixed-case text, a lower-case word rarer than this is the
# name ("Dr. okafor"): English words after a title are common ones ("dr. visit").
AFTER_TITLE_ZIPF = 3.0
# Letters a word needs before rarity alone makes it a name ("Vrabec", not "Ab").
MIN_NAME_LETTERS = 3
# Letters a word needs after a medium cue ("son J" is an initial's job, not a name).
MIN_CUED_LETTERS = 2


def capitalized(token: Token) -> bool:
    return token.shape in ("title", "upper", "initial") or (
        token.shape == "mixed" and token.text[:1].isupper()
    )


def relative_name_ok(token: Token) -> bool:
    """Right after a relation word, a census first name that is also a common word: 'son Mark'."""
    lower = lex.base_form(token.text)
    if lower in words.NEVER_A_NAME:
        return False
    if token.mode == "mixed" and token.shape not in ("title", "upper"):
        return False
    return lower in lex.first_names() and lex.nameness(lower) >= RELATIVE_FIRST_NAME


def census_backed(token: Token) -> bool:
    """The word (or a part of a hyphenated word) is in the census name lists."""
    return any(lex.name_share(part) > 0 for part in token.lower.split("-") if len(part) > 1)


def strong_ok(token: Token) -> bool:
    """After 'Dr.'/'Mrs.': almost any word is the name, unless it is a stop or everyday word."""
    if token.lower in words.NEVER_A_NAME:
        return False
    if token.mode == "mixed":
        return capitalized(token)
    return surname_ok(token)


_STOP_OR_NOT_PERSON = words.STOP | words.NOT_PERSON  # made once, not per call


def after_title_ok(token: Token, doctor: bool = False) -> bool:
    """Right after 'Dr.'/'Mrs.': also 'Dr. Foley' (a catheter elsewhere) and 'dr halloran'.

    In mixed-case text a lower-case word is the name when it is unknown to English or
    name-like; after a doctor's title (`doctor`), also when it is merely rare ("Dr.
    okafor"). "Mr."/"Ms." also abbreviate mitral regurgitation and mental status.
    """
    if strong_ok(token):
        return True
    if token.mode != "mixed" or token.lower in _STOP_OR_NOT_PERSON:
        return False
    if token.shape == "title":
        return True
    if token.shape != "lower" or token.lower in words.CLINICAL_SHORTHAND:
        return False
    if lex.nameness(token.text) >= lex.NAME_LIKE:
        return True
    zipf = lex.zipf(token.text)
    if zipf < UNKNOWN_ZIPF:
        return True
    rare = doctor and zipf < AFTER_TITLE_ZIPF and not lex.is_everyday_word(token.text)
    return rare and len(token.text) >= MIN_NAME_LETTERS and not looks_clinical(token.text)


def surname_ok(token: Token) -> bool:
    """A census name, an initial, or not an everyday word ('PRICE' after 'DR.' is a name)."""
    if token.lower in words.STOP:
        return False
    if token.shape == "initial" or lex.name_share(token.text) > 0:
        return True
    return not lex.is_everyday_word(token.text)


def medium_ok(token: Token) -> bool:
    """After 'son', 'NP': title case in mixed text, else a census name, not an everyday word."""
    if len(token.text) < MIN_CUED_LETTERS:
        return False
    if token.lower in words.STOP or token.lower in words.NOT_PERSON:
        return False
    if token.lower in words.PROVIDER_ROLES or token.lower in words.CREDENTIALS:
        return False
    if token.lower in words.CLINICAL_SHORTHAND:
        return False
    if token.mode == "mixed" and token.shape != "lower":
        return token.shape == "title" and not lex.is_everyday_word(token.text, lex.PROPER_ZIPF)
    if any(part in words.RELATIONS for part in token.lower.split("-")):
        return False
    if lex.is_known_first_name(token.text) or lex.nameness(token.text) >= lex.NAME_LIKE:
        return True
    long_enough = len(token.text) >= MIN_NAME_LETTERS
    return long_enough and lex.is_listed_first_name(token.text)  # "BROTHER GUSTAV"


def continues(token: Token) -> bool:
    """Can this token extend a name already started (middle initial, surname)?"""
    if token.lower in words.STOP or token.lower in words.INSTITUTION_WORDS:
        return False
    if token.lower in words.CREDENTIALS or token.lower in words.PROVIDER_ROLES:
        return False
    if token.shape == "initial":
        return True
    if token.mode == "mixed":
        return token.shape in ("title", "upper") and token.lower not in words.NOT_PERSON
    return lex.nameness(token.text) >= lex.NAME_LIKE  # ALL-CAPS/lower notes: census names only


def census_or_rare(token: Token) -> bool:
    if token.shape == "initial":
        return False
    return lex.nameness(token.text) >= lex.NAME_LIKE or unknown_name_word(token)


def unknown_name_word(token: Token) -> bool:
    """A word English does not know that could be a surname ('Vardoulis', not 'Awating')."""
    lower = lex.base_form(token.text)  # "Vrabec's" is as unknown as "Vrabec"
    if lower in words.CLINICAL_SHORTHAND or lower.endswith(words.NOT_NAME_ENDINGS):
        return False
    rare = lex.zipf(lower) < UNKNOWN_ZIPF and lower.isalpha() and len(lower) >= MIN_NAME_LETTERS
    return rare and not looks_clinical(lower)


def rare_or_first_name(token: Token) -> bool:
    """Not everyday English, or a listed first name: 'by Sigrun', 'said Johannes'."""
    return not lex.is_everyday_word(token.text) or lex.is_listed_first_name(token.text)


def rare_word(token: Token) -> bool:
    """Three letters or more and `rare_text`: 'Tomasz', 'Radek', not 'Heparin'."""
    return len(token.lower) >= MIN_NAME_LETTERS and rare_text(token.text)


def rare_text(text: str) -> bool:
    """Letters only, rarer than everyday English, and no clinical word or shorthand."""
    if not text.isalpha() or text.lower() in words.CLINICAL_SHORTHAND:
        return False
    return lex.zipf(text) < lex.RARE_ZIPF and not looks_clinical(text)
