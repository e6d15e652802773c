"""Name rules driven by what follows a name or by its shape (see _name_rules for titles/roles).

Credentials after a name ("anita morris rn"), verbs after it ("W. MAROTTA AWARE",
"george called"), initial + surname, known first name + surname, labelled fields
("Patient: HOLLOWAY, JUNE") and capitalized runs in ordinary mixed-case prose.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from detectors.health_context import looks_clinical
from detectors.recognizers import _lexicon as lex
from detectors.recognizers import _name_words as words
from detectors.recognizers._name_rules import (
    NAME,
    PROVIDER,
    Candidate,
    _same_line,
    census_backed,
    extend,
    medium_ok,
    strong_ok,
    surname_ok,
)
from detectors.recognizers._tokens import Token

UNKNOWN_ZIPF = 2.0  # rarer than this, a capitalized word is almost surely a proper noun


def credential_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Up to three name tokens right before a credential: 'Mary Hulse, R.N.'."""
    found: list[Candidate] = []
    for i in range(1, len(tokens)):
        kind = _credential_kind(tokens, i)
        if kind is None:
            continue
        first = i
        while first - 1 >= 0 and i - first < 3 and _same_line(tokens, first):
            if not surname_ok(tokens[first - 1]) or tokens[first].gap_before.strip(" .,(") != "":
                break
            first -= 1
        names = [t for t in tokens[first:i] if t.shape != "initial"]
        if names and any(census_backed(t) for t in names) and all(map(_namey, names)):
            found.append(Candidate(first, i - 1, kind, 0.8))
    return found


def _namey(token: Token) -> bool:
    return lex.nameness(token.text) >= lex.NAME_LIKE or not lex.is_everyday_word(token.text)


def _credential_kind(tokens: Sequence[Token], i: int) -> str | None:
    """PROVIDER after 'RN', 'R.N.', '(resident)'; NAME after '(son)'."""
    token = tokens[i]
    in_parens = token.gap_before.strip() == "("
    if token.lower == "r" and i + 1 < len(tokens) and tokens[i + 1].lower == "n":
        return PROVIDER if token.dotted else None  # R.N.
    if in_parens and token.lower in words.PROVIDER_ROLES:
        return PROVIDER  # "DICK SMITH (RESIDENT)"
    if in_parens and token.lower in words.RELATIONS:
        return NAME  # "Hank Smith (son)"
    if any(c.isdigit() for c in token.gap_before):
        return None  # "4 l np" is nasal prongs
    ok = token.lower in words.CREDENTIALS and token.lower not in ("pt", "do", "ot")
    return PROVIDER if ok else None


def lone_first_name_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A lone, strongly-name first name: 'PER DAVID,', 'reach Rob', 'DAVID DOES NOT'."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens):
        if token.lower in words.STOP or token.lower in words.CLINICAL_SHORTHAND:
            continue
        if token.mode == "mixed" and token.shape not in ("title", "upper"):
            continue
        if not _strong_first_name(token):
            continue
        before = tokens[i - 1].lower if i > 0 and _same_line(tokens, i) else ""
        talked_with = before == "with" and i > 1 and tokens[i - 2].lower in words.CONVERSATION_VERBS
        after = tokens[i + 1] if i + 1 < len(tokens) and _same_line(tokens, i + 1) else None
        verb_after = after is not None and after.lower in words.PERSON_VERBS | words.AFTER_NAME
        if before in words.ADDRESSING_CUES or talked_with or verb_after:
            found.append(Candidate(i, i, NAME, 0.6))
    return found


def _strong_first_name(token: Token) -> bool:
    lower = lex.base_form(token.text)
    return lower in lex.first_names() and lex.nameness(lower) >= words.STRONG_FIRST_NAME


def verb_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Names right before 'aware', 'notified', 'called', 'visited'…"""
    found: list[Candidate] = []
    for i in range(1, len(tokens)):
        verb = tokens[i].lower
        is_provider = verb in words.PROVIDER_VERBS
        if not (is_provider or verb in words.PERSON_VERBS) or not _same_line(tokens, i):
            continue
        j = i - 1
        if tokens[j].lower in ("made", "was", "is", "has", "had"):
            j -= 1
        if j < 0 or tokens[j + 1].gap_before.strip() not in ("", "-"):
            continue
        candidate = tokens[j]
        census_backed = lex.nameness(candidate.text) >= lex.NAME_LIKE or lex.is_known_first_name(
            candidate.text
        )
        if not ((census_backed and medium_ok(candidate)) or _initialled(tokens, j)):
            continue
        first = j - 1 if j > 0 and tokens[j - 1].shape == "initial" else j
        found.append(Candidate(first, j, PROVIDER if is_provider else NAME, 0.7))
    return found


def _initialled(tokens: Sequence[Token], j: int) -> bool:
    initial = tokens[j - 1] if j > 0 else None
    if initial is None or initial.shape != "initial" or not initial.dotted:
        return False
    return surname_ok(tokens[j])


def initial_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'E. WELSH', 'Z. Miller': a dotted capital initial and a surname-like word."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens[:-1]):
        if token.shape != "initial" or not token.dotted or not _same_line(tokens, i + 1):
            continue
        if token.gap_before and not token.gap_before[-1].isspace():
            continue  # "O.R.", "C.O." are abbreviations, not initials
        if i > 0 and tokens[i - 1].shape == "initial" and tokens[i - 1].end + 1 == token.start:
            continue
        surname = tokens[i + 1]
        if surname.lower in words.NOT_AFTER_INITIAL or not surname_ok(surname):
            continue
        if " " not in surname.gap_before:
            continue
        unknown_word = unknown_name_word(surname)
        if not (census_backed(surname) or unknown_word or _provider_verb_follows(tokens, i + 1)):
            continue
        if surname.mode == "mixed" and surname.shape not in ("title", "upper"):
            continue
        if lex.is_everyday_word(surname.text) and not _provider_verb_follows(tokens, i + 1):
            continue
        kind = PROVIDER if _provider_verb_follows(tokens, i + 1) else NAME
        found.append(Candidate(i, i + 1, kind, 0.7))
    return found


def _provider_verb_follows(tokens: Sequence[Token], i: int) -> bool:
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    return nxt in words.PROVIDER_VERBS or nxt in ("made", "in", "to") or nxt.startswith("notif")


def first_last_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A known first name followed by a surname-like word: 'Gerry Masci', 'KAREN ANN YANULIS'."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens[:-1]):
        if not lex.is_known_first_name(token.text) or token.lower in words.STOP:
            continue
        if token.lower in words.CLINICAL_SHORTHAND:
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
    if not _same_line(tokens, i) or token.gap_before.strip():
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
        while last + 1 < len(tokens) and last - j < 4 and _same_line(tokens, last + 1):
            nxt = tokens[last + 1]
            if nxt.lower in words.STOP or nxt.gap_before.strip(" ,.:-#") != "":
                break
            last += 1
        if last > j:
            found.append(Candidate(j + 1, last, NAME, 0.85))
    return found


def _line_starts_at(tokens: Sequence[Token], i: int) -> bool:
    return i == 0 or not _same_line(tokens, i) or tokens[i].gap_before.strip() in ("-", "*", ">")


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
    return found


def _capitalized_run(tokens: Sequence[Token], i: int) -> int | None:
    token = tokens[i]
    if token.mode != "mixed" or token.shape != "title" or not strong_ok(token):
        return None
    last = i
    while last + 1 < len(tokens) and last - i < 3 and _same_line(tokens, last + 1):
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
    scores = [lex.nameness(t.text) for t in named]
    verb_follows = follower is not None and _name_verb(follower)
    if len(scores) >= 2:
        foreign = any(not t.text.isascii() for t in named)
        if max(scores) >= lex.NAME_LIKE or foreign:
            return True
        # No census support: only words English does not know at all ("Tzigane Lantos"),
        # not rarer clinical words ("Nasal Cannula", "Interventional Radiology").
        unknown = all(lex.zipf(t.text) < UNKNOWN_ZIPF and not looks_clinical(t.text) for t in named)
        return unknown and (not run[0].sentence_start or verb_follows)
    single = run[0]
    if not single.text.isascii() and not single.sentence_start:
        return True  # "Ström", "Navrátilová": capitalized and not English
    proper = not lex.is_everyday_word(single.text, lex.PROPER_ZIPF)
    known = (
        not single.sentence_start
        or lex.name_share(single.text) > 0
        or (unknown_name_word(single) and _action_verb(follower))  # "Nikolaj spent a year…"
    )
    if verb_follows and proper and known:
        return not looks_clinical(single.text)  # "Vsevolod is …", "… said Trivo"
    if lex.name_share(single.text) <= 0:
        return False
    if single.sentence_start:
        return scores[0] >= lex.NAME_LIKE and verb_follows
    return scores[0] >= lex.NAME_LIKE


def line_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A line holding only a name: signature blocks and chat speakers ('Megan: …')."""
    found: list[Candidate] = []
    for i, token in enumerate(tokens):
        if token.mode != "mixed" or token.shape != "title" or (_same_line(tokens, i) and i):
            continue
        last = i
        while last + 1 < len(tokens) and last - i < 3 and _same_line(tokens, last + 1):
            nxt = tokens[last + 1]
            if nxt.gap_before.strip(" .") or (
                nxt.lower in words.STOP and nxt.lower not in ("van", "de")
            ):
                break
            last += 1
        line_end = last + 1 >= len(tokens) or not _same_line(tokens, last + 1)
        speaker = tokens[last + 1].gap_before.startswith(":") if not line_end else False
        if (line_end or speaker) and _plausible_name(tokens[i : last + 1], speaker):
            found.append(Candidate(i, last, NAME, 0.6))
    return found


def _plausible_name(run: Sequence[Token], speaker: bool) -> bool:
    named = [t for t in run if t.shape == "title"]
    excluded = words.NOT_PERSON | words.STOP | words.FIELD_LABELS | words.CLINICAL_SHORTHAND
    if not named or any(t.lower in excluded for t in named):
        return False
    if any(lex.is_everyday_word(t.text, lex.PROPER_ZIPF) for t in named):
        return False
    if len(named) == 1 and not speaker:
        return False
    if speaker:  # "Megan: …", "Éva: …" (section heads like "Neuro:" are English words)
        only = named[0]
        unusual = not only.text.isascii()
        return len(named) == 1 and (lex.is_known_first_name(only.text) or unusual)
    return any(census_backed(t) or not t.text.isascii() for t in named) or len(named) > 1


def _action_verb(token: Token | None) -> bool:
    """A verb that takes a person as subject; auxiliaries ('Nipride was begun') do not count."""
    return token is not None and token.lower in words.AFTER_NAME - {"is", "was", "had", "has"}


def _name_verb(token: Token) -> bool:
    return (token.lower in words.AFTER_NAME and token.shape == "lower") or token.gap_before == "'"
