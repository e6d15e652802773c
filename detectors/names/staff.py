"""A colleague who is the subject of health information: 'Our MA Brisa declined the flu shot'.

A clinician's name alone is PROVIDER_NAME and never decides the verdict. But when the
office writes about one of its own staff ("our MA", "my nurse", "our receptionist")
and the same sentence holds health information (a vaccine, a diagnosis, a drug), that
person is the subject of the health information: the name is reported as NAME. In a
sentence without health words the name stays PROVIDER_NAME.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import health_terms, looks_clinical
from detectors.names import words
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

STAFF_WORDS = words.PROVIDER_ROLES | frozenset(
    {"ma", "cma", "receptionist", "scheduler", "assistant", "tech", "technician", "aide"}
    | {"coordinator", "manager", "coworker", "colleague", "employee", "biller", "secretary"}
)
_OWNERS = frozenset({"our", "my"})
SENTENCE_CHARS = 200  # how far the sentence is searched for health words
SCORE = 0.85  # above the role rule's 0.8: the subject's name decides the type


def staff_subject_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'Our MA Brisa declined the flu shot': NAME with health words after, else provider."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(STAFF_WORDS):
        if not 0 < i < len(tokens) - 1 or tokens[i - 1].lower not in _OWNERS:
            continue
        j = i + 1
        if not (same_line(tokens, j) and tokens[j].gap_before.strip() == "" and _name(tokens[j])):
            continue
        last = j + 1 if j + 1 < len(tokens) and _surname(tokens[j + 1]) else j
        health = health_terms(_sentence_after(text, tokens[last].end), limit=1)
        found.append(Candidate(j, last, "NAME" if health else "PROVIDER_NAME", SCORE))
    return found


def _name(token: Token) -> bool:
    if token.lower in words.NEVER_A_NAME or looks_clinical(token.text):
        return False
    if token.mode == "mixed" and token.shape != "title":
        return False
    return lex.is_known_first_name(token.text) or not lex.is_everyday_word(token.text)


def _surname(token: Token) -> bool:
    if token.gap_before.strip() or "\n" in token.gap_before:
        return False
    if token.mode == "mixed" and token.shape != "title":
        return False
    return not lex.is_everyday_word(token.text) and token.lower not in words.NEVER_A_NAME


def _sentence_after(text: str, end: int) -> str:
    window = text[end : end + SENTENCE_CHARS]
    stops = [p for p in (window.find(". "), window.find("\n"), window.find("? ")) if p >= 0]
    return window[: min(stops)] if stops else window
