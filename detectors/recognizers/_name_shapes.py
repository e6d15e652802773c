"""Name rules driven by the shape of a name (see _name_rules for titles, _name_cues for cues).

Known first name + surname, a name right before a date of birth, labelled fields
("Patient: HOLLOWAY, JUNE"), lines holding only a name, and capitalized runs in
ordinary mixed-case prose.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from detectors.health_context import looks_clinical
from detectors.recognizers import _lexicon as lex
from detectors.recognizers import _name_words as words
from detectors.recognizers._name_rules import (
    NAME,
    Candidate,
    census_backed,
    extend,
    strong_ok,
)
from detectors.recognizers._tokens import Token, same_line

UNKNOWN_ZIPF = 2.0  # rarer than this, a capitalized word is almost surely a proper noun


def first_last_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A known first name followed by a surname-like word: 'Gerry Masci', 'KAREN ANN YANULIS'."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens[:-1]):
        if not lex.is_known_first_name(token.text) or token.lower in words.STOP:
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
        plain_prose = token.mode == "mixed" and lex.nameness(token.text) >= 1.8
        if last == i and not plain_prose and i + 1 < len(tokens) and _rare_surname(tokens, i + 1):
            last = i + 1  # "patty hoeller", "VIRGINIA SALLESE": first name + unknown word
            surnames = tokens[i + 1 : last + 1]
        if last > i and (plain_prose or any(map(_census_or_rare, surnames))):
            found.append(Candidate(i, last, NAME, 0.7))
    return found


def _lower_initialled(tokens: Sequence[Token], i: int) -> bool:
    """'follow up with benjamin q seiler': first name, initial, surname, all lower case.

    The surname must be a name English does not use as a word ('give john a call' is no
    name); the initial may carry its dot ('eric g. samoylova').
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
    return _census_or_rare(surname) and not looks_clinical(surname.text)


_DATE_AFTER = regex.compile(r"\s*,?\s*(?:DOB:?\s*)?\d{1,2}/\d{1,2}/\d{2,4}\b")


def name_before_dob_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'Miles Porter 06/30/1988': census first name + surname right before a full date."""
    found: list[Candidate] = []
    for i in range(len(tokens) - 1):
        first, last = tokens[i], tokens[i + 1]
        if first.shape not in ("title", "upper") or last.shape != first.shape:
            continue
        if first.lower not in lex.first_names() or lex.name_share(last.text) <= 0:
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
    """'Lopie Certusi cell# 410-322-1419', 'son: Vladimir Erickson - 989-290-8303'."""
    found: list[Candidate] = []
    for i in range(len(tokens) - 1):
        first, last = tokens[i], tokens[i + 1]
        if first.shape != "title" or last.shape != "title" or last.gap_before != " ":
            continue
        if not _PHONE_AFTER.match(text, last.end):
            continue
        pair = (first, last)
        if any(t.lower in words.STOP or t.lower in words.NOT_PERSON for t in pair):
            continue
        if _census_or_rare(first) or _census_or_rare(last) or census_backed(last):
            found.append(Candidate(i, i + 1, NAME, 0.7))
    return found


def _census_or_rare(token: Token) -> bool:
    if token.shape == "initial":
        return False
    return lex.nameness(token.text) >= lex.NAME_LIKE or unknown_name_word(token)


def unknown_name_word(token: Token) -> bool:
    """A word English does not know that could be a surname ('Kiezulas', not 'Awating')."""
    lower = token.lower
    if lower in words.CLINICAL_SHORTHAND or lower.endswith(words.NOT_NAME_ENDINGS):
        return False
    rare = lex.zipf(token.text) < UNKNOWN_ZIPF and token.text.isalpha() and len(lower) >= 3
    return rare and not looks_clinical(token.text)


def _rare_surname(tokens: Sequence[Token], i: int) -> bool:
    token, first = tokens[i], tokens[i - 1]
    if not same_line(tokens, i) or token.gap_before.strip():
        return False
    same_case = token.shape == first.shape or (token.mode != "mixed" and token.shape == "lower")
    if first.lower in words.CLINICAL_SHORTHAND or not same_case:
        return False
    return unknown_name_word(token) and lex.nameness(first.text) >= lex.NAME_LIKE


def field_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'Patient: HOLLOWAY, JUNE', 'Name - Edgar Holm': the rest of a labelled line."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens[:-1]):
        if token.lower not in words.FIELD_LABELS or not _line_starts_at(tokens, i):
            continue
        j = i + 1 if tokens[i + 1].lower == "name" else i
        if j + 1 >= len(tokens) or not tokens[j + 1].gap_before.strip().startswith((":", "#", "-")):
            continue
        last = j
        while last + 1 < len(tokens) and last - j < 4 and same_line(tokens, last + 1):
            nxt = tokens[last + 1]
            if nxt.lower in words.STOP or nxt.gap_before.strip(" ,.:-#") != "":
                break
            last += 1
        if last > j:
            found.append(Candidate(j + 1, last, NAME, 0.85))
    return found


def _line_starts_at(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or not same_line(tokens, i) or tokens[i].gap_before.strip() in ("-", "*", ">")


def capitalized_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Mixed-case prose: runs of capitalized name-like words, or one strongly-name word."""
    found: list[Candidate] = []
    i = 0
    while i < len(tokens):
        last = _capitalized_run(tokens, i)
        if last is None:
            i += 1
            continue
        run = tokens[i : last + 1]
        if _run_is_name(run, tokens, last):
            found.append(Candidate(i, last, NAME, 0.7 if len(run) > 1 else 0.55))
            i = last + 1
        elif lex.is_everyday_word(run[0].text, lex.PROPER_ZIPF) and last > i:
            i += 1  # "Producer Vilhjálmur Georgsson": judge the run without its first word
        else:
            i = last + 1
    return found


def _capitalized_run(tokens: Sequence[Token], i: int) -> int | None:
    token = tokens[i]
    if token.mode != "mixed" or token.shape != "title" or not strong_ok(token):
        return None
    last = i
    while last + 1 < len(tokens) and last - i < 3 and same_line(tokens, last + 1):
        nxt = tokens[last + 1]
        joined_by_initial = nxt.gap_before == ". " and tokens[last].shape == "initial"
        if not (nxt.gap_before == " " or joined_by_initial) or nxt.shape not in (
            "title",
            "initial",
        ):
            break
        if not strong_ok(nxt):
            break
        last += 1
    return last


def _run_is_name(run: Sequence[Token], tokens: Sequence[Token], last: int) -> bool:
    threshold = lex.PROPER_ZIPF if len(run) > 1 or not run[0].sentence_start else lex.RARE_ZIPF
    for token in run:
        if token.shape == "initial":
            continue
        if lex.is_everyday_word(token.text, threshold) or token.lower in words.NOT_PERSON:
            return False
    follower = tokens[last + 1] if last + 1 < len(tokens) else None
    if follower is not None and follower.lower in words.INSTITUTION_WORDS:
        return False
    if follower is not None and follower.gap_before == " " and follower.shape == "mixed":
        return False  # "Welch Allyn ProBP": a brand and model, not a person
    named = [t for t in run if t.shape != "initial"]
    verb_follows = follower is not None and _name_verb(follower)
    if len(named) >= 2:
        return _words_are_name(named, run[0].sentence_start, verb_follows)
    single = run[0]
    if not single.text.isascii() and not single.sentence_start:
        return True  # "Ström", "Navrátilová": capitalized and not English
    if _rare_possessive(single):
        return True  # "Asya's kid", "Matej's address"
    lone_subject = single.sentence_start and single.lower not in words.RELATIONS
    subject_name = unknown_name_word(single) or lex.is_known_first_name(single.text)
    if lone_subject and subject_name and _person_predicate(tokens, last + 1):
        return True  # "Irenka is very reliable", "Aloisia, can I speak to…"
    proper = not lex.is_everyday_word(single.text, lex.PROPER_ZIPF)
    known = (
        not single.sentence_start
        or lex.name_share(single.text) > 0
        or (unknown_name_word(single) and _action_verb(follower))  # "Nikolaj spent a year…"
    )
    if verb_follows and proper and known and len(single.text) > 2:
        return not looks_clinical(single.text)  # "Vsevolod is …", "… said Trivo"
    if lex.name_share(single.text) <= 0:
        return False
    if single.sentence_start:
        return lex.nameness(single.text) >= lex.NAME_LIKE and verb_follows
    return lex.nameness(single.text) >= lex.NAME_LIKE


def _words_are_name(named: Sequence[Token], sentence_start: bool, verb_follows: bool) -> bool:
    """Two or more capitalized words, none of them everyday English (checked before)."""
    if any(lex.nameness(t.text) >= lex.NAME_LIKE or not t.text.isascii() for t in named):
        return True  # census support, or letters English does not use
    # Without it: words English does not know ("Tzigane Lantos"), not rarer clinical
    # words ("Nasal Cannula", "Interventional Radiology").
    if any(looks_clinical(t.text) for t in named):
        return False
    if not sentence_start and any(map(unknown_name_word, named)):
        return True  # mid-sentence, one unknown word beside rare ones: "add Oleg Vrabiescu"
    if not sentence_start and _first_name_and_rare_surname(named):
        return True  # "a tribute to Yuri Bulgakov", "features Kate M Begum"
    if _rare_possessive(named[-1]):
        return True  # "Radko Vesnicky's killers": a person owns things
    unknown = all(lex.zipf(t.text) < UNKNOWN_ZIPF for t in named)
    return unknown and (not sentence_start or verb_follows)


def _first_name_and_rare_surname(named: Sequence[Token]) -> bool:
    """A census first name, then a rare word that is no clinical term: 'Yuri Bulgakov'."""
    if len(named) != 2 or lex.base_form(named[0].text) not in lex.first_names():
        return False
    surname = named[1]
    if surname.lower in words.CLINICAL_SHORTHAND or not surname.text.isalpha():
        return False
    return lex.zipf(surname.text) < lex.RARE_ZIPF and not looks_clinical(surname.text)


def _rare_possessive(token: Token) -> bool:
    if not token.lower.endswith(("'s", "’s")):
        return False
    base = lex.base_form(token.text)
    unknown = base.isalpha() and len(base) >= 3 and lex.zipf(base) < UNKNOWN_ZIPF
    return unknown and base not in words.CLINICAL_SHORTHAND and not looks_clinical(base)


def _action_verb(token: Token | None) -> bool:
    """A verb that takes a person as subject; auxiliaries ('Nipride was begun') do not count."""
    return token is not None and token.lower in words.AFTER_NAME - {"is", "was", "had", "has"}


# Passive participles after "is"/"was" make the subject a thing: "Nipride was begun".
_PARTICIPLES = frozenset(
    {"given", "held", "begun", "done", "made", "sent", "seen", "drawn", "put", "set", "kept"}
    | {"left", "hung", "shown", "taken", "cut", "run", "a", "an", "the", "not", "still", "now"}
    | {"also", "being", "getting", "currently", "due", "off", "on", "out", "placed", "restarted"}
)
# After "Name,": the rest of a sentence addressed to that person.
_ADDRESSED = frozenset(
    {"can", "could", "would", "will", "please", "i", "you", "we", "thanks", "thank", "do"}
    | {"did", "are", "have", "how", "what", "when", "where", "why", "let", "just", "hope"}
)


def _person_predicate(tokens: Sequence[Token], j: int) -> bool:
    """Token j starts what people, not things, do: 'spent a year', 'is from', ', can I…'."""
    if j >= len(tokens) or not same_line(tokens, j):
        return False
    token = tokens[j]
    if token.gap_before.strip() == ",":
        return token.lower in _ADDRESSED
    if token.gap_before.strip() or token.shape != "lower":
        return False
    if token.lower in ("is", "was") and j + 1 < len(tokens) and same_line(tokens, j + 1):
        following = tokens[j + 1]
        if following.shape != "lower" or len(following.text) < 3 or following.gap_before != " ":
            return False  # "Grandaughter is HCP", "Bactrim was d/ced"
        return following.lower not in _PARTICIPLES and not following.lower.endswith(("ed", "en"))
    return _action_verb(token)


def _name_verb(token: Token) -> bool:
    return (token.lower in words.AFTER_NAME and token.shape == "lower") or token.gap_before == "'"
