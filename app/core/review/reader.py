"""The office manager's reader over the central folder (DESIGN.md §7). Qt-free.

Merges every device's segments, accepts only lines that parse and whose digest matches
(a corrupt or cut line is never accepted), deduplicates by (device_id, seq) (segments
may overlap after an interrupted sync), checks each device's chain and its head
anchor, and reports gaps, corrupt or partial segments, reordered or foreign records,
silent devices (nothing for more than two heartbeat intervals) and the policy versions
in force. `write_derived` writes incidents.csv and incidents.jsonl at the folder's root
atomically; agents never write them.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import uuid
from collections import ChainMap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from app.core.central.folder import CentralFS
from app.core.journal.audit_key import AuditPrivate
from app.core.review import columns as cols
from app.core.review.check import DeviceResult, DeviceSummary, check_devices
from app.core.review.export import to_csv, to_jsonl
from app.core.review.fetch import fetch
from app.core.review.handover import Epoch, handover_problems
from app.core.review.keys import anchor_problems, forward_problems, open_escrows
from app.core.review.limits import ReadLimits
from app.core.review.segment import SEGMENT_RE, _parse, _parse_all, digests_hold

__all__ = ["SEGMENT_RE", "DeviceSummary", "Review", "_parse", "_parse_all", "read_central"]


@dataclass
class Review:
    """Everything the office manager's view and the derived files need."""

    records: list[dict[str, Any]]
    devices: dict[str, DeviceSummary]
    # Per device, its kept records and their lines as stored (same order), for the jsonl.
    stored: list[tuple[list[dict[str, Any]], list[bytes]]] = field(default_factory=list)
    # app.core.review.columns.columns of `records` (same order), read while parsing;
    # None when the reader could not (the table then reads the records itself).
    columns: cols.Columns | None = None
    # Segments accepted before their digests were checked (read_central's
    # check_digests=False): (lines, stored digests) each, until `check_digests()`.
    unchecked: list[tuple[Sequence[bytes], Sequence[Any]]] = field(default_factory=list)
    # Entries of incidents/ that are no workstation folder (a plain file, a link).
    folder_problems: list[str] = field(default_factory=list)
    # What this reviewer machine read before and is now missing (app.core.review.memory).
    history_problems: list[str] = field(default_factory=list)
    history_devices: set[str] = field(default_factory=set)  # the devices those concern

    @property
    def digests_pending(self) -> bool:
        return bool(self.unchecked)

    def check_digests(self) -> bool:
        """Check the digests left unchecked; True when every one holds.

        True: this review is exactly what read_central with the checks gives. False: some
        record differs from its digest, and only a read with the checks (which rejects
        such lines and reports them) gives the verdicts.
        """
        if not digests_hold(self.unchecked):
            return False
        self.unchecked = []
        return True

    @functools.cached_property
    def lines(self) -> dict[tuple[str, int], bytes]:
        """(device_id, seq) → the record's line as stored; built on first use (exports)."""
        return {
            (str(record["device_id"]), int(record["seq"])): line
            for records, lines in self.stored
            for record, line in zip(records, lines, strict=True)
        }

    @property
    def problems(self) -> list[str]:
        devices = [f"{d.device_id}: {p}" for d in self.devices.values() for p in d.problems]
        return [*self.folder_problems, *self.history_problems, *devices]

    @property
    def flagged_devices(self) -> set[str]:
        """Workstations with any problem: their rows are marked in the CSV exports."""
        return {d.device_id for d in self.devices.values() if d.problems} | self.history_devices

    @property
    def tampered(self) -> bool:
        return bool(self.problems)

    @property
    def silent_devices(self) -> list[str]:
        return sorted(d.device_id for d in self.devices.values() if d.silent)

    @property
    def policy_versions(self) -> dict[int | None, int]:
        """Policy version → number of devices whose latest record shows it."""
        counts: dict[int | None, int] = {}
        for device in self.devices.values():
            counts[device.policy_version] = counts.get(device.policy_version, 0) + 1
        return counts


def read_central(
    fs: CentralFS,
    heartbeat_minutes: int = 60,
    now: datetime | None = None,
    keys: Mapping[str, bytes] | None = None,
    check_digests: bool = True,
    limits: ReadLimits | None = None,
    audit: Sequence[AuditPrivate] = (),
) -> Review:
    """Read and check the whole central folder; `keys` (key_id → key) adds MAC checks.

    `audit` (the office manager's audit keys, current and retired) adds the MAC of every
    forward-sealed record and the check that each workstation's records claim its own
    escrowed keys.

    `check_digests=False` (the window: rows first) leaves the digests of whole, common
    segments unchecked; the Review then says `digests_pending` until `check_digests()`.
    """
    inputs, folder_problems = fetch(fs, limits or ReadLimits())
    when = now or datetime.now(UTC)
    all_keys: Mapping[str, bytes] = keys or {}
    if audit:  # every workstation's forward keys, from its escrows
        forward, epochs = open_escrows(inputs, audit)
        all_keys = ChainMap(dict(all_keys), forward)  # type: ignore[arg-type]
    with _gc_paused():
        results = check_devices(inputs, all_keys, when, heartbeat_minutes, check_digests)
        if audit:
            for result in results:
                _check_forward(result, epochs.get(result.summary.device_id, []), all_keys)
        records, columns = _merge_by_time(results)
    devices = {r.summary.device_id: r.summary for r in results}
    stored = [(r.records, r.lines) for r in results]
    unchecked = [segment for r in results for segment in r.unchecked]
    return Review(records, devices, stored, columns, unchecked, folder_problems)


def _check_forward(result: DeviceResult, epochs: list[Epoch], keys: Mapping[str, bytes]) -> None:
    """The forward-sealing verdicts of one workstation, added to its problems."""
    summary = result.summary
    own = {epoch.escrow_id: epoch.first_seq for epoch in epochs}
    summary.epochs = sorted(own, key=lambda escrow_id: (own[escrow_id], escrow_id))
    summary.problems += forward_problems(result.records, own)
    summary.problems += handover_problems(summary.device_id, result.records, epochs, keys)
    summary.problems += anchor_problems(summary.anchor_seq, summary.anchor_key_id, own)


def _merge_by_time(
    results: list[DeviceResult],
) -> tuple[list[dict[str, Any]], cols.Columns | None]:
    """Every device's records (and columns) in one list, stably sorted by the time string.

    Devices come in name order and each in seq order, so a stable sort by time alone
    gives the (time, device_id, seq) order without building a tuple per record. With
    the columns read, the sort is of row numbers keyed by the time column, and records
    and columns are then picked in that order: list work, no record is read again.
    """
    records = list(itertools.chain.from_iterable(r.records for r in results))
    if any(r.columns is None for r in results):
        records.sort(key=lambda r: str(r["time"]))
        return records, None
    columns = cols.joined([cast(cols.Columns, r.columns) for r in results])
    order = sorted(range(len(records)), key=columns.time.__getitem__)  # str(time) each
    return list(map(records.__getitem__, order)), columns.take(order)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No collector passes while ~1M containers are made, then freeze what survived.

    The records are acyclic and live as long as the window shows them; left in the young
    generation, the first pass after the read would walk all of them (0.2-0.3 s) and every
    later full pass again (that is what made filters jitter). Frozen, refcounting still
    frees them on reload; only cycles among objects alive now would never be collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def write_derived(
    fs: CentralFS, review: Review, tool_names: Mapping[str, str] | None = None
) -> None:
    """Write <central>/incidents.csv and incidents.jsonl atomically (temp, then replace);
    `tool_names` (id → name) for the CSV's tool_name column (default: the catalog's)."""
    ordered = [review.lines.get((r["device_id"], r["seq"])) for r in review.records]
    if all(ordered):  # the stored canonical lines: no need to encode 100,000 records again
        jsonl = b"".join(line + b"\n" for line in ordered if line)
    else:
        jsonl = to_jsonl(review.records)
    csv = to_csv(review.records, review.flagged_devices, tool_names)
    for name, data in (("incidents.csv", csv), ("incidents.jsonl", jsonl)):
        tmp = f".tmp-{uuid.uuid4().hex}.part"
        fs.write_durable(tmp, data)
        fs.replace(tmp, name)
