"""The text of each candidate a token rule found, for the per-rule tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from detectors.text.candidates import Candidate
from detectors.text.tokens import Token


def candidate_texts(text: str, tokens: Sequence[Token], found: Iterable[Candidate]) -> list[str]:
    """The words each candidate covers, as written in `text`, in the rule's order."""
    return [text[tokens[c.first].start : tokens[c.last].end] for c in found]
