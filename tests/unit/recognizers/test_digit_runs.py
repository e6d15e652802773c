"""The digit-run prefilter may skip a rule only when the chunk's digits cannot hold a match.

Covers the run length read from a pattern (a lower bound: only digit-only items join a
run), the chunk's longest run, and a rule skipped or run by it inside a recognizer.
"""

from __future__ import annotations

import pytest
import regex

from detectors.recognizers._digit_runs import longest_digit_run, required_digit_run
from detectors.recognizers.base import RegexRecognizer, Rule


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"[12]\d{9}", 10),
        (r"\d{3}-\d{2}-\d{4}", 4),  # a separator ends a run
        (r"\d{3}(?![a-z])\d{4}", 7),  # a lookaround consumes nothing
        (r"\d?\d{2}", 2),  # an optional digit adds nothing
        (r"(?:\d{3}|\d{5})x", 3),  # an alternation: its shortest branch
        (r"[^0-9]\d{2}", 2),  # a negated class is no digit
        (r"(?:1|a)\d{2}", 2),  # "1" or a letter
        (r"(\d)\1\d", 1),  # a back-reference may be anything to this reading
        (r"(?:ab\d{6})+", 6),
        (r"x*\d{0,9}", 0),
        (r"\p{L}+\d{5}", 5),  # a property class reads as any character
    ],
)
def test_required_digit_run(pattern: str, expected: int) -> None:
    assert required_digit_run(pattern) == expected


def test_the_longest_run_counts_every_unicode_digit() -> None:
    assert longest_digit_run("npi 123 4567890 x") == 7
    assert longest_digit_run("\u0661\u0662\u0663\u0664 12") == 4  # Arabic-Indic digits
    assert longest_digit_run("no digits") == 0


def test_a_rule_needing_a_longer_run_than_the_chunk_has_is_skipped() -> None:
    recognizer = RegexRecognizer("NPI", [Rule("ten", r"(?<!\d)\d{10}(?!\d)", 0.6)], name="T")
    assert recognizer._digits == [10]
    assert recognizer.analyze("npi 123456789 and 12-34", ["NPI"]) == []
    found = recognizer.analyze("npi 1234567890", ["NPI"])
    assert [(r.start, r.end) for r in found] == [(4, 14)]
    unicode_digits = "\u0661" * 10
    assert regex.fullmatch(r"\d{10}", unicode_digits)
    assert len(recognizer.analyze(unicode_digits, ["NPI"])) == 1
