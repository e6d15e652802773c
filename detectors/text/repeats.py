"""Repeat mentions: a word of a name or place found once is found at its other mentions.

Notes name a person or a ward once with a cue ("son Vasko", "to Quellmorn 2") and then
bare ("Vasko does not wish", "Quellmorn3"). The name and place recognizers each say
which words carry over and how a token is keyed; this module finds the other mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token

# A bare repeat is weaker evidence than the cued mention it copies.
REPEAT_SCORE = 0.65


def repeat_mentions(
    tokens: Sequence[Token],
    found: Iterable[Candidate],
    key: Callable[[Token], str],
    carried: Callable[[Token], bool],
    skip: Collection[int] = (),
) -> list[Candidate]:
    """One-token candidates at every other mention of a carried word of a found candidate.

    The first candidate holding a word gives its repeats their type; a repeat scores
    no more than that candidate nor REPEAT_SCORE. Tokens of the source itself, and the
    indexes in `skip`, are not repeats. `key` must key a token by its lower-cased text
    alone (it is asked once per distinct word).
    """
    sources: dict[str, Candidate] = {}
    for cand in found:
        for i in range(cand.first, cand.last + 1):
            if carried(tokens[i]):
                sources.setdefault(key(tokens[i]), cand)
    if not sources:
        return []
    hits: list[tuple[int, Candidate]] = []
    for positions in index_of(tokens).by_word.values():
        source = sources.get(key(tokens[positions[0]]))  # one key per distinct word
        if source is not None:
            hits.extend(
                (i, source)
                for i in positions
                if not source.first <= i <= source.last and i not in skip
            )
    hits.sort(key=lambda hit: hit[0])
    return [Candidate(i, i, source.type, min(source.score, REPEAT_SCORE)) for i, source in hits]
