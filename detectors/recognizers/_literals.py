"""Required literals of a regex: a prefilter that skips rules whose words a text lacks.

Most rules cannot match without one of a few fixed strings ("acct", "account", "@",
"plate"...). `required_literals` reads a pattern's syntax tree and returns strings of
which every match must contain at least one; when the lower-cased text holds none of
them the rule cannot match and is skipped. A substring test costs microseconds where
the pattern itself (or its regex gate) costs up to a few milliseconds per 20 KB.

The answer is a necessary condition only, so the prefilter can never drop a finding:
- only consumed literals count (not lookarounds, back-references or optional parts);
- an alternation counts only when every branch has its own required literal;
- only ASCII literals, searched lower-cased in the lower-cased text: str.lower() maps
  ASCII one to one, but case-insensitive matching also pairs a few other characters
  with ASCII letters (the dotted capital I, the dotless i, the long s) that
  str.lower() keeps apart, so a text holding one of them runs every rule unfiltered.
Patterns the standard library's parser cannot read get no literals and always run;
`regex`'s property classes (\\p{L}) are read as "any character".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Non-ASCII characters that match an ASCII letter case-insensitively while str.lower()
# does not map them onto it (tests/unit/recognizers/test_literals.py derives this set).
CASE_TRAPS = ("\u0130", "\u0131", "\u017f")


@lru_cache(maxsize=2)
def holds_case_trap(text: str) -> bool:
    """True when the text holds a case trap: its lower-cased copy may then hide a
    case-insensitive match (cached per chunk: every prefilter and gate asks)."""
    return not text.isascii() and any(trap in text for trap in CASE_TRAPS)


# Flags the standard parser reads the same way as the `regex` module does.
_PARSABLE_FLAGS = int(re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE)
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}
_MOST_CLASS_CHARS = 4  # a lead is split on a class of at most this many characters

Literals = tuple[str, ...]


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Lower-cased strings, one of which every match of `pattern` contains; None if unknown."""
    tree = parsed_pattern(pattern, int(flags))
    if tree is None:
        return None
    found = _of_sequence(list(tree))
    if not found:
        return None
    # "enc" in a text is checked anyway: "encounter" need not be searched for.
    return tuple(sorted(s for s in found if not any(o != s and o in s for o in found)))


@lru_cache(maxsize=256)
def parsed_pattern(pattern: str, flags: int) -> Any:
    """The pattern's syntax tree (parsed once for all the questions asked of it), or None.

    `regex`-only property classes (\\p{L}) are read as "any character", which keeps
    every answer a necessary condition.
    """
    if flags & ~_PARSABLE_FLAGS:  # an int: ~ on a RegexFlag keeps only re's own flags
        return None
    source = _ANY_PROPERTY.sub(_any_char, pattern)
    if _READ_DIFFERENTLY.search(source):
        return None
    try:
        return sre_parse.parse(source, flags)
    except (re.error, RecursionError, OverflowError):
        return None


# What `regex` reads as a fuzzy constraint ("(?:abc){e<=1}") or a POSIX class
# ("[[:alpha:]]") and re as literal characters: such a pattern gets no literals.
_READ_DIFFERENTLY = re.compile(r"\{(?![0-9]|,[0-9])|\[:\^?[a-z]+:\]")


def may_match(literals: Literals | None, text: str, lowered: str) -> bool:
    """False only when `text` (lower-cased: `lowered`) holds none of the literals."""
    if literals is None:
        return True
    if holds_case_trap(text):
        return True
    return any(map(lowered.__contains__, literals))  # no generator frame: ~40 rules a chunk


def _of_sequence(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The most selective required set among the items of a sequence, if any."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL and arg < 128:
            run.append(chr(arg).lower())
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        inner = _of_item(op, arg)
        if inner:
            options.append(inner)
    if run:
        options.append(frozenset({"".join(run)}))
    return max(options, key=_set_selectivity) if options else None


def _of_item(op: Any, arg: Any) -> frozenset[str] | None:
    """The required set of one non-literal item; None when it requires nothing known."""
    inner = required_inner(op, arg)
    if not inner:
        return None
    if op is sre.BRANCH:
        return _every_branch([_of_sequence(branch) for branch in inner])
    return _of_sequence(inner[0])


def required_inner(op: Any, arg: Any) -> list[list[tuple[Any, Any]]]:
    """The sequences a match of an item always passes through: a group's or a required
    repeat's one sequence, an alternation's branches (one of them); [] for other items."""
    if op is sre.SUBPATTERN:
        return [list(arg[3])]
    if op is sre.ATOMIC_GROUP:
        return [list(arg)]
    if op in _REPEATS and arg[0] >= 1:
        return [list(arg[2])]
    if op is sre.BRANCH:
        return [list(branch) for branch in arg[1]]
    return []


def _every_branch(branches: list[frozenset[str] | None]) -> frozenset[str] | None:
    """All branches' strings, when every branch has some; else None."""
    if any(not branch for branch in branches):
        return None
    return frozenset().union(*branches)  # type: ignore[arg-type]


def _set_selectivity(options: frozenset[str]) -> tuple[int, int]:
    return literal_selectivity(tuple(options))


def literal_selectivity(literals: Literals) -> tuple[int, int]:
    """Longer shortest string first (rarer in text), then fewer strings (fewer searches)."""
    return min(len(literal) for literal in literals), -len(literals)


def leading_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Strings one of which every match of `pattern` starts with; None if unknown.

    Every match starts at an occurrence of one of them, so the pattern need only be
    tried there. A case-sensitive pattern gets exact strings; a case-insensitive one
    lower-cased ASCII ones, to be found in the lower-cased text (see may_match's traps).
    """
    tree = parsed_pattern(pattern, int(flags))
    if tree is None:
        return None
    folded = bool(tree.state.flags & re.IGNORECASE)
    if folded and not flags & re.IGNORECASE:
        return None  # an inline (?i): the caller would search the text case-sensitively
    found = _leading(list(tree), folded)
    if not found:
        return None
    # A match at "encounter" starts with "enc" too: its occurrences are tried anyway.
    return tuple(sorted(s for s in found if not any(o != s and s.startswith(o) for o in found)))


# An escaped backslash, or a property class: only the second is replaced.
_ANY_PROPERTY = re.compile(r"\\\\|\\[pP]\{[^}]*\}")


def _any_char(match: re.Match[str]) -> str:
    return match.group() if match.group() == "\\\\" else "."


def _leading(items: Sequence[tuple[Any, Any]], folded: bool) -> frozenset[str] | None:
    for index, (op, arg) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue  # a lookaround or anchor consumes nothing
        if op is sre.LITERAL:
            return _literal_lead(items[index:], folded)
        if _few_chars((op, arg), folded):
            return _class_lead(items[index:], folded)
        if op is sre.SUBPATTERN and (folded or not arg[1] & re.IGNORECASE):
            return _leading(list(arg[3]), folded)
        if op is sre.BRANCH:
            return _every_branch([_leading(list(branch), folded) for branch in arg[1]])
        if op in _REPEATS:
            repeated = _leading(list(arg[2]), folded)
            if arg[0] >= 1:
                return repeated
            # "(?:member\s+)?portal": either the optional part or what follows opens it
            return _every_branch([repeated, _leading(items[index + 1 :], folded)])
        return None
    return None


def _class_lead(items: Sequence[tuple[Any, Any]], folded: bool) -> frozenset[str] | None:
    """A class of a few characters and the literal run after it: "[Vv]ive" gives "Vive"
    and "vive". A lone character ("[12]" then digits) would be found everywhere."""
    found = _literal_lead(items, folded)
    return found if found and min(map(len, found)) >= 2 else None


def _literal_lead(items: Sequence[tuple[Any, Any]], folded: bool) -> frozenset[str] | None:
    """The literal run opening `items`, joined to the leads of what follows it.

    re's parser takes a common prefix out of an alternation ("mrn|med" is "m" then
    "rn|ed"): the run alone ("m") would be found everywhere.
    """
    run = "".join(chr(code) for op, code in itertools.takewhile(_is_literal, items))
    rest = items[len(run) :]
    if folded:
        lead = "".join(itertools.takewhile(str.isascii, run)).lower()
        if lead != run.lower():
            return frozenset({lead}) if lead else None  # a non-ASCII letter ends the lead
        run = lead
    if rest and rest[0][0] in (sre.BRANCH, sre.SUBPATTERN):
        following = _leading(rest[:1], folded)
        if following:
            return frozenset(run + lead for lead in following)
    choices = _few_chars(rest[0], folded) if rest else None
    if choices:  # "n[uú]mero": "nu" and "nú", not every "n"
        after = rest[1:2] and _is_literal(rest[1])
        tails = _literal_lead(rest[1:], folded) if after else None
        return frozenset(run + char + tail for char in choices for tail in tails or {""})
    return frozenset({run})


def _few_chars(item: tuple[Any, Any], folded: bool) -> frozenset[str] | None:
    """The characters of a class of a few literals ("[uú]"); None for any other item."""
    op, members = item
    if op is not sre.IN or len(members) > _MOST_CLASS_CHARS:
        return None
    if any(kind is not sre.LITERAL for kind, _ in members):
        return None  # a range, a category or a negation
    chars = [chr(code) for _, code in members]
    if folded and not all(char.isascii() for char in chars):
        return None  # lower-cased text: see may_match's case traps
    return frozenset(char.lower() if folded else char for char in chars)


def _is_literal(item: tuple[Any, Any]) -> bool:
    return item[0] is sre.LITERAL
