"""Records → the office manager's CSV and JSON-lines files (types and counts only, no PHI).

One row per record. Detections are flattened to "TYPE×count" lists; cells that a
spreadsheet would run as a formula (=, +, -, @ first) are prefixed with a quote,
because the justification text is typed by staff.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

COLUMNS = (
    "time", "device_id", "seq", "kind", "action", "state", "user", "host", "tool_id",
    "tool_category", "tool_domain", "tool_process", "policy_version", "policy_signed",
    "detections", "max_score", "chars_bucket", "justification_code", "justification_text",
    "enforcement", "agent_version", "key_store", "event_id",
)  # fmt: skip


def row_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """The flat CSV row of one record."""
    tool = record.get("tool") or {}
    policy = record.get("policy") or {}
    justification = record.get("justification") or {}
    detections = record.get("detections") or []
    return {
        **{name: record.get(name) for name in COLUMNS},
        "tool_id": tool.get("id"),
        "tool_category": tool.get("category"),
        "tool_domain": tool.get("domain"),
        "tool_process": tool.get("process"),
        "policy_version": policy.get("version"),
        "policy_signed": policy.get("signed"),
        "detections": "; ".join(f"{d['type']}×{d['count']}" for d in detections),
        "max_score": max((d["max_score"] for d in detections), default=None),
        "justification_code": justification.get("code"),
        "justification_text": justification.get("text"),
    }


# Columns whose text comes from people or the OS, not from our closed vocabularies.
_FREE_TEXT = frozenset({"user", "host", "tool_process", "justification_code", "justification_text"})


def _cell(value: Any, free_text: bool) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    text = str(value)
    if free_text and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text  # a spreadsheet would run it as a formula
    return text


def to_csv(records: Iterable[Mapping[str, Any]]) -> bytes:
    """UTF-8 CSV with a header row (with BOM, so spreadsheet apps detect UTF-8)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = row_of(record)
        writer.writerow([_cell(row[name], name in _FREE_TEXT) for name in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode()


def to_jsonl(records: Iterable[Mapping[str, Any]]) -> bytes:
    """One canonical JSON record per line, as journaled (digest and mac included)."""
    lines = [
        json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for r in records
    ]
    return ("\n".join(lines) + ("\n" if lines else "")).encode()
