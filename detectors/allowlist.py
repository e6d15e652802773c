"""The policy allow-list: practice name, address, phone, staff and provider names.

A finding that lies inside an allow-listed phrase is not an identifier of a patient
and is dropped before the verdict.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from detectors.offline import REGEX_TIMEOUT_SECONDS


class AllowList:
    """Case-insensitive, whitespace-tolerant phrase matcher over allow-listed terms."""

    def __init__(self, terms: Iterable[str]) -> None:
        phrases = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
        self._pattern = (
            regex.compile("|".join(_phrase_regex(p) for p in phrases), regex.IGNORECASE)
            if phrases
            else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where allow-listed phrases occur in `text`."""
        if self._pattern is None:
            return []
        return [m.span() for m in self._pattern.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)]


def _phrase_regex(phrase: str) -> str:
    words = [regex.escape(w) for w in phrase.split()]
    return r"(?<!\w)" + r"[\s,.]*".join(words) + r"(?!\w)"
