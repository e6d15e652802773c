"""Names right before a credential: "nina halvorsen rn", "Mary Quenneville, R.N.".

The longest run of name words before a credential, a role in brackets ("DICK SMITH
(RESIDENT)") or a relation in brackets ("Hank Smith (son)"). Credentials that are
also words ("do", "pt", "ot") count only set off by a comma and in capitals.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.names import words
from detectors.names.predicates import census_backed, surname_ok
from detectors.names.rules import NAME, PROVIDER
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line


def credential_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """Up to three name tokens right before a credential: 'Mary Quenneville, R.N.'."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_CREDENTIAL_TRIGGERS):
        if i == 0:
            continue
        kind = _credential_kind(tokens, i)
        if kind is None:
            continue
        first = i
        while first - 1 >= 0 and i - first < 3 and same_line(tokens, first):
            if not surname_ok(tokens[first - 1]) or tokens[first].gap_before.strip(" .,(") != "":
                break
            first -= 1
        start = _longest_name_before(tokens, first, i)  # "TAP...RICH WOJCIKOWSKI (RESIDENT)"
        if start is not None:
            found.append(Candidate(start, i - 1, kind, 0.8))
    return found


def _longest_name_before(tokens: Sequence[Token], first: int, credential: int) -> int | None:
    """The earliest start from `first` on whose words before the credential form a name."""
    for start in range(first, credential):
        names = [t for t in tokens[start:credential] if t.shape != "initial"]
        if names and any(census_backed(t) for t in names) and _names_before_credential(names):
            return start
    return None


def _names_before_credential(names: Sequence[Token]) -> bool:
    """Each word is namey; the surname at the credential may be a census word ('RAND, RRT')
    and a first word a census first name ('RICH WOJCIKOWSKI (RESIDENT)') when a word
    English does not use, or an initial, stands between or beside them."""
    if all(map(_namey, names)):
        return True
    if len(names) < 2:
        return False
    first, *middle, last = names
    # Any census first name ('DICK', also a word) before a surname English does not use.
    first_ok = _namey(first) or lex.is_known_first_name(first.text)
    first_ok = first_ok or (lex.in_first_names(first.text) and not lex.is_everyday_word(last.text))
    last_ok = _namey(last) or (census_backed(last) and lex.nameness(last.text) > 0)
    return first_ok and last_ok and all(map(_namey, middle))


# Every word _credential_kind can answer for; "r" starts "R.N.".
_CREDENTIAL_TRIGGERS = frozenset({"r"}) | words.PROVIDER_ROLES | words.RELATIONS | words.CREDENTIALS


def _namey(token: Token) -> bool:
    """Name rather than word: 'RAND' (a census surname) yes, 'frothy secretions' no."""
    if lex.nameness(token.text) >= lex.FIRST_NAME_LIKE:
        return True
    return not lex.is_everyday_word(token.text)


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
    if token.lower in _AMBIGUOUS_CREDENTIALS:
        return PROVIDER if _set_off(tokens, i) else None  # "Tom Baker, DO;", not "to do"
    return PROVIDER if token.lower in words.CREDENTIALS else None


# Credentials that are also words or abbreviations ("do", "pt" for patient, "ot").
_AMBIGUOUS_CREDENTIALS = frozenset({"pt", "do", "ot"})


def _set_off(tokens: Sequence[Token], i: int) -> bool:
    """In capitals between a comma and the end of an entry, in mixed-case text."""
    token = tokens[i]
    if token.mode != "mixed" or not token.text.isupper() or token.gap_before.strip() != ",":
        return False
    if i + 1 >= len(tokens):
        return True
    gap = tokens[i + 1].gap_before
    return "\n" in gap or gap.strip()[:1] in (";", ",", ".", ")")
