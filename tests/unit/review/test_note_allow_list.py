"""The follow-up note is scanned like the tray scans: the policy's allow-list is honoured.

A staff name or the practice's phone listed in detection.allow stays readable in the
note; every other identifier is still replaced by its type.
"""

from __future__ import annotations

from pathlib import Path

from app.core.review.annotations import make_annotation
from app.core.review.source import central_source
from detectors.settings import ScanSettings

RECORD = {"device_id": "dev-1", "seq": 3, "event_id": "e-3"}
NOTE = "Dr. Hank Moody called Wendell Purcell back on 555-201-7788; no disclosure."


def test_note_scan_keeps_allowed_staff_name_and_redacts_the_patient(tmp_path: Path) -> None:
    source = central_source(str(tmp_path), 60, "Maple Clinic")
    source.scan_settings = ScanSettings(staff_names=("Hank Moody",))
    note = make_annotation(
        RECORD, "no_disclosure", NOTE, source.note_scanner(), ("mgr", "OFFICE")
    ).note
    assert "Hank Moody" in note
    assert "Wendell Purcell" not in note and "<" in note


def test_without_the_allow_list_the_staff_name_is_redacted_too(tmp_path: Path) -> None:
    source = central_source(str(tmp_path), 60, "Maple Clinic")
    source.scan_settings = ScanSettings()
    note = make_annotation(
        RECORD, "no_disclosure", NOTE, source.note_scanner(), ("mgr", "OFFICE")
    ).note
    assert "Hank Moody" not in note and "Wendell Purcell" not in note
