"""A lone first name, found by a cue, a comma or its own strength (see names.py).

'PER GEORGE,', 'able to reach Bob', 'Remember me, Kate?', 'DAVID DOES NOT': a census
first name standing alone is a name when it is strongly one, or when an addressing cue,
a conversation verb, a person's verb or its capital in mid-sentence prose says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from detectors.names import words
from detectors.names.predicates import STRONG_FIRST_NAME, relative_name_ok
from detectors.names.rules import NAME, judged_for_use
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line


def lone_first_name_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A lone, strongly-name first name: 'PER GEORGE,', 'reach Bob', 'DAVID DOES NOT'."""
    found: list[Candidate] = []
    for i in _lone_name_places(tokens):
        token = tokens[i]
        if token.lower in words.STOP or token.lower in words.CLINICAL_SHORTHAND:
            continue
        before = tokens[i - 1].lower if i > 0 and same_line(tokens, i) else ""
        strong_surname = before == "per" and lex.nameness(token.text) >= STRONG_FIRST_NAME
        vocative = _vocative(tokens, i)
        cued = _cued_first_name(token, before) or vocative
        if not (_strong_first_word(token.lower) or strong_surname or cued):
            continue
        talked_with = before == "with" and i > 1 and tokens[i - 2].lower in words.CONVERSATION_VERBS
        after = tokens[i + 1] if i + 1 < len(tokens) and same_line(tokens, i + 1) else None
        verb_after = after is not None and after.lower in _VERBS_AFTER_NAME
        verb_after = verb_after and not judged_for_use(tokens, i + 1)  # "Jasmine is good for…"
        # Mid-sentence capitals outside ALL-CAPS notes mark a proper noun: 'once Natalie woke'.
        mid_sentence = token.mode != "upper" and token.shape == "title" and not token.sentence_start
        if before in words.ADDRESSING_CUES or talked_with or verb_after or mid_sentence or vocative:
            found.append(Candidate(i, i, NAME, 0.6))
    return found


_VERBS_AFTER_NAME = words.PERSON_VERBS | words.AFTER_NAME  # made once, not per word


def _lone_name_places(tokens: Sequence[Token]) -> list[int]:
    """Name-shaped tokens (capitalized, or any word of a one-case line) that follow an
    addressing cue or a comma, or are a strong first name: each reason the rule has to
    report a word needs one of these, and most words have none."""
    index = index_of(tokens)
    wanted = set(index.where(_strong_first_word))
    wanted.update(index.commas)
    wanted.update(i + 1 for i in index.at(words.ADDRESSING_CUES))
    return [i for i in index.name_shaped if i in wanted]


def _cued_first_name(token: Token, before: str) -> bool:
    """'able to reach Bob': a capitalized census first name that is also a word, mid-sentence
    in mixed-case prose right after 'reach', 'told', 'called'."""
    if before not in words.ADDRESSING_CUES or before == "per" or token.sentence_start:
        return False
    return _prose_first_name(token)


def _vocative(tokens: Sequence[Token], i: int) -> bool:
    """'Remember me, Kate?': a census first name addressed between a comma and '?'/'!'."""
    if tokens[i].gap_before.strip() != ",":
        return False
    if i + 1 >= len(tokens) or tokens[i + 1].gap_before.lstrip()[:1] not in ("?", "!"):
        return False
    return _prose_first_name(tokens[i])


def _prose_first_name(token: Token) -> bool:
    """Capitalized in mixed-case prose and a census first name, even one that is a word."""
    return token.mode == "mixed" and token.shape == "title" and relative_name_ok(token)


@lru_cache(maxsize=8192)
def _strong_first_word(lower: str) -> bool:
    """A census first name that is strongly a name; judged on the lower-cased word, as
    base_form lower-cases it anyway."""
    base = lex.base_form(lower)
    return base in lex.first_names() and lex.nameness(base) >= STRONG_FIRST_NAME
