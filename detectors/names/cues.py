"""Names found by the word right after them or by an initial (see names/rules.py for titles).

Verbs after a name ("W. BRASCONI AWARE", "walter called"), an initial with a surname
("E. BUSH") or a surname with its initial in a list ("<Last> A., <Last> M."), and a
first name signing off at the very end of a note ("… NOT 1400U/HR. MARLENE"). A lone
strongly-name first name ("PER GEORGE") is found in lone.py, a name before a credential
in credentials.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import (
    MIN_NAME_LETTERS,
    census_backed,
    medium_ok,
    surname_ok,
    unknown_name_word,
)
from detectors.names.rules import NAME, PROVIDER, extend
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line


def verb_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Names right before 'aware', 'notified', 'called', 'visited'…"""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_VERBS):
        is_provider = tokens[i].lower in words.PROVIDER_VERBS
        if i == 0 or not same_line(tokens, i):
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


_VERBS = words.PROVIDER_VERBS | words.PERSON_VERBS


def _initialled(tokens: Sequence[Token], j: int) -> bool:
    initial = tokens[j - 1] if j > 0 else None
    if initial is None or initial.shape != "initial" or not initial.dotted:
        return False
    return surname_ok(tokens[j])


def initial_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'E. BUSH', 'Z. Miller': a dotted capital initial and a surname-like word."""
    found: list[Candidate] = []
    for i in index_of(tokens).initials:
        token = tokens[i]
        if token.dotted and _ends_list_entry(tokens, i):
            found.extend(_surname_before(tokens, i))  # "Quorvan A., Peltry M."
            continue
        if i + 1 >= len(tokens):
            break
        if not token.dotted or not same_line(tokens, i + 1):
            continue
        if token.gap_before and not (
            token.gap_before[-1].isspace() or token.gap_before[-1] in '("'
        ):
            continue  # "O.R.", "C.O." are abbreviations, not initials
        if i > 0 and tokens[i - 1].shape == "initial" and tokens[i - 1].end + 1 == token.start:
            continue
        surname = tokens[i + 1]
        if surname.lower in words.NOT_AFTER_INITIAL or not surname_ok(surname):
            continue
        if " " not in surname.gap_before or "," in surname.gap_before:
            continue
        unknown_word = unknown_name_word(surname)
        if not (census_backed(surname) or unknown_word or _provider_verb_follows(tokens, i + 1)):
            continue
        if surname.mode == "mixed" and surname.shape not in ("title", "upper"):
            continue
        name_enough = lex.nameness(surname.text) >= lex.FIRST_NAME_LIKE  # "E. BUSH"
        everyday = lex.is_everyday_word(surname.text) and not name_enough
        if everyday and not _provider_verb_follows(tokens, i + 1):
            continue
        kind = PROVIDER if _provider_verb_follows(tokens, i + 1) else NAME
        found.append(Candidate(i, i + 1, kind, 0.7))
    return found


def _ends_list_entry(tokens: Sequence[Token], i: int) -> bool:
    """The dotted initial at i ends an entry: a comma or semicolon, a line end or the text's."""
    if i + 1 >= len(tokens):
        return True
    gap = tokens[i + 1].gap_before
    return "," in gap or ";" in gap or "\n" in gap


def _surname_before(tokens: Sequence[Token], i: int) -> list[Candidate]:
    """'Quorvan A., Peltry M.': a surname, then its initial and a comma (a list of people)."""
    if i == 0 or not same_line(tokens, i) or tokens[i].gap_before != " ":
        return []
    surname = tokens[i - 1]
    if surname.shape != "title" or surname.mode != "mixed" or surname.lower in words.NEVER_A_NAME:
        return []  # in ALL-CAPS notes "AMPHO B." is a drug
    if looks_clinical(surname.text) or lex.is_everyday_word(surname.text):
        return []  # "Vitamin D., Hepatitis B., Plan B."
    if not (census_backed(surname) or unknown_name_word(surname)):
        return []
    return [Candidate(i - 1, i, NAME, 0.7)]


def _provider_verb_follows(tokens: Sequence[Token], i: int) -> bool:
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if nxt in words.PROVIDER_ROLES or nxt in words.CREDENTIALS:
        return True  # "B. VORKAS PA AWARE"
    return nxt in words.PROVIDER_VERBS or nxt in ("made", "in", "to") or nxt.startswith("notif")


def lower_name_word(token: Token) -> bool:
    """After 'my name is' in a quick lower-case message: a word English does not use."""
    if token.shape != "lower" or token.gap_before != " " or len(token.text) < MIN_NAME_LETTERS:
        return False
    if token.lower in words.NEVER_A_NAME or looks_clinical(token.text):
        return False
    return lex.is_known_first_name(token.text) or not lex.is_everyday_word(token.text)


def lower_name_end(tokens: Sequence[Token], first: int) -> int:
    """'my name is zvonko brešković': a second (and third) such word is the surname."""
    last = first
    while last + 1 < len(tokens) and last - first < 2 and same_line(tokens, last + 1):
        if not lower_name_word(tokens[last + 1]):
            break
        last += 1
    return last


def answered_name_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """The answer to a question about a name: "What's your name? Idris Vakhtayev".

    Chat and call transcripts verify identity this way, also with a speaker label
    before the answer ("name on the account? User: June Ostrander"). The answer may be
    a first name that is also a word ("June", "Will"): the question says it is a name.
    """
    found: list[Candidate] = []
    for i in index_of(tokens).at(("name",)):
        answer = _answer_after_question(tokens, i)
        if answer is None or not _asks_for_a_person(tokens, i, answer):
            continue
        target = tokens[answer]
        title = target.mode == "mixed" and target.shape == "title"
        if title and (medium_ok(target) or _first_name_answer(target)):
            found.append(Candidate(answer, extend(tokens, answer), NAME, 0.7))
        elif lower_name_word(target):
            found.append(Candidate(answer, lower_name_end(tokens, answer), NAME, 0.7))
    return found


def _first_name_answer(token: Token) -> bool:
    return lex.in_first_names(token.text) and token.lower not in words.STOP


_PERSON_QUESTION = frozenset(
    {"your", "his", "her", "their", "patient", "patient's", "pt", "pt's", "caller", "member"}
    | {"account", "card", "first", "last", "full", "maiden", "middle", "legal", "sur"}
)
_THING_QUESTION = frozenset(
    {"drug", "drugs", "med", "meds", "medication", "medicine", "pill", "clinic", "pharmacy"}
    | {"company", "hospital", "practice", "insurance", "plan", "test", "procedure", "street"}
    | {"city", "town", "place", "app", "website", "program", "device", "file", "form"}
)


def _asks_for_a_person(tokens: Sequence[Token], i: int, answer: int) -> bool:
    """'What's your name?', 'name on the account?'; not 'the name of the drug?'."""
    asked = {t.lower for t in tokens[max(0, i - 3) : answer]}
    return bool(asked & _PERSON_QUESTION) and not asked & _THING_QUESTION


def _answer_after_question(tokens: Sequence[Token], i: int) -> int | None:
    """Index of the first word after the '?' that ends the question holding token i."""
    j = i + 1
    while j < len(tokens) and j - i <= 6 and "?" not in tokens[j].gap_before:
        j += 1
    if j >= len(tokens) or "?" not in tokens[j].gap_before or "\n\n" in tokens[j].gap_before:
        return None
    speaker = j + 1 < len(tokens) and tokens[j + 1].gap_before.startswith(":")
    return j + 1 if speaker and same_line(tokens, j + 1) else j


def signature_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """A census first name ending the note, starting its own sentence or line.

    '... changed to 850u/hr.\nMARLENE', '... not 1400U/HR. MARLENE': the writer signing off.
    """
    if not tokens or text[tokens[-1].end :].strip(" .,!-\t\r\n"):
        return []  # more than punctuation follows: not the end of the note
    last = tokens[-1]
    alone = len(tokens) == 1 or not same_line(tokens, len(tokens) - 1) or last.sentence_start
    if not alone or last.lower in words.NEVER_A_NAME or len(last.text) < MIN_NAME_LETTERS:
        return []
    signed = lex.is_known_first_name(last.text) and not lex.is_everyday_word(
        last.text, lex.PROPER_ZIPF
    )
    return [Candidate(len(tokens) - 1, len(tokens) - 1, PROVIDER, 0.7)] if signed else []
