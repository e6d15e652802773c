"""Follow-up annotations: the note is scanned and redacted, files are per reviewer, the
incident records are never touched, and the latest review of a record wins."""

from __future__ import annotations

import errno
import functools
import unittest.mock
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from review_kit import PHI_NOTE, PLANTED, build_site

from app.backends.central_folders import LocalFS
from app.core.review.annotations import (
    NoteNotScannedError,
    append_annotation,
    file_for,
    make_annotation,
    read_annotations,
    redact_note,
)
from app.core.review.reader import read_central
from app.core.review.source import ReviewSource
from detectors.models import ScanReport, Severity
from detectors.scanner import Scanner


@functools.lru_cache(maxsize=1)
def scanner() -> Scanner:
    return Scanner()


class IncompleteScanner:
    def scan(self, text: str, budget_s: float | None = None) -> ScanReport:
        return ScanReport(
            findings=(), phi=False, severity=Severity.NONE, complete=False, chars=len(text)
        )


def test_note_is_scanned_and_phi_replaced_by_type() -> None:
    note = redact_note(PHI_NOTE, scanner())
    assert all(value not in note for value in PLANTED)
    assert "<SSN>" in note and "<NAME>" in note and "no disclosure" in note


def test_a_note_that_cannot_be_scanned_is_refused() -> None:
    with pytest.raises(NoteNotScannedError):
        redact_note("anything at all", IncompleteScanner())


def test_round_trip_per_reviewer_file_and_originals_untouched(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    fs = LocalFS(site.central)
    review = read_central(fs)
    before = {p: p.read_bytes() for p in (site.central / "incidents").rglob("*") if p.is_file()}
    override = next(r for r in review.records if r.get("action") == "overridden")
    now = datetime(2025, 3, 1, tzinfo=UTC)
    first = make_annotation(override, "no_disclosure", PHI_NOTE, scanner(), ("dana", "MGR-1"), now)
    later = make_annotation(
        override,
        "training_given",
        "Training booked.",
        scanner(),
        ("erin", "MGR/2"),
        now + timedelta(hours=1),
    )
    append_annotation(fs, first)
    append_annotation(fs, later)
    assert sorted(p.name for p in (site.central / "annotations").iterdir()) == [
        "MGR-1.jsonl",
        "MGR_2.jsonl",
    ]
    assert file_for("../../etc") == "annotations/etc.jsonl"
    stored = b"".join(p.read_bytes() for p in (site.central / "annotations").iterdir())
    assert all(value.encode() not in stored for value in PLANTED)
    notes = read_annotations(fs)
    assert notes[(override["device_id"], override["seq"])].outcome == "training_given"
    after = {p: p.read_bytes() for p in (site.central / "incidents").rglob("*") if p.is_file()}
    assert after == before  # never edits the originals


def test_append_keeps_earlier_lines_and_skips_a_cut_line(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    fs = LocalFS(site.central)
    record = read_central(fs).records[0]
    a = make_annotation(record, "false_alarm", "", scanner(), ("dana", "MGR-1"))
    append_annotation(fs, a)
    path = site.central / "annotations" / "MGR-1.jsonl"
    path.write_bytes(path.read_bytes() + b'{"device_id": "cut')  # a torn write by another tool
    b = make_annotation(record, "no_disclosure", "ok", scanner(), ("dana", "MGR-1"))
    append_annotation(fs, b)
    assert len(path.read_bytes().splitlines()) == 3
    assert not list((site.central / "annotations").glob(".tmp-*"))
    assert read_annotations(fs)[(record["device_id"], record["seq"])].annotation_id in {
        a.annotation_id,
        b.annotation_id,
    }


def test_unknown_outcome_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown outcome"):
        make_annotation({"device_id": "d", "seq": 1}, "shrug", "", scanner(), ("u", "h"))


def test_every_annotation_file_that_cannot_be_read_is_a_problem_and_the_rest_load(
    tmp_path: Path,
) -> None:
    """A link, a folder, a torn line and an unreadable file are each named; a good
    reviewer's follow-up still shows."""
    site = build_site(tmp_path)
    fs = LocalFS(site.central)
    record = read_central(fs).records[0]
    good = make_annotation(record, "no_disclosure", "ok", scanner(), ("dana", "MGR-1"))
    append_annotation(fs, good)
    folder = site.central / "annotations"
    (folder / "LINKED.jsonl").symlink_to(folder / "MGR-1.jsonl")
    (folder / "FOLDER.jsonl").mkdir()
    (folder / "TORN.jsonl").write_bytes(b'{"device_id": "cut\nnot json\n')
    (folder / "LOCKED.jsonl").write_bytes(b"{}\n")
    source = ReviewSource(fs, "central")
    with unittest.mock.patch.object(
        LocalFS, "read_bounded", _refusing("annotations/LOCKED.jsonl", LocalFS.read_bounded)
    ):
        review, notes = source.load()
    assert notes[(record["device_id"], record["seq"])].annotation_id == good.annotation_id
    said = [p for p in review.problems if p.startswith("annotations/")]
    assert sorted(said) == [
        "annotations/FOLDER.jsonl: skipped (a folder, not a regular file)",
        "annotations/LINKED.jsonl: skipped (a link or special file, not a regular file)",
        "annotations/LOCKED.jsonl: skipped (Permission denied)",
        "annotations/TORN.jsonl: 2 line(s) unreadable, skipped",
    ]


def _refusing(where: str, real: Callable[..., bytes]) -> Callable[..., bytes]:
    def read_bounded(self: LocalFS, rel: str, limit: int) -> bytes:
        if rel == where:
            raise PermissionError(errno.EACCES, "Permission denied", rel)
        return real(self, rel, limit)

    return read_bounded
