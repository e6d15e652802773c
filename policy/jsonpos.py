"""Where each value and key of a JSON document starts, as 1-based line and column.

Pydantic reports an error location as a path (`tools[2].match.titles[0]`); this maps the
path back to the text so every message can say FILE:LINE:COL. It also finds duplicate
keys, which `json.loads` silently collapses (the last one wins): in a policy that hides
a mistake, so we report it. The scanner is iterative (no recursion limit) and only ever
runs on text that `json.loads` has already accepted, so it can assume valid JSON.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field

from policy.problems import Loc

Pos = tuple[int, int]
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
_SPACE = re.compile(r"[ \t\r\n]*")
_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)


@dataclass
class _Frame:
    path: Loc
    is_object: bool
    index: int = 0
    key: str | None = None
    seen: set[str] = field(default_factory=set)


@dataclass
class JsonPositions:
    """Start positions of values and of object keys, plus duplicate keys found."""

    values: dict[Loc, Pos] = field(default_factory=dict)
    keys: dict[Loc, Pos] = field(default_factory=dict)
    duplicates: list[tuple[Loc, Pos]] = field(default_factory=list)

    def locate(self, loc: Loc, prefer_key: bool = False) -> Pos:
        """The position of `loc`, or of its nearest existing ancestor (1:1 at worst)."""
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for positions in table:
                if prefix in positions:
                    return positions[prefix]
        return (1, 1)


class _LineIndex:
    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def pos(self, offset: int) -> Pos:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def line_col(text: str, offset: int) -> Pos:
    """1-based (line, column) of a character offset."""
    return _LineIndex(text).pos(offset)


def scan_positions(text: str) -> JsonPositions:
    """Positions of every value and key in `text` (which must be valid JSON)."""
    out, lines, stack = JsonPositions(), _LineIndex(text), list[_Frame]()
    i, n = 0, len(text)
    while True:
        i = _SPACE.match(text, i).end()  # type: ignore[union-attr]  # always matches
        if i >= n:
            return out
        char = text[i]
        if char in ",:]}":
            i = _punctuation(char, stack, i)
            continue
        if char == '"' and stack and stack[-1].is_object and stack[-1].key is None:
            i = _key(text, i, stack[-1], out, lines)
            continue
        out.values[_here(stack)] = lines.pos(i)
        if char in "{[":
            stack.append(_Frame(_here(stack), is_object=char == "{"))
            i += 1
        elif char == '"':
            i = _string_end(text, i)
        else:
            match = _SCALAR.match(text, i)
            i = match.end() if match else i + 1


def _here(stack: list[_Frame]) -> Loc:
    if not stack:
        return ()
    top = stack[-1]
    part: str | int = (top.key or "") if top.is_object else top.index
    return (*top.path, part)


def _punctuation(char: str, stack: list[_Frame], i: int) -> int:
    if char in "]}":
        stack.pop()
    elif char == "," and stack:
        top = stack[-1]
        if top.is_object:
            top.key = None
        else:
            top.index += 1
    return i + 1


def _key(text: str, i: int, top: _Frame, out: JsonPositions, lines: _LineIndex) -> int:
    end = _string_end(text, i)
    key = json.loads(text[i:end])
    loc = (*top.path, key)
    if key in top.seen:
        out.duplicates.append((loc, lines.pos(i)))
    else:
        out.keys[loc] = lines.pos(i)
    top.seen.add(key)
    top.key = key
    return end


def _string_end(text: str, i: int) -> int:
    match = _STRING_BODY.match(text, i + 1)
    return match.end() if match else len(text)
