"""Faster equivalent forms of a gate: read backwards, and with ASCII digits for ASCII text.

The standard library skips quickly only to positions that can open a match when the
pattern starts with a literal or a class of listed characters. A gate such as
"(?:alabama|alaska|…),?\\s+\\d{5}" or "[eo](?:'s|\\s+is|…)\\s+\\d\\d" opens with letters
that occur almost everywhere, and one that opens with "\\d" (a Unicode category) or a
repeat ("\\d{4}") gets no skipping at all: re tries it at every position (~0.2-0.6 ms
per 20 KB). So a gate is rewritten, from its syntax tree, into forms that say the same:

- read backwards when it ends in a digit and does not start with one: a pattern
  matches somewhere in a text exactly when its reversal matches somewhere in the
  reversed text (sequences and alternations turn round, a lookbehind becomes a
  lookahead, "\\b" stays), and the reversal opens with a digit;
- with "[0-9]" for "\\d" for a chunk that is all ASCII (there "\\d" matches nothing
  else), and a repeat's first round written out ("[0-9][0-9]{3}"), so that re can skip
  to the digits.

Only what can be rewritten exactly is rewritten: a pattern holding anything else
(back-references, anchors other than "\\b"/"\\B", inline flags, groups, a lookahead
of varying width when read backwards) keeps its single form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}
_DIGIT = (sre.IN, [(sre.CATEGORY, sre.CATEGORY_DIGIT)])
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_BOUNDARIES = {sre.AT_BOUNDARY: r"\b", sre.AT_NON_BOUNDARY: r"\B"}


@dataclass(frozen=True)
class GateForms:
    """A gate's search: in the reversed text or not, one pattern for any text, one for ASCII."""

    backwards: bool
    general: re.Pattern[str]
    ascii: re.Pattern[str]

    def found(self, text: str) -> bool:
        """Whether the gate matches somewhere in `text` (as written, not reversed)."""
        haystack = reversed_text(text) if self.backwards else text
        pattern = self.ascii if haystack.isascii() else self.general
        return pattern.search(haystack) is not None


@cache
def gate_forms(pattern: str) -> GateForms | None:
    """The gate's rewritten forms, or None when it cannot be rewritten exactly."""
    tree = _tree(pattern)
    if tree is None:
        return None
    backwards = _opens_with_digit(tree, backwards=True) and _opens_with_lower_case(tree)
    if not backwards and not _opens_unskippably(tree):
        return None  # re skips to its opening characters already: nothing to gain
    try:
        general = rewritten(tree, backwards=backwards, ascii_digits=False)
        ascii_only = rewritten(tree, backwards=backwards, ascii_digits=True)
    except _NotRewritable:
        return None
    return GateForms(backwards, re.compile(general), re.compile(ascii_only))


@lru_cache(maxsize=4)
def reversed_text(text: str) -> str:
    """The chunk read backwards, made once for all the backward gates (both case forms)."""
    return text[::-1]


def starts_at_word(pattern: str) -> bool:
    """Every match starts where no a-z or 0-9 comes before it: the pattern opens with
    "(?<![a-z0-9])" (a class holding both ranges) or with "\\b" and then a letter."""
    tree = _tree(pattern)
    if not tree:
        return False
    op, arg = tree[0]
    if op is sre.AT:
        return bool(arg is sre.AT_BOUNDARY) and _opens_with_letter(tree[1:])
    if op is not sre.ASSERT_NOT or arg[0] >= 0 or len(arg[1]) != 1:
        return False
    kind, members = next(iter(arg[1]))
    if kind is not sre.IN or (sre.NEGATE, None) in members:
        return False
    return {(sre.RANGE, (97, 122)), (sre.RANGE, (48, 57))} <= set(members)


def _opens_with_letter(items: Sequence[tuple[Any, Any]]) -> bool:
    """Every match opens with an ASCII letter (a word character: "\\b" needs a non-word
    one before it)."""
    openings = _openings(items)
    return bool(openings) and all(
        op is sre.LITERAL and chr(arg).isascii() and chr(arg).isalpha() for op, arg in openings
    )


class _NotRewritable(Exception):
    """The pattern holds something this module does not rewrite."""


def _tree(pattern: str) -> list[tuple[Any, Any]] | None:
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if tree.state.flags & ~int(re.UNICODE) or tree.state.groups > 1:
        return None  # inline flags, or groups (a back-reference would need them)
    return list(tree)


def rewritten(items: Sequence[tuple[Any, Any]], *, backwards: bool, ascii_digits: bool) -> str:
    """The pattern of a parsed sequence, read backwards and/or with ASCII digits."""
    return _Writer(backwards, ascii_digits).sequence(items)


def _reading(items: Sequence[tuple[Any, Any]], backwards: bool) -> list[tuple[Any, Any]]:
    """The items in the order a match passes them (reversed: the last item first)."""
    return list(reversed(items)) if backwards else list(items)


def _opens_with_digit(items: Sequence[tuple[Any, Any]], backwards: bool = False) -> bool:
    """Every match, read in this direction, starts with a digit (zero-width items aside)."""
    for op, arg in _reading(items, backwards):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.BRANCH:
            return all(_opens_with_digit(list(branch), backwards) for branch in arg[1])
        if op is sre.SUBPATTERN:
            return _opens_with_digit(list(arg[3]), backwards)
        if op in _REPEATS and arg[0] >= 1:
            return _opens_with_digit(list(arg[2]), backwards)
        return bool((op, arg) == _DIGIT)
    return False


def _openings(items: Sequence[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """The items a match can open with: the first consumed item (of every branch)."""
    for op, arg in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.BRANCH:
            return [first for branch in arg[1] for first in _openings(list(branch))]
        if op is sre.SUBPATTERN:
            return _openings(list(arg[3]))
        return [(op, arg)]
    return []


def _opens_with_lower_case(items: Sequence[tuple[Any, Any]]) -> bool:
    """A lower-case letter can open a match: common in text, so re tries many places.

    A gate opening with capitals ("AK|AL|…", "Argentina|…") is fast as it is: capitals
    are rarer than digits in clinical text.
    """
    return any(_may_be_lower_case(op, arg) for op, arg in _openings(items))


def _may_be_lower_case(op: Any, arg: Any) -> bool:
    if op is sre.LITERAL:
        return chr(arg).islower()
    if op is sre.IN:
        return any(_member_may_be_lower_case(kind, value) for kind, value in arg)
    if op in _REPEATS and arg[0] >= 1:
        return _opens_with_lower_case(list(arg[2]))
    return True  # anything else is read as "may be one"


def _member_may_be_lower_case(kind: Any, value: Any) -> bool:
    if kind is sre.LITERAL:
        return chr(value).islower()
    if kind is sre.RANGE:
        return value[0] <= ord("z") and value[1] >= ord("a")
    return not (kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT)


def _opens_unskippably(items: Sequence[tuple[Any, Any]]) -> bool:
    """re cannot skip to where the gate opens: "\\d" (a category) or a repeat does."""
    openings = _openings(items)
    return any(op in _REPEATS or (op, arg) == _DIGIT for op, arg in openings)


@dataclass(frozen=True)
class _Writer:
    backwards: bool
    ascii_digits: bool

    def sequence(self, items: Sequence[tuple[Any, Any]]) -> str:
        return "".join(self.item(op, arg) for op, arg in _reading(items, self.backwards))

    def item(self, op: Any, arg: Any) -> str:
        if op is sre.LITERAL:
            return re.escape(chr(arg))
        if op is sre.NOT_LITERAL:
            return f"[^{_class_char(arg)}]"
        if op is sre.ANY:
            return "."
        if op is sre.IN:
            return self.char_class(arg)
        if op is sre.BRANCH:
            return "(?:" + "|".join(self.sequence(list(branch)) for branch in arg[1]) + ")"
        if op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            return f"(?:{self.sequence(list(arg[3]))})"
        if op in _REPEATS:
            return self.repeat(*arg)
        if op is sre.AT and arg in _BOUNDARIES:
            return _BOUNDARIES[arg]
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            return self.lookaround(op, *arg)
        raise _NotRewritable(str(op))

    def repeat(self, low: int, high: Any, inner: Any) -> str:
        body = self.sequence(list(inner))
        most = "" if high is sre.MAXREPEAT else str(high - 1)
        if low >= 1 and len(inner) == 1 and inner[0][0] in (sre.IN, sre.LITERAL):
            # re skips to a class of listed characters only when the pattern opens with one
            return f"{body}(?:{body}){{{low - 1},{most}}}"
        most = "" if high is sre.MAXREPEAT else str(high)
        return f"(?:{body}){{{low},{most}}}"

    def lookaround(self, op: Any, direction: int, inner: Any) -> str:
        """Read backwards, a lookbehind turns into a lookahead and a lookahead into a
        lookbehind (which re allows only of a fixed width)."""
        sign = "!" if op is sre.ASSERT_NOT else "="
        ahead = direction > 0
        if self.backwards:
            ahead = not ahead
            low, high = inner.getwidth()
            if not ahead and low != high:
                raise _NotRewritable("a lookahead of varying width")
        return f"(?{'' if ahead else '<'}{sign}{self.sequence(list(inner))})"

    def char_class(self, members: Sequence[tuple[Any, Any]]) -> str:
        parts: list[str] = []
        for kind, value in members:
            if kind is sre.NEGATE:
                parts.append("^")
            elif kind is sre.LITERAL:
                parts.append(_class_char(value))
            elif kind is sre.RANGE:
                parts.append(f"{_class_char(value[0])}-{_class_char(value[1])}")
            elif kind is sre.CATEGORY and value in _CATEGORIES:
                ascii_digit = self.ascii_digits and value is sre.CATEGORY_DIGIT
                parts.append("0-9" if ascii_digit else _CATEGORIES[value])
            else:
                raise _NotRewritable(str(kind))
        return "[" + "".join(parts) + "]"


def _class_char(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\]^-[" else re.escape(char)
