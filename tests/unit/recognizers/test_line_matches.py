"""A whole-line rule tried at the lines whose end can close it finds what finditer finds."""

from __future__ import annotations

import re

import pytest
import regex

from detectors.recognizers import all_recognizers
from detectors.recognizers._line_matches import compile_line_end, line_matches
from detectors.recognizers.base import RegexRecognizer, Rule

_TEXTS = [
    "Zelenkova 285\nApt. 12",
    "  4596 Zelenkova 285  \nSuite 214\n",
    "rue des glycines 214 apt. 52-B",  # the whole text is the line: start and end
    "Seen today.\nul. Wierzbowska 94\t\napt 3\nAalborg NO 9100",
    "ASKER 1386\r\nSOLNA 840 24\n",  # "\r" is no line break for either module
    "Zelenkova 285 and more\nZelenkova\n285\n\nOslo 0150",
    "no numbers here\nat all",
    "",
]


def _line_rules() -> list[tuple[Rule, regex.Pattern[str]]]:
    return [
        (rule, compiled)
        for recognizer in all_recognizers()
        if isinstance(recognizer, RegexRecognizer)
        for rule, compiled, _ in recognizer._rules
        if rule.line_end is not None
    ]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", _TEXTS)
def test_same_matches_as_finditer(text: str) -> None:
    rules = _line_rules()
    assert {rule.name for rule, _ in rules} == {"block_street", "postal_city_line"}
    for rule, compiled in rules:
        assert rule.line_end is not None
        found = line_matches(compiled, text, compile_line_end(rule.line_end))
        assert found is not None
        assert _spans(found) == _spans(compiled.finditer(text)), (rule.name, text)


def test_the_examples_hold_matches_of_both_rules() -> None:
    for rule, compiled in _line_rules():
        assert sum(len(list(compiled.finditer(text))) for text in _TEXTS) >= 3, rule.name


def test_only_lines_with_a_closing_end_are_tried() -> None:
    line = regex.compile(r"(?m:^)\w+ \d+(?m:$)")
    text = "ab 12\nab cd\nxy 345  \nzz 9"
    assert _spans(line_matches(line, text, compile_line_end("[0-9]")) or []) == [
        (0, 5),
        (21, 25),  # "zz 9", at the text's end; "xy 345  " is tried, but the rule wants no blanks
    ]
    assert _spans(line.finditer(text)) == [(0, 5), (21, 25)]


def test_non_ascii_text_or_an_empty_match_falls_back_to_finditer() -> None:
    block = regex.compile(r"(?m:^)\w+ \d+(?m:$)")
    assert line_matches(block, "Škoda 12", compile_line_end("[0-9]")) is None
    assert line_matches(block, "ab 1\u0663", compile_line_end("[0-9]")) is None
    empty = regex.compile(r"(?m:^)\d*")
    assert line_matches(empty, "x 1\n", compile_line_end("[0-9]")) is None


def test_a_line_end_is_searched_before_trailing_blanks_only() -> None:
    end = compile_line_end("[0-9]")
    assert isinstance(end, re.Pattern)
    assert end.search("a 1 \t") and end.search("a 1\nb")
    assert not end.search("a 1 b") and not end.search("a 1\r")


_LINES = ["4596 Zelenkova 285, apt. 12", "ul. Wierzbowska 94", "Aalborg NO 9100", "SOLNA 840 24"]


@pytest.mark.parametrize("line", _LINES)
def test_a_line_rule_never_crosses_a_line(line: str) -> None:
    """Only the line where a match starts is looked at: no match may reach the next one."""
    assert any(any(compiled.finditer(line)) for _, compiled in _line_rules())
    for rule, compiled in _line_rules():
        for gap in (i for i, char in enumerate(line) if char == " "):
            split = f"{line[:gap]}\n{line[gap + 1 :]}"
            assert all("\n" not in m.group() for m in compiled.finditer(split)), (rule.name, split)
