"""Scanner robustness, in process: odd input, time budgets, chunk boundaries, random text.

Findings must index the caller's original string whatever it contains, a budget must
be honoured (and an unfinished scan said to be unfinished), an identifier cut by a
chunk boundary must still be found, and no text whatsoever may make `scan` raise.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detectors.models import ScanReport
from detectors.normalize import _UNSAFE, chunk_spans, scan_safe
from detectors.scanner import Scanner
from detectors.settings import ScanSettings

EMAIL = "someone@example.org"


@pytest.fixture(scope="module")
def small_chunk_scanner() -> Scanner:
    return Scanner(ScanSettings(chunk_chars=1000, chunk_overlap=200))


def email_spans(report: ScanReport) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in report.findings if f.type == "EMAIL"]


@pytest.mark.parametrize(
    "prefix",
    ["\x00", "\x00\x00\x00 ", "\ud800", "\udfff\ud800 x ", "\ud83d\ude00", "a\x00\ud800b "],
)
def test_offsets_index_the_original_string(scanner: Scanner, prefix: str) -> None:
    text = f"{prefix}mail {EMAIL}\x00 and \ud800 more"
    report = scanner.scan(text, budget_s=30.0)
    start = text.index(EMAIL)
    assert (start, start + len(EMAIL)) in email_spans(report)
    assert report.chars == len(text)
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)


@given(st.text(alphabet=st.sampled_from(["a", " ", "\x00", "\ud800", "\udfff", "é", "😀"])))
def test_scan_safe_replaces_what_its_pattern_replaces(text: str) -> None:
    expected = _UNSAFE.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", text)
    assert scan_safe(text) == expected


def test_zero_budget_on_1_mb_is_incomplete_and_quick(scanner: Scanner) -> None:
    text = ("Seen today, doing well; follow up in two weeks. " * 25_000)[:1_000_000]
    started = time.perf_counter()
    report = scanner.scan(text, budget_s=0.0)
    elapsed = time.perf_counter() - started
    assert report.complete is False
    assert report.problems, "an unfinished scan should say why"
    assert elapsed < 5.0, f"a zero budget took {elapsed:.1f} s (a full 1 MB scan takes longer)"


def straddling_text(chunk_chars: int = 1000) -> tuple[str, int]:
    """Text whose first chunk boundary (no space to cut at) falls inside the e-mail."""
    prose = "Follow-up note for the clinic team. " * 12  # spaces only in the first ~430 chars
    filler = "\n".join(["x"] * ((chunk_chars - 10 - len(prose)) // 2))
    head = prose + filler + "\n"
    text = head + EMAIL + "\nThanks.\n" + "\n".join(["y"] * 1500)
    return text, len(head)


def test_identifier_straddling_a_chunk_boundary_is_found(small_chunk_scanner: Scanner) -> None:
    settings = small_chunk_scanner.settings
    text, start = straddling_text(settings.chunk_chars)
    end = start + len(EMAIL)
    spans = chunk_spans(len(text), settings.chunk_chars, settings.chunk_overlap, text)
    first_end = spans[0][1]
    assert start < first_end < end, f"premise: the boundary {first_end} cuts {start}..{end}"
    report = small_chunk_scanner.scan(text, budget_s=30.0)
    assert report.complete
    assert (start, end) in email_spans(report)


def test_chunk_overlap_findings_are_not_duplicated(small_chunk_scanner: Scanner) -> None:
    text = ("word " * 150 + EMAIL + " ") * 8
    report = small_chunk_scanner.scan(text, budget_s=30.0)
    assert len(email_spans(report)) == 8
    assert len(set(report.findings)) == len(report.findings)


_PHI_BITS = st.sampled_from([EMAIL, "\x00", "\ud800", "\r\n", " ", "555-867-5309", "01/02/1950"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text() | st.lists(st.text(max_size=20) | _PHI_BITS, max_size=12).map("".join))
def test_scan_never_raises_and_offsets_are_in_range(scanner: Scanner, text: str) -> None:
    report = scanner.scan(text, budget_s=30.0)
    assert report.chars == len(text)
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)
