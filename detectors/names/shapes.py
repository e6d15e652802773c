"""Name rules driven by the shape of a name (see rules.py for titles, cues.py for cues).

Known first name + surname, a name right before a date of birth or a phone, and
labelled fields ("Patient: PURCELL, MAREN"); capitalized runs in ordinary mixed-case
prose are in capitalized.py; the word predicates in predicates.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress
from operator import eq

import regex

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import (
    STRONG_FIRST_NAME,
    census_backed,
    census_or_rare,
    unknown_name_word,
)
from detectors.names.rules import NAME, column_label, extend
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line


def first_last_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A known first name followed by a surname-like word: 'Gerry Pelli', 'KAREN ANN TREMBULIS'."""
    found: list[Candidate] = []
    for i in index_of(tokens).where(lex.is_known_first_name):
        token = tokens[i]
        if i + 1 >= len(tokens) or token.lower in words.STOP:
            continue
        if token.lower in words.CLINICAL_SHORTHAND:
            continue
        if _lower_initialled(tokens, i):
            found.append(Candidate(i, i + 2, NAME, 0.7))
            continue
        if token.mode == "mixed" and token.shape not in ("title", "upper"):
            continue
        last = extend(tokens, i)
        surnames = tokens[i + 1 : last + 1]
        plain_prose = token.mode == "mixed" and lex.nameness(token.text) >= STRONG_FIRST_NAME
        if last == i and not plain_prose and i + 1 < len(tokens) and _rare_surname(tokens, i + 1):
            last = i + 1  # "patty vondrasek", "VIRGINIA PELLUCCI": first name + unknown word
            surnames = tokens[i + 1 : last + 1]
        if last > i and (plain_prose or any(map(census_or_rare, surnames))):
            found.append(Candidate(i, last, NAME, 0.7))
    return found


def _lower_initialled(tokens: Sequence[Token], i: int) -> bool:
    """'follow up with benjamin q harvold': first name, initial, surname, all lower case.

    The surname must be a name English does not use as a word ('give john a call' is no
    name); the initial may carry its dot ('eric g. dubrovska').
    """
    if i + 2 >= len(tokens) or tokens[i].shape != "lower":
        return False
    initial, surname = tokens[i + 1], tokens[i + 2]
    if len(initial.text) != 1 or not initial.text.islower() or initial.gap_before != " ":
        return False
    if surname.shape != "lower" or surname.gap_before not in (" ", ". "):
        return False
    if not same_line(tokens, i + 2) or lex.is_everyday_word(surname.text):
        return False
    return census_or_rare(surname) and not looks_clinical(surname.text)


_DATE_AFTER = regex.compile(r"\s*,?\s*(?:DOB:?\s*)?\d{1,2}/\d{1,2}/\d{2,4}\b")


def name_before_dob_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'Harlan Tolley 05/14/1962': census first name + surname right before a full date."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(lex.first_names()):
        if i + 1 >= len(tokens):
            break
        first, last = tokens[i], tokens[i + 1]
        if first.shape not in ("title", "upper") or last.shape != first.shape:
            continue
        if lex.name_share(last.text) <= 0:
            continue
        if last.gap_before == " " and _DATE_AFTER.match(text, last.end):
            found.append(Candidate(i, i + 1, NAME, 0.75))
    return found


_PHONE_AFTER = regex.compile(
    r"[ \t]*[-\u2013:,(]?[ \t]*(?:(?:cell|home|work|mobile|ph|phone|tel)\.?[ \t]*#?:?[ \t]*)?"
    r"\(?[2-9]\d{2}\)?[ \t.\-]*\d{3}[ \t.\-]*\d{4}\b",
    regex.IGNORECASE,
)


def name_before_phone_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'Tamsie Borvelli cell# 555-014-2273', 'son: Anatoly Brennan - 555-017-4480'."""
    found: list[Candidate] = []
    for i in _title_pairs(tokens):
        first, last = tokens[i], tokens[i + 1]
        if last.gap_before != " ":
            continue
        if not _PHONE_AFTER.match(text, last.end):
            continue
        pair = (first, last)
        if any(t.lower in words.STOP or t.lower in words.NOT_PERSON for t in pair):
            continue
        if census_or_rare(first) or census_or_rare(last) or census_backed(last):
            found.append(Candidate(i, i + 1, NAME, 0.7))
    return found


def _title_pairs(tokens: Sequence[Token]) -> Iterator[int]:
    """Positions of title-case words followed by another: in the ascending positions of
    title-case words, those whose successor is the next position (picked out at C speed)."""
    titles = index_of(tokens).titles
    return compress(titles, map(eq, map((1).__add__, titles), titles[1:]))


def _rare_surname(tokens: Sequence[Token], i: int) -> bool:
    token, first = tokens[i], tokens[i - 1]
    if not same_line(tokens, i) or token.gap_before.strip():
        return False
    same_case = token.shape == first.shape or (token.mode != "mixed" and token.shape == "lower")
    if first.lower in words.CLINICAL_SHORTHAND or not same_case:
        return False
    return unknown_name_word(token) and lex.nameness(first.text) >= lex.NAME_LIKE


def field_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'Patient: FENWOLD, MAVIS', 'Name - Edgar Brindel': the rest of a labelled line."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(words.FIELD_LABELS):
        if i + 1 >= len(tokens):
            continue
        inline = not _line_starts_at(tokens, i)
        if inline and not (tokens[i].sentence_start and _name_first(tokens, i)):
            continue  # inline ("… today. Patient: Sung-min Park."): only before a name
        j = i + 1 if tokens[i + 1].lower == "name" else i
        if j + 1 >= len(tokens) or not tokens[j + 1].gap_before.strip().startswith((":", "#", "-")):
            continue
        last = j
        while last + 1 < len(tokens) and last - j < 4 and same_line(tokens, last + 1):
            nxt = tokens[last + 1]
            if nxt.lower in words.STOP or nxt.gap_before.strip(" ,.:-#") != "":
                break
            if column_label(tokens, last + 1) or (
                nxt.lower in words.COLUMN_LABELS and "," in nxt.gap_before
            ):
                break  # "Name: Ida Quenn    DOB: …", "pt name: ida quenn, mrn …"
            if "." in nxt.gap_before and tokens[last].shape != "initial":
                break  # "Patient: Ida Quenn. DOB …": the sentence ends the name
            last += 1
        if last > j:
            found.append(Candidate(j + 1, last, NAME, 0.85))
    return found


def _name_first(tokens: Sequence[Token], label: int) -> bool:
    """The word after an inline label is capitalised and could be a name."""
    j = label + 2 if tokens[label + 1].lower == "name" else label + 1
    if j >= len(tokens) or not same_line(tokens, j):
        return False
    token = tokens[j]
    if token.shape not in ("title", "upper") or token.lower in words.STOP:
        return False
    if lex.is_known_first_name(token.text) or census_or_rare(token):
        return True
    following = tokens[j + 1] if j + 1 < len(tokens) and same_line(tokens, j + 1) else None
    return following is not None and following.shape == token.shape and census_backed(following)


def _line_starts_at(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or not same_line(tokens, i) or tokens[i].gap_before.strip() in ("-", "*", ">")
