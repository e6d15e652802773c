"""A whole-line rule tried only at the starts of the lines whose end can close a match.

A rule such as the address block's street line ("(?m:^)…<words> <number>[ \\t]*(?m:$)")
matches only from a line's start to its end, yet finditer tries it at every position
(~1 ms per 20 KB). Its matches start at a line start and, in a text of ASCII
characters, end where the line ends in a shape the rule names (`Rule.line_end`: "a
digit, then at most five letters, digits, dots or dashes"). Calling `match` at the
starts of those lines, in order and each from the end of the match before, yields
exactly finditer's matches. Lines are what the `regex` module's multi-line "^" and "$"
see: text between "\\n" characters. A text holding other characters runs finditer.
One time limit covers all the tries, as it covers one finditer.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from detectors.recognizers._lead_matches import matches_at


def line_matches(
    compiled: regex.Pattern[str], text: str, line_end: re.Pattern[str]
) -> list[regex.Match[str]] | None:
    """finditer's matches, tried at the starts of lines whose end matches `line_end`
    (searched with "[ \\t]*$" after it); None: run finditer instead."""
    if not text.isascii():
        return None  # "\\d" and case-insensitive letters reach beyond ASCII
    return matches_at(compiled, text, _closing_line_starts(text, line_end))


def _closing_line_starts(text: str, line_end: re.Pattern[str]) -> list[int]:
    """Sorted starts of the lines whose end (before spaces and tabs) matches `line_end`."""
    starts: list[int] = []
    for match in line_end.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        if not starts or starts[-1] != start:
            starts.append(start)
    return starts


@cache
def compile_line_end(pattern: str) -> re.Pattern[str]:
    """A rule's line end, found where only spaces and tabs follow it on its line."""
    return re.compile(rf"(?:{pattern})[ \t]*$", re.MULTILINE)
