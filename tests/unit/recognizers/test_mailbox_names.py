"""The display name before an e-mail address in angle brackets. Invented values."""

from __future__ import annotations

import pytest

from detectors.names.mailbox import mailbox_name_rule
from detectors.scanner import Scanner
from detectors.text.tokens import tokenize
from tests.unit.recognizers.rule_texts import candidate_texts


def _display_names(text: str) -> list[str]:
    tokens = tokenize(text)
    return candidate_texts(text, tokens, mailbox_name_rule(tokens, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("From: Aldis Quorvan <aquorvan@example.com>\nSubject: labs", ["Aldis Quorvan"]),
        ('To: "Quorvan, Aldis" <aquorvan@example.com>', ["Quorvan, Aldis"]),
        ("from: mina peltry <mpeltry88@example.net>", ["mina peltry"]),  # any case
        ("sent on behalf of Dorin Hasko <dhasko@example.org>", ["Dorin Hasko"]),
    ],
)
def test_the_name_beside_the_address(text: str, expected: list[str]) -> None:
    assert _display_names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Cc: Billing Team <billing@clinic.example>, No Reply <noreply@portal.example>",
        "Sent by Patient Portal <portal@example.org>",
        "Cardiology <cards@example.org>",  # a service, not a person
        "Write to <aquorvan@example.com> today",  # no name before it
        "if x < 3 and y > 2",  # no address
    ],
)
def test_no_name_for_a_service_mailbox(text: str) -> None:
    assert _display_names(text) == []


def test_the_scanner_reports_name_and_address(scanner: Scanner) -> None:
    text = "From: Aldis Quorvan <aquorvan@example.com>\nIs my potassium ok?"
    found = {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}
    assert found == {("Aldis Quorvan", "NAME"), ("aquorvan@example.com", "EMAIL")}
