"""One workstation's segments checked from bytes: parse, digests, placement, order, chain,
head anchor and summary. Qt-free and I/O-free (app.core.review.reader fetches the bytes).

The verdicts are exactly the ones the reader always gave: a line is accepted only when it
parses and its digest matches, duplicates keep the first copy, the chain and the anchor
are checked over the kept records. Only the per-record bookkeeping is leaner.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, cast

import orjson

from app.core.journal import chain
from app.core.review import columns as cols
from app.core.review.segment import CHAIN_FIELDS, SEGMENT_RE, Record, Segment, read_segment
from app.core.review.shape import MAX_SEQ

_TIME = itemgetter("time")
_HEX64 = re.compile(r"[0-9a-f]{64}")
UNCHECKED = "could not be checked, none of its records shown"
__all__ = ["SEGMENT_RE", "DeviceInput", "DeviceResult", "DeviceSummary", "check_devices"]


@dataclass
class DeviceSummary:
    """One device as the central folder shows it."""

    device_id: str
    records: int = 0
    last_seq: int = 0
    last_time: str | None = None
    policy_version: int | None = None
    silent: bool = False
    problems: list[str] = field(default_factory=list)
    anchor_seq: int | None = None  # the seq head.json anchors, when it parses
    anchor_key_id: str | None = None  # the key its tag claims
    epochs: list[str] = field(default_factory=list)  # escrow ids opened, oldest first


@dataclass
class DeviceInput:
    """What the reader fetched: (file name, bytes or None for an unexpected name), anchor."""

    device_id: str
    files: list[tuple[str, bytes | None]]
    anchor: bytes | None  # None: head.json does not exist (older agents wrote it)
    problems: list[str] = field(default_factory=list)  # entries the fetch could not read
    escrows: list[tuple[str, bytes]] = field(default_factory=list)  # escrow-<id>.json files
    numbered: bytes | None = None  # the highest head-<seq>.json (what agents write now)


@dataclass
class DeviceResult:
    """Kept records in seq order, their stored lines (same order) and the summary.

    `columns` (app.core.review.columns.columns of the records, same order) is None when
    a record's detections could not be read that way: the table then reads the records.
    """

    records: list[dict[str, Any]]
    lines: list[bytes]
    summary: DeviceSummary
    columns: cols.Columns | None = None
    # Whole segments whose digests are still to be checked (review_segment.digests_hold).
    unchecked: list[tuple[Sequence[bytes], Sequence[Any]]] = field(default_factory=list)


def check_devices(
    inputs: Sequence[DeviceInput],
    keys: Mapping[str, bytes],
    now: datetime,
    heartbeat_minutes: int,
    check_digests: bool = True,
) -> list[DeviceResult]:
    """check_device over several devices (see read_segment for `check_digests`).

    One device's failure never costs the others their records: should a check raise
    despite the shape checks (a bug, never expected; the fuzz test asserts it does not
    happen), that device alone shows no records and says so.
    """
    return [_checked_alone(i, keys, now, heartbeat_minutes, check_digests) for i in inputs]


def _checked_alone(
    given: DeviceInput,
    keys: Mapping[str, bytes],
    now: datetime,
    heartbeat_minutes: int,
    check_digests: bool,
) -> DeviceResult:
    try:
        return check_device(given, keys, now, heartbeat_minutes, check_digests)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        problem = f"{UNCHECKED}: {type(error).__name__}"
        summary = DeviceSummary(given.device_id, problems=[*given.problems, problem])
        return DeviceResult([], [], summary, cols.record_columns([]))


def check_device(
    given: DeviceInput,
    keys: Mapping[str, bytes],
    now: datetime,
    heartbeat_minutes: int,
    check_digests: bool = True,
) -> DeviceResult:
    summary = DeviceSummary(given.device_id, problems=list(given.problems))
    segments: list[Segment] = []
    for name, data in given.files:
        match = SEGMENT_RE.fullmatch(name)
        if data is None or match is None:
            summary.problems.append(f"unexpected file {name}")
            continue
        bounds = (int(match[1]), int(match[2]))
        if match[3] and hashlib.sha256(data).hexdigest()[:16] != match[3]:
            summary.problems.append(f"{name}: name does not match its content (altered)")
        segments.append(read_segment(name, data, given.device_id, bounds, keys, check_digests))
        summary.problems += segments[-1].problems
    values = _joined(segments)
    if values is None:
        records, lines = _merged(segments, summary)
        summary.problems += _chain_problems(records)
    else:
        records = list(itertools.chain.from_iterable(s.records for s in segments))
        lines = list(itertools.chain.from_iterable(s.lines for s in segments))
        summary.problems += _chain_problems(records, values)
    _check_anchor(_anchor_of(given, summary), records, keys, summary)
    table = _columns(records, segments, values)
    _summarise(summary, records, now, heartbeat_minutes, table.time if table else None)
    unchecked = [s.unchecked for s in segments if s.unchecked is not None]
    return DeviceResult(records, lines, summary, table, unchecked)


def _joined(segments: list[Segment]) -> dict[str, list[Any]] | None:
    """The segments' chain fields joined, when the segments can simply be joined.

    Whole segments (each exactly its named range) one after the other hold every seq
    once, in order: what sorting by seq and keeping first copies gives. Anything else
    (overlap, gaps, rejected lines) is None and goes through `_merged`.
    """
    bounds = [s.bounds for s in segments]
    if not all(s.values is not None and s.bounds[0] <= s.bounds[1] for s in segments):
        return None
    if any(b[0] != a[1] + 1 for a, b in itertools.pairwise(bounds)):
        return None
    parts = [cast(dict[str, Sequence[Any]], s.values) for s in segments]
    return {f: list(itertools.chain.from_iterable(p[f] for p in parts)) for f in CHAIN_FIELDS}


def _merged(segments: list[Segment], summary: DeviceSummary) -> tuple[list[Record], list[bytes]]:
    """Records (and lines) in seq order, the first copy of each seq."""
    by_seq: dict[int, tuple[Record, bytes]] = {}
    for segment in segments:
        for record, line in zip(segment.records, segment.lines, strict=True):
            _merge(by_seq, record, line, summary)
    kept = [by_seq[seq] for seq in sorted(by_seq)]
    return [record for record, _ in kept], [line for _, line in kept]


def _columns(
    records: list[Record], segments: list[Segment], values: Mapping[str, Sequence[Any]] | None
) -> cols.Columns | None:
    """The table's columns: the segments' joined when they were simply joined."""
    try:
        parts = [s.columns for s in segments]
        if values is not None and all(part is not None for part in parts):
            return cols.joined(cast(list[cols.Columns], parts))
        return cols.record_columns(records)
    except AttributeError:  # a tool that is no dict: the table reads the records (and fails)
        return None


def _merge(
    by_seq: dict[int, tuple[dict[str, Any], bytes]],
    record: dict[str, Any],
    line: bytes,
    summary: DeviceSummary,
) -> None:
    """Keep the first copy of each seq; a different second copy is a problem."""
    seq = int(record["seq"])
    existing = by_seq.setdefault(seq, (record, line))[0]
    if existing is not record and (
        existing["mac"] != record["mac"] or existing["digest"] != record["digest"]
    ):
        summary.problems.append(f"seq {seq}: two different records in overlapping segments")


def _chain_problems(
    records: Sequence[Mapping[str, Any]], values: Mapping[str, Sequence[Any]] | None = None
) -> list[str]:
    """chain.check_chain's links; an unbroken chain from the genesis is seen in two compares.

    Every kept record has seq, prev_mac and mac (check_record or the segment's column
    test saw them); `values` holds them already read, in the records' order.
    """
    if values is None:
        values = {f: list(map(itemgetter(f), records)) for f in ("seq", "prev_mac", "mac")}
    seqs, prevs, macs = values["seq"], values["prev_mac"], values["mac"]
    if list(seqs) == list(range(1, len(records) + 1)) and list(prevs) == [
        chain.GENESIS_MAC,
        *map(str, macs[:-1]),
    ]:
        return []
    return chain.check_chain(records, {}, check_seals=False).problems


def _check_anchor(
    anchor_bytes: bytes | None,
    records: Sequence[Mapping[str, Any]],
    keys: Mapping[str, bytes],
    summary: DeviceSummary,
) -> None:
    if anchor_bytes is None:
        if records:
            summary.problems.append("head anchor missing")
        return
    parsed = _anchor_fields(anchor_bytes)
    if parsed is None:
        summary.problems.append("head anchor corrupt")
        return
    anchor, seq, mac = parsed
    summary.anchor_seq, summary.anchor_key_id = seq, str(anchor.get("key_id"))
    key = keys.get(summary.anchor_key_id)
    if key and anchor.get("tag") != chain.tag(key, "anchor", summary.device_id, seq, mac):
        summary.problems.append("head anchor forged")
    last = int(records[-1]["seq"]) if records else 0
    if seq > last:
        summary.problems.append(f"tail truncated: seq {last + 1}..{seq} missing (anchored)")
    else:
        _check_anchored_mac(records, seq, mac, summary)


def _anchor_of(given: DeviceInput, summary: DeviceSummary) -> bytes | None:
    """The anchor to check: the higher of head.json and the highest head-<seq>.json."""
    present = [a for a in (given.anchor, given.numbered) if a is not None]
    if len(present) < 2:
        return present[0] if present else None
    valid = [(parsed[1], a) for a in present if (parsed := _anchor_fields(a)) is not None]
    if len(valid) < len(present):
        summary.problems.append("head anchor corrupt")
    return max(valid)[1] if valid else present[0]


def _anchor_fields(data: bytes) -> tuple[dict[str, Any], int, str] | None:
    """head.json parsed strictly: an object whose seq is an int in range and whose mac is
    64 hex digits (1e999, "7", true or a nested bomb are corrupt, never an exception)."""
    try:
        anchor = orjson.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(anchor, dict):
        return None
    seq, mac = anchor.get("seq"), anchor.get("mac")
    if type(seq) is not int or not 0 <= seq <= MAX_SEQ:
        return None
    if not isinstance(mac, str) or not _HEX64.fullmatch(mac):
        return None
    return anchor, seq, mac


def _check_anchored_mac(
    records: Sequence[Mapping[str, Any]], seq: int, mac: str, summary: DeviceSummary
) -> None:
    """The kept record with the anchored seq (if any) must carry the anchored mac."""
    found = next((r for r in reversed(records) if r["seq"] == seq), None)
    if found is not None and found["mac"] != mac:
        summary.problems.append(f"seq {seq}: differs from the anchored head (replaced)")


def _summarise(
    summary: DeviceSummary,
    records: list[dict[str, Any]],
    now: datetime,
    heartbeat_minutes: int,
    times: list[str] | None = None,
) -> None:
    """`times`: str(time) of each record when the table's columns hold them (no record read)."""
    summary.records = len(records)
    if not records:
        return
    summary.last_seq = int(records[-1]["seq"])
    summary.last_time = max(times if times is not None else map(str, map(_TIME, records)))
    # The latest record that names a version: found from the end, not by listing them all.
    versions = ((r.get("policy") or {}).get("version") for r in reversed(records))
    summary.policy_version = next((v for v in versions if v), None)
    last = datetime.fromisoformat(summary.last_time.replace("Z", "+00:00"))
    summary.silent = now - last > timedelta(minutes=2 * heartbeat_minutes)
