"""What this reviewer machine read before: devices and the highest seq it verified.

Anyone who can write the share can delete a workstation's folder, cut its last segments
and rewrite head.json to match, and the folder then looks complete. The reader alone
cannot tell; this machine can, because it remembers. Per central folder it keeps, for
each workstation, the highest seq it read with no problem, the highest anchored seq,
its sealing epochs and when. A later read that finds a remembered workstation gone, its
records ending earlier, its anchor lower or an epoch gone (a history re-sealed from the
start with a made-up escrow) is a finding, shown in the window, the report and
`incidents`.

Only a clean read raises the memory (a workstation with problems keeps what was known
before), and nothing lowers it. A workstation that is retired keeps its folder: records
are kept 6 years (45 CFR 164.316(b)(2)). The memory is the reviewer's own file in the
data folder, never on the share. Qt-free.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from app.core.review.reader import Review

SCHEMA = "pastewarden.review-memory/1"


@dataclass(frozen=True)
class Seen:
    """One workstation as this machine last verified it."""

    last_seq: int
    anchor_seq: int
    time: str  # when this machine read it (the reader's clock, UTC)
    epochs: tuple[str, ...] = ()  # its sealing epochs (escrow ids) verified here


Memory = dict[str, Seen]


def memory_path(data_dir: Path, location: str) -> Path:
    """This machine's memory of one central folder (named by a hash of its location)."""
    name = hashlib.sha256(location.encode()).hexdigest()[:20]
    return data_dir / "review-memory" / f"{name}.json"


def findings(memory: Mapping[str, Seen], review: Review) -> list[str]:
    """What the read shows less of than this machine verified before."""
    found: list[str] = []
    for device_id, seen in sorted(memory.items()):
        summary = review.devices.get(device_id)
        when = seen.time[:16].replace("T", " ")
        if summary is None:
            found.append(
                f"{device_id}: workstation folder gone (read here up to seq "
                f"{seen.last_seq} on {when} UTC)"
            )
            continue
        if summary.last_seq < seen.last_seq:
            found.append(
                f"{device_id}: tail shrank: seq {summary.last_seq + 1}..{seen.last_seq} "
                f"were read here on {when} UTC and are gone"
            )
        anchored = summary.anchor_seq
        if anchored is not None and anchored < seen.anchor_seq:
            found.append(
                f"{device_id}: head anchor went back from seq {seen.anchor_seq} to {anchored}"
            )
        found += _epochs_gone(device_id, seen, summary.epochs, when)
    return found


def _epochs_gone(device_id: str, seen: Seen, epochs: list[str], when: str) -> list[str]:
    """Sealing epochs verified here before and missing now: the workstation's history was
    replaced by one sealed with keys someone else made (only a read with the audit key
    lists epochs: a read without it compares nothing)."""
    gone = [escrow_id[:8] for escrow_id in seen.epochs if escrow_id not in epochs]
    if not epochs or not gone:
        return []
    return [
        f"{device_id}: sealing key(s) {', '.join(gone)} read here on {when} UTC are gone "
        "(its records were replaced)"
    ]


def remembered(memory: Mapping[str, Seen], review: Review, now: datetime) -> Memory:
    """The memory after this read: raised by clean workstations only, never lowered."""
    updated = dict(memory)
    stamp = now.isoformat(timespec="seconds")
    for device_id, summary in review.devices.items():
        if summary.problems:
            continue
        before = memory.get(device_id, Seen(0, 0, stamp))
        updated[device_id] = Seen(
            max(before.last_seq, summary.last_seq),
            max(before.anchor_seq, summary.anchor_seq or 0),
            stamp,
            (*before.epochs, *(e for e in summary.epochs if e not in before.epochs)),
        )
    return updated


def load_memory(path: Path) -> Memory:
    """The memory at `path`; empty when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return {
            str(device): Seen(
                int(s["last_seq"]),
                int(s["anchor_seq"]),
                str(s["time"]),
                tuple(str(e) for e in s.get("epochs", ())),
            )
            for device, s in data["devices"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def save_memory(path: Path, memory: Mapping[str, Seen]) -> None:
    """Write the memory atomically (temp file, then replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"schema": SCHEMA, "devices": {d: asdict(s) for d, s in sorted(memory.items())}}
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(data, indent=1), "utf-8")
    try:
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def remember_read(review: Review, path: Path, now: datetime) -> None:
    """Remember a read whose findings were added before (apply_memory with save=False)."""
    save_memory(path, remembered(load_memory(path), review, now))


def apply_memory(review: Review, path: Path, now: datetime, save: bool = True) -> None:
    """Add the memory's findings to `review` and, when `save`, remember this read."""
    memory = load_memory(path)
    found = findings(memory, review)
    if save:  # from this read's own verdicts, before the findings are added to them
        save_memory(path, remembered(memory, review, now))
    review.history_problems, review.history_devices = [], set()
    for problem in found:
        device_id, text = problem.split(": ", 1)
        if device_id in review.devices:  # its row in the window says so, not only the list
            review.devices[device_id].problems.append(text)
        else:  # a workstation gone from the folder has no row
            review.history_problems.append(problem)
            review.history_devices.add(device_id)


def seen_path(memory: Path) -> Path:
    """Where this machine keeps when it first saw each annotation of the same folder."""
    return memory.with_name(memory.stem + ".notes.json")


def load_seen(path: Path) -> dict[str, str]:
    """Annotation id → when this machine first read it (empty when unreadable)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return {str(k): str(v) for k, v in data.items()}
    except (OSError, ValueError, AttributeError):
        return {}


def save_seen(path: Path, seen: Mapping[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(json.dumps(dict(sorted(seen.items()))), "utf-8")
    os.replace(tmp, path)
