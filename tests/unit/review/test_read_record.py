"""The typed read-side record and the one "TYPE×count" formatter (app.core.review.record)."""

from __future__ import annotations

from app.core.review.export import row_of
from app.core.review.record import Found, ReadRecord, type_counts

RECORD = {
    "time": "2026-03-02T14:05:09Z",
    "device_id": "dev-1",
    "seq": 7,
    "user": "frontdesk",
    "tool": {"id": "chatgpt", "category": "consumer_ai", "domain": "chatgpt.com"},
    "policy": {"version": 4, "signed": True},
    "justification": {"code": "other", "text": "for <WORD> appeal"},
    "detections": [
        {"type": "NAME", "count": 2, "max_score": 0.85},
        {"type": "DATE", "count": 1, "max_score": 0.95},
    ],
}


def test_type_counts_lists_types_and_counts_in_record_order() -> None:
    assert type_counts(RECORD["detections"]) == "NAME×2, DATE×1"
    assert type_counts(RECORD["detections"], "; ") == "NAME×2; DATE×1"
    assert type_counts(None) == "" and type_counts([]) == ""


def test_read_record_types_the_checked_fields_and_keeps_the_rest() -> None:
    read = ReadRecord.of(RECORD)
    assert (read.time, read.tool_id, read.tool_domain, read.tool_process) == (
        "2026-03-02T14:05:09Z",
        "chatgpt",
        "chatgpt.com",
        None,
    )
    assert (read.policy_version, read.policy_signed) == (4, True)
    assert (read.justification_code, read.justification_text) == ("other", "for <WORD> appeal")
    assert read.found == (Found("NAME", 2, 0.85), Found("DATE", 1, 0.95))
    assert read.max_score == 0.95 and read.type_counts() == "NAME×2, DATE×1"
    assert read.get("user") == "frontdesk" and read.get("host") is None


def test_a_record_without_tool_policy_or_detections_reads_as_empty() -> None:
    read = ReadRecord.of({"time": "2026-03-02T14:05:09Z", "kind": "heartbeat"})
    assert read.tool_id is None and read.policy_version is None and read.found == ()
    assert read.max_score is None and read.type_counts() == ""


def test_the_csv_row_uses_the_formatter_with_semicolons() -> None:
    row = row_of(RECORD, {"chatgpt": "ChatGPT"})
    assert row["detections"] == "NAME×2; DATE×1" and row["max_score"] == 0.95
    assert row["tool_name"] == "ChatGPT" and row["justification_code"] == "other"
