"""Names that stand beside other names or alone on a line: lists, pairs, name lines.

Lists: 'Yaromir, Shelby, Dorothea and Trudy'. Lines: signature blocks and chat speakers
('Harriet: …').

A word that no rule knows as a name is still one when it sits in a list whose other
items are names: notes and letters list family members, founders, staff. The list
must already hold two names (found by a rule, or census first names), so lists of
drugs, tests or places never qualify.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.names import words
from detectors.names.predicates import census_backed, strong_ok
from detectors.names.rules import NAME
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

_MIN_ITEMS = 3
_NAME_SHAPE = {"mixed": "title", "upper": "upper"}  # lower-case lines: any shape
_LIST_SCORE = 0.6


def list_items(tokens: Sequence[Token], first: int) -> list[int]:
    """Indexes of a one-word-per-item list starting at `first`: 'a, b, c and d'."""
    items = [first]
    k = first + 1
    while k < len(tokens) and same_line(tokens, k):
        gap = tokens[k].gap_before.strip()
        if tokens[k].lower == "and" and gap in ("", ","):
            last = k + 1
            glued = last < len(tokens) and not tokens[last].gap_before.strip()
            if glued and same_line(tokens, last):
                items.append(last)
            break
        if gap != ",":
            break
        items.append(k)
        k += 1
    return items


def list_rule(tokens: Sequence[Token], found: Sequence[Candidate]) -> list[Candidate]:
    """Every item of a list in which at least two items are names already."""
    named = {i for name in found for i in range(name.first, name.last + 1)}
    candidates: list[Candidate] = []
    index = index_of(tokens)
    resume = 0
    # A list goes on at a comma or an 'and'; where the next token has neither, list_items
    # would stop at once (a one-item list).
    for i in (k - 1 for k in index.at_or(("and",), index.commas) if k > 0):
        if i < resume:
            continue
        items = list_items(tokens, i)
        if len(items) >= _MIN_ITEMS and _a_list_of_names(tokens, items, named):
            candidates.extend(
                Candidate(k, k, NAME, _LIST_SCORE)
                for k in items
                if k not in named and _could_be_name(tokens[k])
            )
        resume = items[-1] + 1
    return candidates


def _a_list_of_names(tokens: Sequence[Token], items: list[int], named: set[int]) -> bool:
    names = sum(1 for k in items if k in named or _first_name_item(tokens[k]))
    return names >= 2 and names * 2 >= len(items)


def _first_name_item(token: Token) -> bool:
    return _could_be_name(token) and lex.is_known_first_name(token.text)


def _could_be_name(token: Token) -> bool:
    """Written as the line writes names ('mae' in mixed case is 'moves all extremities')."""
    if token.shape != _NAME_SHAPE.get(token.mode, token.shape):
        return False
    if token.lower in words.NEVER_A_NAME or not token.text.isalpha():
        return False
    return lex.is_known_first_name(token.text) or not lex.is_everyday_word(token.text)


def name_before_and(tokens: Sequence[Token], name: Candidate) -> list[Candidate]:
    """'Tabenko and Adams were…': a capitalized word joined by 'and' to a name found after it."""
    conjunction = name.first - 1
    other = conjunction - 1
    if other < 0 or tokens[conjunction].lower != "and" or not same_line(tokens, name.first):
        return []
    token = tokens[other]
    if not same_line(tokens, conjunction) or token.mode != "mixed" or token.shape != "title":
        return []
    if not strong_ok(token) or lex.is_everyday_word(token.text, lex.PROPER_ZIPF):
        return []
    return [Candidate(other, other, name.type, _LIST_SCORE)]


def dialogue_rule(tokens: Sequence[Token], found: Sequence[Candidate]) -> list[Candidate]:
    """Chat speakers: with 'Harriet:' known, 'Zdenko:' on another line is a name too."""
    speakers = [i for i in index_of(tokens).line_starts if _speaker_label(tokens, i)]
    named = {name.first for name in found if name.first == name.last}
    known = [i for i in speakers if i in named or _first_name_item(tokens[i])]
    if not known or len(speakers) < 2:
        return []
    return [
        Candidate(i, i, NAME, _LIST_SCORE)
        for i in speakers
        if i not in named and _could_be_name(tokens[i]) and not _everyday_label(tokens[i])
    ]


def _speaker_label(tokens: Sequence[Token], i: int) -> bool:
    line_start = i == 0 or not same_line(tokens, i)
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return line_start and following is not None and following.gap_before.startswith(":")


def _everyday_label(token: Token) -> bool:
    return lex.is_everyday_word(token.text, lex.PROPER_ZIPF) and not lex.is_known_first_name(
        token.text
    )


# Lower-case words inside names: "Ludwig van Dam", "Willa ten Bosch".
_PARTICLES = frozenset({"van", "de", "ten", "von", "der", "den", "da", "di", "del", "la", "le"})


def line_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """A line holding only a name: signature blocks and chat speakers ('Harriet: …')."""
    found: list[Candidate] = []
    for i in index_of(tokens).line_starts:
        token = tokens[i]
        if token.mode != "mixed" or token.shape != "title":
            continue
        last = i
        while last + 1 < len(tokens) and last - i < 3 and same_line(tokens, last + 1):
            nxt = tokens[last + 1]
            if nxt.gap_before.strip(" .") or (
                nxt.lower in words.STOP and nxt.lower not in _PARTICLES
            ):
                break
            if nxt.shape == "lower" and nxt.lower not in _PARTICLES:
                break  # "Jane Doe went home" is a sentence, not a line holding a name
            last += 1
        line_end = last + 1 >= len(tokens) or not same_line(tokens, last + 1)
        speaker = tokens[last + 1].gap_before.startswith(":") if not line_end else False
        if (line_end or speaker) and _plausible_name(tokens[i : last + 1], speaker):
            found.append(Candidate(i, last, NAME, 0.6))
    return found


# Made once: a union of these sets per call cost ~15 µs.
_NOT_A_LINE_NAME = words.NOT_PERSON | words.STOP | words.FIELD_LABELS | words.CLINICAL_SHORTHAND


def _plausible_name(run: Sequence[Token], speaker: bool) -> bool:
    named = [t for t in run if t.shape == "title"]
    if not named or any(t.lower in _NOT_A_LINE_NAME for t in named):
        return False
    if any(lex.is_everyday_word(t.text, lex.PROPER_ZIPF) for t in named):
        return False
    if len(named) == 1 and not speaker:
        return False
    if speaker:  # "Harriet: …", "Éva: …" (section heads like "Neuro:" are English words)
        only = named[0]
        unusual = not only.text.isascii()
        listed = lex.is_known_first_name(only.text) or lex.is_listed_first_name(only.text)
        return len(named) == 1 and (listed or unusual)
    return any(census_backed(t) or not t.text.isascii() for t in named) or len(named) > 1
