"""One rule shape for the token recognizers, and their phases declared as data.

A rule takes a `Doc` (the text, its tokens and what earlier phases found) and returns
candidates. A recognizer lists its phases in order; each phase runs its rules on the
same `Doc` and `finish` joins their candidates to what was found (usually a merge,
sometimes a filter). The adapters turn the older rule signatures (tokens; tokens and
text; tokens and the names found) into this shape without touching the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from detectors.text.candidates import Candidate, merge
from detectors.text.tokens import Token


@dataclass(frozen=True)
class Doc:
    """What a rule may read: the text, its tokens and the earlier phases' candidates."""

    text: str
    tokens: Sequence[Token]
    found: Sequence[Candidate] = ()


Rule = Callable[[Doc], list[Candidate]]
Finish = Callable[[Doc, list[Candidate]], list[Candidate]]


def merged(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """The default finish: overlapping candidates unite, the stronger rule typing them."""
    return merge(candidates)


@dataclass(frozen=True)
class Phase:
    """Rules that run together; `finish` gets what was found plus what they found."""

    name: str
    rules: tuple[Rule, ...]
    finish: Finish = merged


def run_phases(text: str, tokens: Sequence[Token], phases: Sequence[Phase]) -> list[Candidate]:
    """Run the phases in order and return the last phase's candidates."""
    found: list[Candidate] = []
    for phase in phases:
        doc = Doc(text, tokens, tuple(found))
        found = phase.finish(doc, found + [c for rule in phase.rules for c in rule(doc)])
    return found


def on_tokens(rule: Callable[[Sequence[Token]], list[Candidate]]) -> Rule:
    """A rule that reads the tokens only."""
    return lambda doc: rule(doc.tokens)


def on_text(rule: Callable[[Sequence[Token], str], list[Candidate]]) -> Rule:
    """A rule that reads the tokens and the text."""
    return lambda doc: rule(doc.tokens, doc.text)


def on_found(rule: Callable[[Sequence[Token], Sequence[Candidate]], list[Candidate]]) -> Rule:
    """A rule that reads the tokens and everything found so far."""
    return lambda doc: rule(doc.tokens, doc.found)


def per_found(*rules: Callable[[Sequence[Token], Candidate], list[Candidate]]) -> Rule:
    """Rules run on each candidate found so far, in turn ('<name> and <first name>')."""
    return lambda doc: [c for name in doc.found for rule in rules for c in rule(doc.tokens, name)]
