"""Digit runs: a rule whose every match holds more consecutive digits than a chunk is skipped.

An NPI holds ten consecutive digits, a bare SSN nine, a whole card number thirteen or
more. `required_digit_run` reads from a pattern's syntax tree how many consecutive
digits every match must contain; `longest_digit_run` finds the chunk's longest run of
digits once (~0.15 ms per 15 KB) for all the rules. A rule that needs a longer run than
the chunk has cannot match, and its search (0.1-0.3 ms each) is skipped.

The answer is a lower bound, so the test never drops a finding: only items that consume
nothing but digits ("\\d", "[0-9]", "[2-9]", a digit) join a run, a zero-width item
(lookaround, anchor) neither breaks nor lengthens one, and anything else ends it. The
chunk's runs are measured with the `regex` module's "\\d", the class the rules use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from typing import Any

import regex

from detectors.recognizers._literals import parsed_pattern, required_inner

_ZERO = ord("0")
_NINE = ord("9")
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}
_DIGIT_RUN = regex.compile(r"\d+")


def required_digit_run(pattern: str, flags: int = 0) -> int:
    """Consecutive digits every match of `pattern` contains (0 when unknown)."""
    tree = parsed_pattern(pattern, int(flags))
    return 0 if tree is None else _longest(list(tree))


@lru_cache(maxsize=2)
def longest_digit_run(text: str) -> int:
    """The length of the longest run of digits in the chunk, found once for every rule."""
    return max(map(len, _DIGIT_RUN.findall(text)), default=0)


def _longest(items: Sequence[tuple[Any, Any]]) -> int:
    """The longest run of digits that a match of this sequence always holds."""
    best = run = 0
    for op, arg in items:
        width = _digits_only(op, arg)
        if width is not None:
            run += width
            best = max(best, run)
            continue
        run = 0
        best = max(best, _inside(op, arg))
    return best


def _inside(op: Any, arg: Any) -> int:
    """The run a required group, repeat or alternation (its every branch) holds within."""
    return min((_longest(sequence) for sequence in required_inner(op, arg)), default=0)


def _digits_only(op: Any, arg: Any) -> int | None:
    """How many digits an item always consumes when it consumes only digits; else None."""
    if op in _ZERO_WIDTH:
        return 0
    if op is sre.LITERAL:
        return 1 if _ZERO <= arg <= _NINE else None
    if op is sre.IN:
        return 1 if arg and all(_is_digit_member(kind, value) for kind, value in arg) else None
    if op in _REPEATS:
        inner = _sequence_width(list(arg[2]))
        return None if inner is None else arg[0] * inner
    if op is sre.SUBPATTERN:
        return _sequence_width(list(arg[3]))
    return None


def _sequence_width(items: Sequence[tuple[Any, Any]]) -> int | None:
    total = 0
    for op, arg in items:
        width = _digits_only(op, arg)
        if width is None:
            return None
        total += width
    return total


def _is_digit_member(kind: Any, value: Any) -> bool:
    """A class member matching digits only: "\\d", a digit, a range inside 0-9 (no negation)."""
    if kind is sre.CATEGORY:
        return bool(value is sre.CATEGORY_DIGIT)
    if kind is sre.RANGE:
        return bool(_ZERO <= value[0] <= value[1] <= _NINE)
    return bool(kind is sre.LITERAL and _ZERO <= value <= _NINE)
