"""Gates made only of character classes in fixed counts, found as a byte string.

A gate such as the card number's "\\d{4}[ \\-]\\d{4}" or the VIN's "[A-HJ-NPR-Z0-9]{17}"
opens with a class that half the characters of clinical text belong to (digits,
capitals), so re tries it at every one of them (~0.15 ms per 20 KB each). In an ASCII
chunk the same question is a substring test: each character is replaced by the number
of the gate's class that holds it (0 for none; the classes must not overlap), which
`bytes.translate` does at C speed, and the gate matches exactly where the translated
chunk holds its classes' numbers in its order ("1111" "2" "1111"). Which characters a
class holds is asked of re itself, so "\\d" and "\\s" mean here what they mean there.
A chunk with other characters, or a gate holding anything else, is searched as before.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_ASCII = range(128)


@cache
def class_gate(pattern: str) -> tuple[bytes, bytes] | None:
    """The gate's translation table and the string its matches translate to, or None."""
    try:
        tree = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if tree.state.flags & ~int(re.UNICODE):
        return None  # inline flags
    classes: list[frozenset[int]] = []
    for op, arg in tree:
        repeated = _repeated(op, arg)
        if repeated is None:
            return None
        count, item = repeated
        classes.extend([_members(tree.state, item)] * count)
    distinct = list(dict.fromkeys(classes))
    if not classes or any(a & b for a in distinct for b in distinct if a is not b):
        return None  # overlapping classes: one number per character cannot say both
    numbers = {code: index + 1 for index, members in enumerate(distinct) for code in members}
    table = bytes(numbers.get(code, 0) for code in range(256))
    return table, bytes(distinct.index(members) + 1 for members in classes)


def class_gate_found(table: bytes, needle: bytes, text: str) -> bool | None:
    """Whether the gate matches in `text`; None for a text that is not all ASCII."""
    if not text.isascii():
        return None
    return needle in _translated(text, table)


@lru_cache(maxsize=4)
def _translated(text: str, table: bytes) -> bytes:
    """The chunk as class numbers, made once per table (gates share their tables)."""
    return text.encode("ascii").translate(table)


def _repeated(op: Any, arg: Any) -> tuple[int, tuple[Any, Any]] | None:
    """A one-character item and how many times it repeats (a fixed count), or None."""
    if op in (sre.LITERAL, sre.IN):
        return 1, (op, arg)
    if op is sre.MAX_REPEAT and arg[0] == arg[1] and len(arg[2]) == 1:
        inner = arg[2][0]
        if inner[0] in (sre.LITERAL, sre.IN):
            return arg[0], inner
    return None


def _members(state: Any, item: tuple[Any, Any]) -> frozenset[int]:
    """The ASCII codes the one-character item matches, as re's compiled item says."""
    alone = sre_compile.compile(sre_parse.SubPattern(state, [item]))
    return frozenset(code for code in _ASCII if alone.fullmatch(chr(code)))
