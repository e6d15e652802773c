"""Who a plan was talked over with, in quick lower-case notes: 'discussed with orla'.

Mixed-case prose capitalizes names, so the other rules skip lower-case words there.
Quick notes do not: after a conversation verb and 'with' ('discussed with', 'spoke
with', 'met with'), a lower-case word that is a listed first name (census or Moby) and
not an everyday English word is the person, with a following surname that English does
not use ('discussed with orla penhallow').
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

NAME = "NAME"
SCORE = 0.6


def talked_with_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'discussed with orla', 'spoke with wendell ashgrove re: plan'."""
    found: list[Candidate] = []
    for i in (j + 1 for j in index_of(tokens).at(("with",)) if 0 < j < len(tokens) - 1):
        if tokens[i - 2].lower not in words.CONVERSATION_VERBS:
            continue
        if not (same_line(tokens, i) and _lower_first_name(tokens[i])):
            continue
        last = i
        nxt = i + 1
        if nxt < len(tokens) and same_line(tokens, nxt) and _unknown_word(tokens[nxt]):
            last = nxt
        found.append(Candidate(i, last, NAME, SCORE))
    return found


def _lower_first_name(token: Token) -> bool:
    if token.text != token.lower or token.lower in words.NEVER_A_NAME:
        return False
    return (
        lex.is_known_first_name(token.text)
        and not lex.is_everyday_word(token.text)
        and not looks_clinical(token.text)
    )


def _unknown_word(token: Token) -> bool:
    if token.gap_before.strip() or token.lower in words.NEVER_A_NAME:
        return False
    return not lex.is_everyday_word(token.text) and not looks_clinical(token.text)
