"""De-identified copies, the allow-list and severity: what the dialog will offer and say."""

from __future__ import annotations

import pytest

from detectors.models import Finding, ScanReport, Severity
from detectors.redact import IncompleteScanError, merged_spans, redact
from detectors.scanner import Scanner
from detectors.settings import ScanSettings


def test_redacted_copy_keeps_no_identifier(scanner: Scanner) -> None:
    text = "Mr. Walter Quimby (DOB 03/14/1951), MRN 7730021, call 617-555-0187 or wq@example.org."
    report = scanner.scan(text)
    copy = redact(text, report)
    for value in ("Walter", "Quimby", "03/14/1951", "7730021", "617-555-0187", "wq@example.org"):
        assert value not in copy
    assert copy.startswith("Mr. [NAME] (DOB [DATE])")
    assert "[MRN]" in copy and "[PHONE]" in copy and "[EMAIL]" in copy


def test_overlapping_findings_merge_into_one_placeholder() -> None:
    findings = (
        Finding(0, 10, "URL", 0.9, "a"),
        Finding(5, 15, "EMAIL", 0.95, "b"),
        Finding(20, 25, "NAME", 0.7, "c"),
    )
    assert merged_spans(findings) == [(0, 15, "EMAIL"), (20, 25, "NAME")]


def test_incomplete_scan_cannot_be_redacted() -> None:
    report = ScanReport(findings=(), phi=False, severity=Severity.NONE, complete=False, chars=10)
    with pytest.raises(IncompleteScanError):
        redact("0123456789", report)


def test_clean_text_is_unchanged(scanner: Scanner) -> None:
    text = "Explain how a deductible differs from coinsurance."
    assert redact(text, scanner.scan(text)) == text


@pytest.mark.parametrize(
    ("text", "severity", "special"),
    [
        ("Email from someone@example.org about the parking lot.", Severity.LOW, ()),
        ("Mr. Walter Quimby was started on metformin for diabetes.", Severity.HIGH, ()),
        (
            "Mr. Walter Quimby restarted buprenorphine at the clinic.",
            Severity.SPECIAL,
            ("substance_use_part2",),
        ),
        ("Mr. Walter Quimby: HIV viral load undetectable.", Severity.SPECIAL, ("hiv",)),
        ("A 55-year-old with CKD: which statin dose?", Severity.NONE, ()),
        ("Mr. Walter Quimby was switched to Eliquis yesterday.", Severity.HIGH, ()),  # a brand
        ("Dilaudid was helpful for pain. Can I add Zofran?", Severity.NONE, ()),  # no person
    ],
)
def test_severity(
    scanner: Scanner, text: str, severity: Severity, special: tuple[str, ...]
) -> None:
    report = scanner.scan(text)
    assert report.severity is severity
    assert report.special_categories == special
    assert report.phi is (severity is not Severity.NONE)


def test_practice_details_on_allow_list_are_not_phi() -> None:
    text = "Call Riverbend Family Practice at 802-555-0144, 12 Mill Street."
    plain = Scanner().scan(text)
    allowed = Scanner(
        ScanSettings(allow_terms=("Riverbend Family Practice", "802-555-0144", "12 Mill Street"))
    ).scan(text)
    assert plain.phi is True
    assert allowed.phi is False and allowed.findings == ()
