"""Names in ordinary mixed-case prose: runs of capitalized words (see names.py).

In prose that capitalizes normally, a capitalized run mid-sentence is a proper noun;
it is a person's name when its words are not everyday English, have census support or
letters English does not use, or when what follows is what people do ("Tomasz shouted
at", "Radek, can I…", "Ottokar's kid"). Clinical words (drugs, conditions) never count.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import (
    MIN_NAME_LETTERS,
    UNKNOWN_ZIPF,
    rare_text,
    rare_word,
    strong_ok,
    unknown_name_word,
)
from detectors.names.rules import NAME, judged_for_use
from detectors.names.run_context import list_entry, organisation_part
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.common_words import EPONYM_NOUNS
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line


def capitalized_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Mixed-case prose: runs of capitalized name-like words, or one strongly-name word."""
    found: list[Candidate] = []
    resume = 0  # a run starts only at a title-case prose word at or after this one
    index = index_of(tokens)
    lowers = index.lowers
    for i in [i for i in index.prose_titles if lowers[i] not in _NEVER_START_RUNS]:
        if i < resume:
            continue
        last = _capitalized_run(tokens, i)
        if last is None:
            continue
        run = tokens[i : last + 1]
        if last == i and lex.is_everyday_word(run[0].text, _MOST_EVERYDAY):
            resume = last + 1  # what _run_is_name says of one everyday word, sooner
        elif _run_is_name(run, tokens, last):
            found.append(Candidate(i, last, NAME, 0.7 if len(run) > 1 else 0.55))
            resume = last + 1
        elif lex.is_everyday_word(run[0].text, lex.PROPER_ZIPF) and last > i:
            resume = (
                i + 1
            )  # "Producer Hallvarður Brynjarsson": judge the run without its first word
        else:
            resume = last + 1
    return found


# A word everyday at the higher of _run_is_name's thresholds is everyday at either.
_MOST_EVERYDAY = max(lex.RARE_ZIPF, lex.PROPER_ZIPF)


def _capitalized_run(tokens: Sequence[Token], i: int) -> int | None:
    token = tokens[i]
    if token.mode != "mixed" or token.shape != "title" or not strong_ok(token):
        return None
    last = i
    while last + 1 < len(tokens) and last - i < 3 and same_line(tokens, last + 1):
        if tokens[last].lower.endswith(("'s", "’s")):
            break  # "Oleg Vrabec's Collected Poems": the owner ends the name
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
    lone_start = len(run) == 1 and run[0].sentence_start
    listed_subject = lone_start and _listed_subject(run[0], tokens, last + 1)
    threshold = lex.RARE_ZIPF if lone_start and not listed_subject else lex.PROPER_ZIPF
    follower = tokens[last + 1] if last + 1 < len(tokens) else None
    if follower is not None and follower.lower in words.INSTITUTION_WORDS:
        return False
    if len(run) > 1 and run[-1].lower in EPONYM_NOUNS:
        return False  # "the Braden Scale": the run ends in what the eponym names
    if follower is not None and follower.gap_before == " " and follower.shape == "mixed":
        return False  # "Thorne Whitlock VitaBP": a brand and model, not a person
    if any(t.lower in words.NOT_PERSON for t in run):
        return False
    first = last - len(run) + 1
    if organisation_part(tokens, first):
        return False
    if _listed_first_and_surname(run, tokens[first - 1] if first else None):
        return True  # "Hamish Long": a surname that is also a word, after a first name
    for token in run:
        if token.shape != "initial" and lex.is_everyday_word(token.text, threshold):
            return False
    named = [t for t in run if t.shape != "initial"]
    verb_follows = follower is not None and _name_verb(follower)
    if len(named) >= 2:
        from_follows = follower is not None and follower.lower == "from"  # "… from Acme called"
        opens = run[0].sentence_start and not list_entry(tokens, first, last)
        return _words_are_name(named, opens, verb_follows or from_follows)
    if judged_for_use(tokens, last + 1):
        return False  # "Ginger is good for nausea": a remedy judged for a use, no person
    if listed_subject or _foreign_single(run[0], tokens, last + 1):
        return True  # "Gustav spent a year…": a listed first name English uses less
    return _single_is_name(run[0], tokens, last + 1, verb_follows)


# Stop words ("The", "Please") are most capitalized prose words and start no run; a
# relation or role word is a cue whose own rule finds the name ("Granddaughter Marisol").
_NEVER_START_RUNS = words.NEVER_A_NAME | words.RELATIONS | words.PROVIDER_ROLES


def _foreign_single(single: Token, tokens: Sequence[Token], j: int) -> bool:
    """One capitalized word in letters English does not use."""
    if single.text.isascii():
        return False
    if not single.sentence_start:
        return True  # "Sköldmark", "Hrubešová"
    # At a sentence start only before what people do or in a list: "Kovačić, can you…",
    # "founders: Kovačić, Hardy and Stone"; a city starts an address line the same way.
    return _unknown_foreign(single) and (_person_predicate(tokens, j) or _continues_list(tokens, j))


def _single_is_name(single: Token, tokens: Sequence[Token], j: int, verb_follows: bool) -> bool:
    """One capitalized ASCII word (run end at token j - 1), not everyday English."""
    if _rare_possessive(single):
        return True  # "Ottokar's kid", "Zdenek's address"
    lone_subject = single.sentence_start and single.lower not in words.RELATIONS
    subject_name = unknown_name_word(single) or lex.is_known_first_name(single.text)
    if lone_subject and subject_name and _person_predicate(tokens, j):
        return True  # "Bertoldo is very reliable", "Radek, can I speak to…"
    if lone_subject and rare_word(single) and _acts(tokens, j):
        return True  # "Tomasz shouted at", "Radek, can I…"; not "Ativan was effective"
    follower = tokens[j] if j < len(tokens) else None
    proper = not lex.is_everyday_word(single.text, lex.PROPER_ZIPF)
    known = (
        not single.sentence_start
        or lex.name_share(single.text) > 0
        or (unknown_name_word(single) and _action_verb(follower))  # "Zdenek spent a year…"
    )
    if verb_follows and proper and known and len(single.text) > 2:
        return not looks_clinical(single.text)  # "Zoltavir is …", "… said Quenby"
    # nameness is 0 or -inf for a word no census list holds, so those stop here too.
    if single.sentence_start:
        return lex.nameness(single.text) >= lex.NAME_LIKE and verb_follows
    return lex.nameness(single.text) >= lex.NAME_LIKE


def _words_are_name(named: Sequence[Token], sentence_start: bool, verb_follows: bool) -> bool:
    """Two or more capitalized words, none of them everyday English (checked before)."""
    if any(lex.nameness(t.text) >= lex.NAME_LIKE or not t.text.isascii() for t in named):
        return True  # census support, or letters English does not use
    # Without it: words English does not know ("Varkel Osztrog"), not rarer clinical
    # words ("Nasal Cannula", "Interventional Radiology").
    if any(looks_clinical(t.text) for t in named):
        return False
    if not sentence_start and any(map(unknown_name_word, named)):
        return True  # mid-sentence, one unknown word beside rare ones: "add Oleg Vrabiescu"
    if not sentence_start and _first_name_and_rare_surname(named):
        return True  # "a tribute to Yuri Nabokov", "features Kate M Vrabec"
    if _rare_possessive(named[-1]):
        return True  # "Radko Vesnicky's killers": a person owns things
    unknown = all(lex.zipf(t.text) < UNKNOWN_ZIPF for t in named)
    return unknown and (not sentence_start or verb_follows)


def _unknown_foreign(token: Token) -> bool:
    """Letters English does not use, in a word it does not know: 'Kovačić', not 'Café'."""
    return lex.zipf(token.text) < UNKNOWN_ZIPF and not looks_clinical(token.text)


def _continues_list(tokens: Sequence[Token], j: int) -> bool:
    """Token j continues a list on the same line: ', Hardy and …'."""
    return j < len(tokens) and same_line(tokens, j) and tokens[j].gap_before.strip() == ","


# Census surnames that also end place and business names: "<Name> Street", "<Name> Garden".
_PLACE_TAILS = frozenset(
    {"street", "avenue", "drive", "road", "boulevard", "lane", "court", "way", "place"}
    | {"terrace", "parkway", "highway", "circle", "trail", "square", "loop", "pike", "alley"}
    | {"plaza", "crescent", "crossing", "commons", "cove", "landing", "pass", "gate", "green"}
    | {"garden", "gardens", "park", "hill", "hills", "lake", "valley", "grove", "heights"}
    | {"woods", "springs", "falls", "beach", "bay", "harbor", "point", "ridge", "creek"}
    | {"river", "field", "fields", "village", "mall", "market", "house", "hall", "station"}
    | {"port", "bank", "grill", "kitchen", "cafe", "inn", "lodge", "farm", "farms", "mills"}
)


def _listed_first_and_surname(run: Sequence[Token], before: Token | None) -> bool:
    """A listed first name English seldom uses, then a census surname: 'Hamish Long'.

    Not a place or a business named after someone: "<Name> Street", "at <Name> Garden".
    """
    if len(run) != 2 or run[1].shape != "title" or not lex.is_listed_first_name(run[0].text):
        return False
    first, surname = run[0].text, run[1].text
    if run[1].lower in _PLACE_TAILS or lex.base_form(first) in lex.places():
        return False
    if before is not None and before.lower in ("at", "in", "on"):
        return False
    in_census = lex.base_form(surname) in lex.surnames()
    return in_census and not looks_clinical(surname) and not looks_clinical(first)


def _listed_subject(token: Token, tokens: Sequence[Token], j: int) -> bool:
    """A listed first name starting a sentence about a person: 'Gustav shouted at…'
    (not before 'is'/'was': 'Sage is …' may be the herb)."""
    listed = lex.is_listed_first_name(token.text) and token.lower not in words.RELATIONS
    return listed and not looks_clinical(token.text) and _acts(tokens, j)


def _first_name_and_rare_surname(named: Sequence[Token]) -> bool:
    """A listed first name, then a rare word that is no clinical term: 'Gustav Kolbjorn'."""
    first, surname = named[0].text, lex.base_form(named[-1].text)
    listed = lex.in_first_names(first) or lex.is_listed_first_name(first)
    return len(named) == 2 and listed and rare_text(surname)


def _acts(tokens: Sequence[Token], j: int) -> bool:
    """What only people do starts at token j: a person's verb or a sentence addressed to
    them, not 'is'/'was' (a drug 'was effective' too)."""
    return _person_predicate(tokens, j) and tokens[j].lower not in ("is", "was")


def _rare_possessive(token: Token) -> bool:
    if not token.lower.endswith(("'s", "’s")):
        return False
    base = lex.base_form(token.text)
    unknown = base.isalpha() and len(base) >= MIN_NAME_LETTERS and lex.zipf(base) < UNKNOWN_ZIPF
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
