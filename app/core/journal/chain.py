"""The tamper-evidence chain of incident records (DESIGN.md §6): digests and HMACs.

Every record's body (all fields except `digest` and `mac`) is serialised canonically
(sorted keys, no spaces, UTF-8). `digest` = SHA-256 of that body: anyone (the office
manager's reader) can check it, so a naive edit of a line is caught without a key.
`mac` = HMAC-SHA256 with the device key over the same body; the body holds `prev_mac`,
the previous record's `mac`, so deleting, inserting or reordering records breaks the
links, and only the key holder can forge a record. The key never leaves the device
(OS keyring); central checks without the key cover digests and links, the device's
own `pastewarden incidents verify` also checks every MAC.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS_MAC = "0" * 64
SEALED_FIELDS = ("digest", "mac")
REQUIRED_FIELDS = ("schema", "event_id", "device_id", "seq", "prev_mac", "kind", "time")


def canonical(obj: Mapping[str, Any]) -> bytes:
    """The one byte form that digests, MACs and journal lines use."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def body_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record without its seals: what the digest and MAC cover."""
    return {k: v for k, v in record.items() if k not in SEALED_FIELDS}


def digest_of(body: Mapping[str, Any]) -> str:
    """Public SHA-256 of the canonical body."""
    return hashlib.sha256(canonical(body)).hexdigest()


def mac_of(key: bytes, body: Mapping[str, Any]) -> str:
    """HMAC-SHA256 of the canonical body with the device key."""
    return hmac.new(key, canonical(body), hashlib.sha256).hexdigest()


def line_mac(key: bytes, unsealed_line: bytes) -> str:
    """The MAC of a stored line without its seals: a canonical line is its body's bytes."""
    return hmac.new(key, unsealed_line, hashlib.sha256).hexdigest()


def key_id(key: bytes) -> str:
    """A short public name for a key (an HMAC, so it reveals nothing about the key)."""
    return hmac.new(key, b"pastewarden key id", hashlib.sha256).hexdigest()[:16]


def seal(body: Mapping[str, Any], key: bytes) -> dict[str, Any]:
    """The full record: body plus digest and MAC."""
    return {**body, "digest": digest_of(body), "mac": mac_of(key, body)}


def tag(key: bytes, *parts: object) -> str:
    """An HMAC over small metadata (chain head, anchors), so it cannot be rolled back silently."""
    message = "\x1f".join(str(p) for p in parts).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass
class ChainReport:
    """What a chain check found: problems as short, PHI-free sentences."""

    checked: int = 0
    mac_checked: int = 0
    problems: list[str] = field(default_factory=list)
    unverifiable: int = 0
    last_seq: int = 0
    last_mac: str = GENESIS_MAC

    @property
    def ok(self) -> bool:
        return not self.problems


_SEALS_IN_LINE = re.compile(rb',"(?:digest|mac)":"[0-9a-f]{64}"')


def key_name(record: Mapping[str, Any]) -> str:
    """The name `keys` holds this record's key under: its key_id, and for a forward-sealed
    record (app.core.journal.forward_key) its key_id and seq, since each seq has its own key."""
    key_id = str(record.get("key_id"))
    return f"{key_id}/{record.get('seq')}" if key_id.startswith("fs1:") else key_id


def check_record(
    record: Mapping[str, Any], keys: Mapping[str, bytes], line: bytes | None = None
) -> tuple[list[str], bool]:
    """Problems of one record on its own, and whether its MAC was checked.

    `keys` maps key ids to keys; a record whose key is unknown is checked by digest only.
    `line`, the record's stored bytes, lets the digest be checked without re-encoding.
    """
    seq = record.get("seq")
    missing = [name for name in (*REQUIRED_FIELDS, *SEALED_FIELDS) if name not in record]
    if missing:
        return [f"seq {seq}: malformed record (missing {', '.join(missing)})"], False
    key = keys.get(key_name(record))
    digest = str(record["digest"])
    # Fast path for a stored line (canonical JSON): hash and MAC it without its seals, no
    # re-encoding. A miss only means "check the slow way": a line that is not
    # byte-canonical (but parses to the same record) is re-serialised before it is judged.
    if line is not None:
        unsealed = _SEALS_IN_LINE.sub(b"", line)
        if hashlib.sha256(unsealed).hexdigest() == digest:
            if key is None:
                return [], False
            if hmac.compare_digest(str(record["mac"]), line_mac(key, unsealed)):
                return [], True
    body = body_of(record)
    if not hmac.compare_digest(digest, digest_of(body)):
        return [f"seq {seq}: edited (digest does not match the content)"], False
    if key is None:
        return [], False
    if not hmac.compare_digest(str(record["mac"]), mac_of(key, body)):
        return [f"seq {seq}: forged or edited (MAC does not match)"], True
    return [], True


def check_chain(
    records: Iterable[Mapping[str, Any]],
    keys: Mapping[str, bytes],
    start_seq: int = 0,
    start_mac: str = GENESIS_MAC,
    check_seals: bool = True,
) -> ChainReport:
    """Check records given in stored order: each seals, seq +1, prev_mac links to the previous.

    `start_seq`/`start_mac` is the last record before these (pruned, or the genesis);
    `check_seals=False` when the caller already checked each record on its own.
    """
    report = ChainReport(last_seq=start_seq, last_mac=start_mac)
    for record in records:
        report.checked += 1
        problems, mac_checked = check_record(record, keys) if check_seals else ([], False)
        report.problems += problems
        report.mac_checked += mac_checked
        report.unverifiable += not mac_checked and not problems
        _check_link(record, report)
    return report


def _check_link(record: Mapping[str, Any], report: ChainReport) -> None:
    seq = record.get("seq")
    if not isinstance(seq, int):
        report.problems.append(f"record after seq {report.last_seq}: no sequence number")
        return
    expected = report.last_seq + 1
    if seq < expected:
        report.problems.append(f"seq {seq}: out of order or repeated (after seq {report.last_seq})")
    elif seq > expected:
        report.problems.append(f"seq {expected}..{seq - 1}: missing (deleted records)")
    elif record.get("prev_mac") != report.last_mac:
        report.problems.append(f"seq {seq}: chain broken (inserted, replaced or reordered)")
    report.last_seq = max(seq, report.last_seq)
    report.last_mac = str(record.get("mac", ""))
