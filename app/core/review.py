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
import gc
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.core.central_fs import CentralFS
from app.core.review_check import (
    SEGMENT_RE,
    DeviceInput,
    DeviceSummary,
    _parse,
    _parse_all,
    check_devices,
)
from app.core.review_export import to_csv, to_jsonl

__all__ = ["SEGMENT_RE", "DeviceSummary", "Review", "_parse", "_parse_all", "read_central"]
_IGNORED = ("head.json",)


@dataclass
class Review:
    """Everything the office manager's view and the derived files need."""

    records: list[dict[str, Any]]
    devices: dict[str, DeviceSummary]
    lines: dict[tuple[str, int], bytes] = field(default_factory=dict)  # as stored, for jsonl

    @property
    def problems(self) -> list[str]:
        return [f"{d.device_id}: {p}" for d in self.devices.values() for p in d.problems]

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
) -> Review:
    """Read and check the whole central folder; `keys` (key_id → key) adds MAC checks."""
    inputs = _fetch(fs)
    with _gc_paused():
        results = check_devices(inputs, keys or {}, now or datetime.now(UTC), heartbeat_minutes)
        merged: list[dict[str, Any]] = []
        lines: dict[tuple[str, int], bytes] = {}
        for result in results:
            device = result.summary.device_id
            merged += result.records
            keys_ = [(device, int(r["seq"])) for r in result.records]
            lines.update(zip(keys_, result.lines, strict=True))
        # Devices come in name order and each in seq order, so a stable sort by time alone
        # gives the (time, device_id, seq) order without building a tuple per record.
        merged.sort(key=lambda r: str(r["time"]))
    return Review(merged, {r.summary.device_id: r.summary for r in results}, lines)


def _fetch(fs: CentralFS) -> list[DeviceInput]:
    """Every device's segment bytes and anchor, in name order (the only I/O)."""
    names = fs.listdir("incidents") if "incidents" in fs.listdir("") else []
    inputs = []
    for device_id in names:
        if device_id.startswith("."):
            continue
        folder = f"incidents/{device_id}"
        files: list[tuple[str, bytes | None]] = []
        for name in fs.listdir(folder):
            if name.startswith(".tmp-") or name in _IGNORED:
                continue
            known = SEGMENT_RE.fullmatch(name) is not None
            files.append((name, fs.read_bytes(f"{folder}/{name}") if known else None))
        try:
            anchor: bytes | None = fs.read_bytes(f"{folder}/head.json")
        except FileNotFoundError:
            anchor = None
        inputs.append(DeviceInput(device_id, files, anchor))
    return inputs


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


def write_derived(fs: CentralFS, review: Review) -> None:
    """Write <central>/incidents.csv and incidents.jsonl atomically (temp, then replace)."""
    ordered = [review.lines.get((r["device_id"], r["seq"])) for r in review.records]
    if all(ordered):  # the stored canonical lines: no need to encode 100,000 records again
        jsonl = b"".join(line + b"\n" for line in ordered if line)
    else:
        jsonl = to_jsonl(review.records)
    for name, data in (("incidents.csv", to_csv(review.records)), ("incidents.jsonl", jsonl)):
        tmp = f".tmp-{uuid.uuid4().hex}.part"
        fs.write_durable(tmp, data)
        fs.replace(tmp, name)
