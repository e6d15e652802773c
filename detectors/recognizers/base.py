"""Shared machinery for regex-and-context recognizers on Presidio's EntityRecognizer API.

Each identifier module declares patterns, an optional checksum/validator and optional
context keywords; this class does the matching (with the `regex` module's timeout),
narrows the span to a named group `value` when present, gates or boosts on context,
and returns Presidio RecognizerResults tagged with the recognizer's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from typing import Protocol

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.offline import REGEX_TIMEOUT_SECONDS
from detectors.recognizers._digit_runs import longest_digit_run, required_digit_run
from detectors.recognizers._gates import compile_gate, gate_found, gate_leads, prepare_gate
from detectors.recognizers._lead_matches import MAX_LEADS, lead_matches
from detectors.recognizers._line_matches import compile_line_end, line_matches
from detectors.recognizers._literals import (
    Literals,
    holds_case_trap,
    leading_literals,
    literal_selectivity,
    may_match,
    required_literals,
)

Validator = Callable[[str, "regex.Match[str]"], float | None]


@dataclass(frozen=True)
class Rule:
    """One pattern: a regex (optionally with a `value` group) and its base score.

    `gate`, when set, is a cheap pattern that every match of `pattern` contains; a text
    without it skips the rule. A few address and URL patterns try an expensive
    alternation at every position and cost several ms per 30 KB; their gates, run
    with the standard library's literal-prefix search, cost well under one. Gates must
    stay linear (no nested or overlapping quantifiers): they run without a timeout.
    A case-insensitive rule's gate is written in lower case and searched in the
    lower-cased text: re's own IGNORECASE makes alternations several times slower.
    Its case-sensitive parts ("(?-i:DL)") are lower-cased when the gate is compiled.

    `line_end`, for a rule whose every match runs from a line's start to its end and
    never crosses into the next line (no "\\s" that could take a newline), is a
    standard-library pattern that the end of every such line matches in ASCII text
    (spaces and tabs after it aside, within the line): the rule is then tried only
    at the starts of those lines (_line_matches).
    """

    name: str
    pattern: str
    score: float
    flags: int = regex.IGNORECASE
    gate: str | None = None
    line_end: str | None = None

    @cached_property
    def folded(self) -> bool:
        """Case-insensitive: its gate and literals are searched in the lower-cased text.

        Worked out once: `&` on a RegexFlag runs enum code (~5 µs), ~25 times a chunk.
        """
        return bool(self.flags & regex.IGNORECASE)


@dataclass(frozen=True)
class ContextSpec:
    """Keywords that must (or may) appear near a match, searched in lower-cased text."""

    keywords: Sequence[str]
    chars_before: int = 40
    chars_after: int = 0
    required: bool = False
    boost: float = 0.25


class RegexRecognizer(EntityRecognizer):
    """A Presidio recognizer built from Rules, an optional validator and a ContextSpec."""

    def __init__(
        self,
        entity: str,
        rules: Sequence[Rule],
        name: str,
        validator: Validator | None = None,
        context: ContextSpec | None = None,
        read_literals: bool = True,
    ) -> None:
        self._rules = [
            (rule, regex.compile(rule.pattern, rule.flags), _gate(rule)) for rule in rules
        ]
        # The literal shortcuts are checked on our rules (tests, bench/snapshot.py); a
        # policy's own patterns (read_literals=False) always run in full.
        self._literals = [
            _prefilter(rule, gate) if read_literals else None for rule, _, gate in self._rules
        ]
        self._leads = [_pattern_leads(rule) if read_literals else None for rule in rules]
        self._digits = [_digit_run(rule) if read_literals else 0 for rule in rules]
        self._validator = validator
        self._context_spec = context
        self._context_re = _keyword_regex(tuple(context.keywords)) if context else None
        self.recognizer_name: str = name
        super().__init__(supported_entities=[entity], name=name, supported_language="en")

    def load(self) -> None:
        """Patterns compile in __init__; nothing to load."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        lower = lowered(text)
        plans = zip(self._rules, self._literals, self._leads, self._digits, strict=True)
        for (rule, compiled, gate), literals, leads, digits in plans:
            if digits and longest_digit_run(text) < digits:
                continue
            if not may_match(literals, text, lower):
                continue
            if gate is not None and not gate_open(rule, gate, text):
                continue
            for match in _matches(rule, compiled, leads, text, lower):
                result = self._result_for(text, rule, match)
                if result is not None:
                    results.append(result)
        return results

    def _result_for(
        self, text: str, rule: Rule, match: regex.Match[str]
    ) -> RecognizerResult | None:
        start, end = _value_span(match)
        if start == end:
            return None
        validated = self._validator(text, match) if self._validator else rule.score
        if validated is None:
            return None
        score = self._apply_context(text, start, end, validated)
        if score is None:
            return None
        return own_result(self, self.supported_entities[0], start, end, min(score, 1.0))

    def _apply_context(self, text: str, start: int, end: int, score: float) -> float | None:
        spec, keyword_re = self._context_spec, self._context_re
        if spec is None or keyword_re is None:
            return score
        window = text[max(0, start - spec.chars_before) : start]
        if spec.chars_after:
            window += " " + text[end : end + spec.chars_after]
        if keyword_re.search(window.lower()):
            return score + spec.boost
        return None if spec.required else score


class NamedRecognizer(Protocol):
    """What own_result needs of a recognizer: its name and Presidio id."""

    recognizer_name: str

    @property
    def id(self) -> str: ...


def own_result(
    recognizer: NamedRecognizer, entity: str, start: int, end: int, score: float
) -> RecognizerResult:
    """A Presidio result tagged with the recognizer that found it (every recognizer here)."""
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.recognizer_name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


def gate_open(rule: Rule, gate: re.Pattern[str], text: str) -> bool:
    """True when the text holds the rule's gate (so the rule must run).

    A case-insensitive rule matches "MEDİCAİD" as "medicaid", but lower-casing turns the
    dotted İ into two characters, so its gate could not see it: a text holding such a
    case trap runs the rule, as may_match does for the literal prefilter.
    """
    if not rule.folded:
        return gate_found(gate, text)
    if holds_case_trap(text):
        return True
    return gate_found(gate, lowered(text))


@lru_cache(maxsize=2)
def lowered(text: str) -> str:
    """The lower-cased text, made once per scanned chunk for all the gates and prefilters."""
    return text.lower()


# Each literal costs a substring search of the chunk (~10 µs per 20 KB), all of them
# when none occurs: a long list (country or street-type names) costs more than an
# ungated pattern saves, and more than most gates (~70 country names 0.5 ms, their
# gate 0.15; 15 Romance street words 0.18 ms, their gate 0.06).
_MAX_LITERALS = 8


def _matches(
    rule: Rule, compiled: regex.Pattern[str], leads: Literals | None, text: str, lower: str
) -> Iterable[regex.Match[str]]:
    """The rule's matches: tried at its lines or leading words when that pays, else finditer."""
    if rule.line_end is not None:
        lines = line_matches(compiled, text, compile_line_end(rule.line_end))
        if lines is not None:
            return lines
    if leads is not None:
        found = lead_matches(compiled, text, lower, leads, rule.folded)
        if found is not None:
            return found
    return compiled.finditer(text, timeout=REGEX_TIMEOUT_SECONDS)


def _pattern_leads(rule: Rule) -> Literals | None:
    """The words every match of the rule starts with, when few enough to search for."""
    leads = leading_literals(rule.pattern, rule.flags)
    return leads if leads is not None and len(leads) <= MAX_LEADS else None


def _digit_run(rule: Rule) -> int:
    """Consecutive digits that every match of the rule (and its gate) holds."""
    gate = required_digit_run(rule.gate) if rule.gate is not None else 0
    return max(required_digit_run(rule.pattern, rule.flags), gate)


def _prefilter(rule: Rule, gate: re.Pattern[str] | None) -> Literals | None:
    """The more selective of the literals required by the rule's gate and by its pattern.

    None for a rule whose gate is searched by its leading words: that search is the filter.
    """
    if gate is not None and gate_leads(gate) is not None:
        return None
    found = [required_literals(rule.pattern, rule.flags)]
    if rule.gate is not None:
        found.append(required_literals(rule.gate))
    known = [literals for literals in found if literals]
    if not known:
        return None
    best = max(known, key=literal_selectivity)
    return best if len(best) <= _MAX_LITERALS else None


def _gate(rule: Rule) -> re.Pattern[str] | None:
    if rule.gate is None:
        return None
    gate = compile_gate(rule.gate, folded=rule.folded)
    prepare_gate(gate)
    return gate


def has_context(text: str, start: int, keywords: Sequence[str], chars_before: int = 40) -> bool:
    """True when one of the keywords appears as a word in the chars before `start`."""
    window = text[max(0, start - chars_before) : start].lower()
    return _keyword_regex(tuple(keywords)).search(window) is not None  # compiled once per list


@cache
def _keyword_regex(keywords: tuple[str, ...]) -> regex.Pattern[str]:
    ordered = sorted(keywords, key=len, reverse=True)
    alternatives = "|".join(regex.escape(k.lower()) for k in ordered)
    return regex.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def _value_span(match: regex.Match[str]) -> tuple[int, int]:
    if _has_value(match.re) and match.group("value") is not None:
        return match.span("value")
    return match.span()


@lru_cache(maxsize=512)  # bounded: a policy reload compiles its own patterns anew
def _has_value(pattern: regex.Pattern[str]) -> bool:
    """Whether the pattern has a `value` group (groupindex builds a new dict each time)."""
    return "value" in pattern.groupindex
