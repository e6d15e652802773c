"""A keyword-led rule tried only where its keywords occur, with finditer's answer.

A pattern such as the MRN rule ("mrn|mr #|medical record|...", then the number) can
only match where one of its leading words starts (`_literals.leading_literals`), yet
finditer tries it at every position (~0.8 ms per 20 KB). Finding the words with
str.find and calling `match` at each occurrence, in text order and each from the end
of the match before, yields exactly finditer's matches. When the words occur too
often for that to pay ("on", "in"), or the lower-cased text cannot stand in for the
text (a case trap, or a length change), the caller runs finditer as before. One time
limit covers all the tries, as it covers one finditer.
"""

from __future__ import annotations

import time

import regex

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._literals import Literals, holds_case_trap

# A match attempt costs about as much as finditer spends on ~100 characters.
_CHARS_PER_TRY = 100
_ALWAYS_WORTH = 8  # tries, however short the text
MAX_LEADS = 16  # more words cost more searches than finditer saves


def lead_matches(
    compiled: regex.Pattern[str], text: str, lower: str, leads: Literals, folded: bool
) -> list[regex.Match[str]] | None:
    """finditer's matches, found at the leads' occurrences; None: run finditer instead."""
    if folded and not _lower_is_faithful(text, lower):
        return None
    most = len(text) // _CHARS_PER_TRY + _ALWAYS_WORTH
    positions = lead_positions(lower if folded else text, leads, most)
    if positions is None:
        return None
    return matches_at(compiled, text, positions)


def matches_at(
    compiled: regex.Pattern[str], text: str, positions: list[int]
) -> list[regex.Match[str]] | None:
    """finditer's matches, when every match starts at one of the sorted `positions`:
    tried there in order, each from the end of the match before. None: an empty match,
    for which finditer's own rules apply. One time limit covers all the tries."""
    deadline = time.perf_counter() + REGEX_TIMEOUT_SECONDS
    found: list[regex.Match[str]] = []
    resume = 0  # where the last match ended
    for position in positions:
        if position < resume:
            continue
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError("regex timed out")
        match = compiled.match(text, position, timeout=remaining)
        if match is not None:
            if match.end() == position:
                return None
            found.append(match)
            resume = match.end()
    return found


def lead_positions(haystack: str, leads: Literals, most: int) -> list[int] | None:
    """Sorted start offsets of the leads in `haystack`; None when there are over `most`."""
    positions: set[int] = set()
    for lead in leads:
        position = haystack.find(lead)
        while position != -1:
            positions.add(position)
            if len(positions) > most:
                return None
            position = haystack.find(lead, position + 1)
    return sorted(positions)


def _lower_is_faithful(text: str, lower: str) -> bool:
    """True when `lower` has the text's offsets and hides no case-insensitive match."""
    if text.isascii():
        return True
    return len(lower) == len(text) and not holds_case_trap(text)
