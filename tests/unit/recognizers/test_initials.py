"""A patient named by initials (Safe Harbor counts initials as a name). Invented values."""

from __future__ import annotations

import pytest

from detectors.names.initials import initials_rule
from detectors.text.tokens import tokenize
from tests.unit.recognizers.rule_texts import candidate_texts


def _initials(text: str) -> list[str]:
    tokens = tokenize(text)
    return candidate_texts(text, tokens, initials_rule(tokens, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What can I give my patient J.R. for gout?", ["J.R"]),
        ("Assessment for K.L.M., 54M, chest pain", ["K.L.M"]),
        ("Letter re T.W. about his results", ["T.W"]),
        ("Mrs. D.V. called back", ["D.V"]),
        ("Follow-up: B.K. (72 y/o) doing well", ["B.K"]),
        ("Pt's wife says Q.Z., 61 yo, fell", ["Q.Z"]),
    ],
)
def test_initials_with_a_patient_cue_or_an_age(text: str, expected: list[str]) -> None:
    assert _initials(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Take 1 tab P.O. for pain",  # a route
        "Seen at 9 A.M. by the team",
        "Consult for G.I. and I.D. today",  # departments
        "Re A.B.G. results: pH 7.31",  # a lab
        "Signed J. Ostrander, M.D.",  # a credential
        "Moved to the U.S. for work",
        "Pt N.P.O.S. after midnight",  # four letters: an abbreviation
        "Saw J.R. at the pharmacy",  # no cue, no age: left to the other rules
    ],
)
def test_no_initials_without_the_evidence(text: str) -> None:
    assert _initials(text) == []
