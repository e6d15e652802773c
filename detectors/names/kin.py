"""Names that own a relative: "I'm carmelo's daughter", "Ottilie's husband called".

A possessive right before a family word names the person the relative belongs to, in
any case. The owner must look like a name (a listed first name, a census name, or a
word English rarely uses) and not a role, relation or clinical word: "the patient's
son", "pt's wife" and "mother's sister" stay clean.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import MIN_NAME_LETTERS, rare_text
from detectors.names.rules import NAME
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

# The family words that follow an owner's name; roles such as "proxy" or "lawyer" do not.
_KIN = words.RELATIONS - {"other", "proxy", "hcp", "guardian", "lawyer", "caregiver"}
_NOT_AN_OWNER = words.NEVER_A_NAME | words.RELATIONS | words.PROVIDER_ROLES


def kin_possessive_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A name-like possessive followed by a family word on the same line."""
    found: list[Candidate] = []
    for i in (k - 1 for k in index_of(tokens).at(_KIN) if k > 0):
        owner, kin = tokens[i], tokens[i + 1]
        follows = kin.lower in _KIN and kin.gap_before == " " and same_line(tokens, i + 1)
        if follows and _name_like_owner(owner):
            found.append(Candidate(i, i, NAME, 0.7))
    return found


def _name_like_owner(token: Token) -> bool:
    if not token.lower.endswith(("'s", "’s")):
        return False
    base = lex.base_form(token.text)
    if (
        len(base) < MIN_NAME_LETTERS
        or not base.isalpha()
        or base in _NOT_AN_OWNER
        or looks_clinical(base)
    ):
        return False
    census_name = lex.nameness(base) >= lex.NAME_LIKE
    return census_name or lex.is_listed_first_name(base) or rare_text(base)
