"""Where a run of capitalized words sits, for the capitalized-run rule (capitalized.py).

Two places change what a run is: after "<Organisation word> of" it ends an
organisation's name ("American Academy of Pediatrics"), and as the first field of a
numbered or bulleted list entry ("1. <First> <Last> - knee pain") it reads like a run
mid-sentence, not like a sentence's opening words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detectors.text.tokens import Token

# Words that head an organisation's name before "of": "<Head> of <Field>".
_ORGANISATION_HEADS = frozenset(
    {"academy", "association", "society", "college", "department", "dept", "division"}
    | {"institute", "institutes", "school", "university", "board", "council", "federation"}
    | {"foundation", "ministry", "bureau", "agency", "commission", "journal", "committee"}
    | {"league", "alliance", "coalition", "centers", "center", "office", "section", "service"}
)


def organisation_part(tokens: Sequence[Token], first: int) -> bool:
    """'American Academy of Pediatrics', 'Department of Surgery': the run ends the name of
    an organisation, after 'of' and a capitalised organisation word."""
    if first < 2 or tokens[first - 1].lower != "of":
        return False
    head = tokens[first - 2]
    return head.shape == "title" and head.lower in _ORGANISATION_HEADS


# A numbered or bulleted line's start, and what ends a list entry's first field.
_LIST_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:\d{1,3}[.)]|[-*•])[ \t]+$")
_ENTRY_SEPARATORS = (" - ", " – ", " — ", ": ", ", ", " (")


def list_entry(tokens: Sequence[Token], first: int, last: int) -> bool:
    """'1. <First> <Last> - knee pain': the run is a list entry's first field, which reads
    like a name mid-sentence rather than a sentence's opening words."""
    if not _LIST_MARKER.search(tokens[first].gap_before):
        return False
    if last + 1 >= len(tokens):
        return True
    gap = tokens[last + 1].gap_before
    return "\n" in gap or gap.startswith(_ENTRY_SEPARATORS)
