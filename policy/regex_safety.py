"""Checks that a regex written by IT is valid and cannot hang the scanner.

A pattern such as `(a+)+$` backtracks exponentially: on a few thousand characters it
runs for hours. The scanner has a timeout, but a pattern that always times out would
make every scan "incomplete" (treated as PHI) and the app unusable, so such a pattern
is refused when the policy is loaded. The test: compile with the `regex` module (the
engine the scanner uses) and match it against adversarial strings under a time limit.
"""

from __future__ import annotations

import functools

import regex

TEST_TIMEOUT_S = 0.1
_LENGTH = 5000
# Long runs of one character class, then a character that forces a failed match at the
# end: the classic inputs that make nested or overlapping quantifiers backtrack.
_ADVERSARIAL = (
    "a" * _LENGTH + "!",
    "A" * _LENGTH + "!",
    "1" * _LENGTH + "!",
    " " * _LENGTH + "!",
    "a1" * (_LENGTH // 2) + "!",
    "a " * (_LENGTH // 2) + "!",
    "-" * _LENGTH + "\n",
    "a." * (_LENGTH // 2) + "!",
)


class UnsafeRegex(ValueError):
    """The pattern does not compile, matches everything, or can backtrack for too long."""


def compile_pattern(pattern: str, flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    """Compile `pattern` the way the scanner does, or raise UnsafeRegex."""
    try:
        return regex.compile(pattern, flags)
    except (regex.error, OverflowError, RecursionError, ValueError) as error:
        raise UnsafeRegex(f"not a valid regular expression: {error}") from error


@functools.lru_cache(maxsize=512)
def check_pattern(pattern: str, flags: int = regex.IGNORECASE) -> None:
    """Raise UnsafeRegex unless the pattern is usable; cached, the check costs a little."""
    compiled = compile_pattern(pattern, flags)
    if compiled.search("", timeout=TEST_TIMEOUT_S) is not None:
        raise UnsafeRegex("pattern matches the empty string, so it would match every text")
    for sample in _ADVERSARIAL + _from_literals(pattern):
        try:
            compiled.search(sample, timeout=TEST_TIMEOUT_S)
        except TimeoutError as error:
            raise UnsafeRegex(
                "pattern risks catastrophic backtracking: matching it against "
                f"{len(sample):,} characters took longer than {TEST_TIMEOUT_S} s "
                "(avoid nested quantifiers such as (a+)+ or (\\w+\\s?)*)"
            ) from error


def _from_literals(pattern: str) -> tuple[str, ...]:
    """Runs of the pattern's own letters and digits: `(x+x+)+y` only slows on x's."""
    chars = dict.fromkeys(c for c in pattern if c.isalnum() and c.isascii())
    return tuple(c * _LENGTH + "!" for c in list(chars)[:12])
