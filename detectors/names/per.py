"""Names after 'per', the clinician an order or a plan comes from.

'per d ross', 'PER DOUGLASS WILL HOLD': notes name who decided with 'per' and often drop
the title, the capitals and the initial's dot. 'per protocol', 'per pt' and 'per a nurse'
are not names: the word after 'per' must be a census surname that is more name than word,
behind an initial or before a verb of what the clinician will do.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.names.rules import PROVIDER
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

# What a clinician named after 'per' goes on to do: 'PER DOUGLASS WILL HOLD'.
_DECIDES = frozenset({"will", "wants", "would", "says", "said", "ok", "okay", "agrees"})


def per_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'per k lund', 'per B. Tsolakis', 'PER FENWICK WILL HOLD'."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(("per",)):
        if i + 2 >= len(tokens):
            break
        if not _next_word(tokens, i + 1):
            continue
        first = i + 1
        initial = len(tokens[first].text) == 1 and tokens[first].lower not in ("a", "i")
        last = first + 1 if initial else first
        if last >= len(tokens) or not _next_word(tokens, last):
            continue
        surname = tokens[last]
        if lex.nameness(surname.text) < lex.NAME_LIKE:  # 0 or -inf for no census name
            continue
        decides = last + 1 < len(tokens) and _next_word(tokens, last + 1)
        if initial or (decides and tokens[last + 1].lower in _DECIDES):
            found.append(Candidate(first, last, PROVIDER, 0.7))
    return found


def _next_word(tokens: Sequence[Token], i: int) -> bool:
    """Token i follows the one before it on the same line after a space (or '. ')."""
    return same_line(tokens, i) and tokens[i].gap_before in (" ", ". ")
