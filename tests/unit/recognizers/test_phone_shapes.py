"""The international rule's shortcut past the NANP shapes must never skip a NANP value.

_may_be_nanp_shape says False only when none of the three NANP rules can match the
whole value; values are built from digit groups, separators, prefixes, extensions and
non-ASCII digits, and every one it rules out is checked against the rules themselves.
"""

from __future__ import annotations

import itertools

from detectors.recognizers import phone

_GROUPS = ["212", "555", "0148", "1", "001", "+1", "(212)", "٢١٢", "55", "0148 x12"]
_JOINS = ["", "-", ".", " ", "/", "\u2013", " - "]


def _values() -> list[str]:
    values = []
    for first, second, third in itertools.product(_GROUPS, repeat=3):
        for join_one, join_two in itertools.product(_JOINS, repeat=2):
            values.append(first + join_one + second + join_two + third)
    return values


def test_ruled_out_values_match_no_nanp_rule() -> None:
    ruled_out = 0
    for value in _values():
        digits = sum(map(str.isdigit, value))
        if not phone._may_be_nanp_shape(value, digits):
            ruled_out += 1
            assert not any(rule.fullmatch(value) for rule in phone._NANP_SHAPES), value
    assert ruled_out > 1000  # the shortcut does rule values out


def test_nanp_values_are_kept() -> None:
    for value in ["212-555-0148", "555-0148", "555 0148", "(212) 555-0148", "2125550148"]:
        digits = sum(map(str.isdigit, value))
        assert phone._may_be_nanp_shape(value, digits), value
        assert any(rule.fullmatch(value) for rule in phone._NANP_SHAPES), value
