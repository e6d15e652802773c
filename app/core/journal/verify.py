"""Verify the local journal: every record's digest and MAC, the links, the head, the tail.

Catches an edited, deleted, inserted or reordered record and a truncated tail, and says
which (PHI-free sentences: sequence numbers only). Records sealed with a key this run
does not hold (a memory-only key of an earlier run) are counted as unverifiable: their
digests and links are still checked, their MACs cannot be.
"""

from __future__ import annotations

import json
from typing import Any

from app.core.journal import chain
from app.core.journal.store import Journal


def verify_journal(journal: Journal) -> chain.ChainReport:
    """Check the whole retained journal against its stored chain head."""
    key = journal.key.key
    keys = {chain.key_id(key): key}
    problems: list[str] = []
    records = _records(journal, problems)
    start_seq, start_mac = journal.pruned()
    report = chain.check_chain(records, keys, start_seq, start_mac)
    report.problems[:0] = problems
    _check_head(journal, report, records)
    return report


def _records(journal: Journal, problems: list[str]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for row_seq, line in journal.rows():
        try:
            record = json.loads(line)
        except ValueError:
            problems.append(f"seq {row_seq}: corrupt record")
            continue
        if not isinstance(record, dict):
            problems.append(f"seq {row_seq}: corrupt record")
            continue
        if record.get("seq") != row_seq:
            problems.append(f"seq {row_seq}: holds record {record.get('seq')} (reordered)")
        records.append(record)
    return records


def _check_head(journal: Journal, report: chain.ChainReport, records: list[dict[str, Any]]) -> None:
    head = journal.head()
    seq, mac = int(head["seq"]), str(head["mac"])
    if seq > report.last_seq:
        report.problems.append(f"tail truncated: seq {report.last_seq + 1}..{seq} missing")
    elif seq < report.last_seq:
        report.problems.append(f"seq {seq + 1}..{report.last_seq}: after the chain head (inserted)")
    elif mac != report.last_mac:
        report.problems.append(f"seq {seq}: does not match the chain head (replaced)")
    current = chain.key_id(journal.key.key)
    sealed_now = bool(records) and records[-1].get("key_id") == current
    if seq and sealed_now and head.get("tag") != chain.tag(journal.key.key, "head", seq, mac):
        report.problems.append("chain head forged (its tag does not match)")


def verify_own_central(journal: Journal, central: list[dict[str, Any]]) -> list[str]:
    """Compare this device's records in the central folder with the local journal."""
    local = {int(r["seq"]): r for r in journal.records()}
    problems = []
    for record in central:
        mine = local.get(int(record["seq"]))
        if mine is not None and (
            mine["mac"] != record["mac"] or mine["digest"] != record["digest"]
        ):
            problems.append(f"central seq {record['seq']}: differs from the local journal")
    key = journal.key.key
    report = chain.check_chain(central, {chain.key_id(key): key})
    return problems + [f"central {p}" for p in report.problems if "MAC" in p]
