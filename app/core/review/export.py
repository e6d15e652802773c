"""Records → the office manager's CSV and JSON-lines files (types and counts only, no PHI).

One row per record. Detections are flattened to "TYPE×count" lists. Every text cell,
in every column, goes through app.core.review.display_text.csv_cell: any string in a central
record can be forged, so a cell a spreadsheet would run (=, +, -, @, tab, CR or LF
first) is prefixed with a quote and control and bidi characters are spelled as escapes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from app.core.review.display_text import csv_cell
from app.core.review.labels import builtin_tool_names
from app.core.review.record import ReadRecord

COLUMNS = (
    "time", "device_id", "seq", "kind", "action", "state", "user", "host", "tool_id",
    "tool_name", "tool_category", "tool_domain", "tool_process", "policy_version", "policy_signed",
    "detections", "max_score", "chars_bucket", "justification_code", "justification_text",
    "enforcement", "agent_version", "key_store", "event_id", "check",
)  # fmt: skip
# The `check` cell of a row whose workstation has a problem (edited, missing, gone …).
FLAGGED = "PROBLEMS: see pastewarden incidents verify --central"


def row_of(record: Mapping[str, Any], tool_names: Mapping[str, str]) -> dict[str, Any]:
    """The flat CSV row of one record; `tool_name` from `tool_names` (id → name)."""
    read = ReadRecord.of(record)
    return {
        **{name: read.get(name) for name in COLUMNS},
        "tool_id": read.tool_id,
        "tool_name": tool_names.get(str(read.tool_id)) or read.tool_id,
        "tool_category": read.tool_category,
        "tool_domain": read.tool_domain,
        "tool_process": read.tool_process,
        "policy_version": read.policy_version,
        "policy_signed": read.policy_signed,
        "detections": read.type_counts("; "),
        "max_score": read.max_score,
        "justification_code": read.justification_code,
        "justification_text": read.justification_text,
    }


def to_csv(
    records: Iterable[Mapping[str, Any]],
    flagged: Collection[str] = (),
    tool_names: Mapping[str, str] | None = None,
) -> bytes:
    """UTF-8 CSV with a header row (with BOM, so spreadsheet apps detect UTF-8); rows of
    the `flagged` workstations say so in their `check` cell. `tool_names` (id → name)
    defaults to the built-in catalog's; an unknown id is its own name."""
    names = builtin_tool_names() if tool_names is None else tool_names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = row_of(record, names)
        device = record.get("device_id")
        row["check"] = FLAGGED if isinstance(device, str) and device in flagged else "ok"
        writer.writerow([csv_cell(row[name]) for name in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode()


def to_jsonl(records: Iterable[Mapping[str, Any]]) -> bytes:
    """One canonical JSON record per line, as journaled (digest and mac included)."""
    lines = [
        json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False) for r in records
    ]
    return ("\n".join(lines) + ("\n" if lines else "")).encode()
