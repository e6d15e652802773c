"""Names after 'Re:' in a letter and after 'Patient' opening a note. Names invented."""

from __future__ import annotations

import pytest

from detectors.names.openers import opener_rule
from detectors.scanner import Scanner
from detectors.text.tokens import tokenize
from tests.unit.recognizers.rule_texts import candidate_texts


def _names(text: str) -> list[str]:
    tokens = tokenize(text)
    return candidate_texts(text, tokens, opener_rule(tokens))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RE: TOMAS KETTERLY", ["TOMAS KETTERLY"]),
        ("Dear Dr. Lo,\nRe: Ketterly, Tomas\nThank you for", ["Ketterly, Tomas"]),
        ("Re: ketterly, tomas (DOB on file)", ["ketterly, tomas"]),
        ("Regarding: Vantosky", ["Vantosky"]),
        ("Patient Vantosky was seen for CHF", ["Vantosky"]),
        ("patient tomas ketterly seen today", ["tomas ketterly"]),
        ("Pt Brisa came in today", ["Brisa"]),
        # The name ends the clause: 'and', a comma, a bracket or the line's end.
        ("Pt Xiaolin Zhou and his daughter attended.", ["Xiaolin Zhou"]),
        ("Patient Ondrea Brown, 67, here for follow-up", ["Ondrea Brown"]),
        ("Patient Tomas Ketterly (DOB on file)", ["Tomas Ketterly"]),
        ("Patient Tomas Ketterly", ["Tomas Ketterly"]),
        # right after a label's colon, and with an irregular past tense
        ("Nurse note: Pt Brisa ate 50% of breakfast.", ["Brisa"]),
        ("Note: Patient Quenby Arlo slept well.", ["Quenby Arlo"]),
        # whose patient: "my/our/your patient <first name>", anywhere, in any case
        ("hey, my patient jorge keeps missing appts", ["jorge"]),
        ("how do i tell our pt Maribel Quenn that her a1c is high", ["Maribel Quenn"]),
    ],
)
def test_opener_names(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Re: your appointment",
        "Re: Follow-up visit",
        "Re: CHF exacerbation",
        "Patient Education Materials attached",
        "Patient Education, handouts given",
        "Assessment: Pt Tolerated diet.",
        "Plan: Pt Will ambulate with PT.",
        "Seen today, pt Brisa ate lunch",  # mid-sentence, no colon: left to other rules
        "Patient Safety and Quality committee",
        "Patient Portal (online) message",
        "Pt Brisa, a one-word name, needs a verb",
        "Patient tolerated procedure well",
        "PT AMBULATED IN HALL",
        "Seen today. Re: Vantosky is mid-line",  # not at a line start
        "the patient Vantosky was seen",  # not opening the line
        "my patient will need a referral; my patient may have gout",  # everyday words
        "my patient has diabetes; our patient with copd said no",
    ],
)
def test_no_opener_name(text: str) -> None:
    assert _names(text) == []


def test_scanner_reports_the_re_line_name(scanner: Scanner) -> None:
    text = "Re: Ketterly, Tomas\nPlease see the attached labs."
    found = {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}
    assert found == {("Ketterly, Tomas", "NAME")}
