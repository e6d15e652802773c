"""A label announces a number only when it ends the text before it, whichever way searched.

announced_by searches its label pattern backwards (faster); the answer must be the one a
forward search gives, on labelled, unlabelled and edge-case windows alike.
"""

from __future__ import annotations

import itertools

import pytest
import regex

from detectors.recognizers._keywords import OTHER_ID_KEYWORDS, _label_regex, announced_by

_PIECES = ["mrn", "acct", "xmrn", "npi", " ", ":", "#", "no", "is", "id", ".", "-", "a", "\n", "9"]
_WINDOWS = [
    "".join(parts) for size in range(1, 4) for parts in itertools.product(_PIECES, repeat=size)
]


def test_the_backward_search_answers_as_a_forward_one() -> None:
    backward = _label_regex(tuple(OTHER_ID_KEYWORDS))
    forward = regex.compile(backward.pattern)
    assert not forward.flags & regex.REVERSE
    for window in _WINDOWS:
        assert (backward.search(window) is None) is (forward.search(window) is None), window


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("Patient MRN: ", True),
        ("Acct # is ", True),
        ("MRN no. ", True),
        ("xmrn ", False),  # inside a longer word
        ("the member at ", False),  # the keyword is not the label
        ("MRN 12 and ", False),
    ],
)
def test_a_label_right_before_the_number_announces_it(before: str, expected: bool) -> None:
    text = before + "2125550148"
    assert announced_by(text, len(before), OTHER_ID_KEYWORDS) is expected


_LABELS = (*OTHER_ID_KEYWORDS, "mr #", "s/n", "id#", "pager")
_SPACES = ["\u00a0", "\u2003", "\u3000", "\x85", "\x1c", "\t", "\n\n"]


@pytest.mark.parametrize("keywords", [OTHER_ID_KEYWORDS, _LABELS, ("npi", "national provider")])
def test_the_string_precheck_answers_as_the_search(keywords: tuple[str, ...]) -> None:
    """announced_by skips the search when the window cannot end with a label: the
    answer must be the search's own, with Unicode spaces, labels ending in "#" and a
    final newline (where "$" also matches)."""
    label = _label_regex(tuple(keywords))
    pieces = [*_PIECES, "mr #", "s/n", "id#", "MRN", "Number", *_SPACES]
    for parts in itertools.product(pieces, repeat=3):
        before = "".join(parts)
        expected = label.search(before.lower()) is not None
        assert announced_by(before + "2125550148", len(before), keywords) is expected, before


def test_no_character_past_the_table_is_a_regex_space() -> None:
    beyond = "".join(map(chr, range(0x3001, 0x110000)))
    assert regex.search(r"\s", beyond) is None
