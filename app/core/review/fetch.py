"""What the reader fetches from the central folder: every workstation's files, bounded.

The only I/O of the review: each workstation folder's segments, escrows and newest
anchors, read without following links and within app.core.review.limits' caps. What
cannot be read is a problem of its own entry (the file, the folder), never of the read.
Qt-free.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence

from app.core.central.folder import CentralFS, EntryRefused
from app.core.review.check import DeviceInput
from app.core.review.keys import ESCROW_RE
from app.core.review.limits import ReadLimits
from app.core.review.segment import SEGMENT_RE

ANCHOR_RE = re.compile(r"head-\d{12}\.json")


def fetch(fs: CentralFS, limits: ReadLimits) -> tuple[list[DeviceInput], list[str]]:
    """Every device's segment bytes and anchor, in name order (the only I/O), and the
    problems of entries that are no device folder. Bounded by `limits`; links are never
    followed; whatever cannot be read is a problem of its own entry, not of the read."""
    top = dict(fs.entries("", limits.entries))
    if "incidents" not in top:
        return [], []
    if top["incidents"] != "dir":
        return [], ["incidents: not a folder"]
    listing = fs.entries("incidents", limits.entries)
    problems = _too_many("incidents", listing, limits)
    budget = _Budget(limits.total_bytes)
    inputs = []
    for device_id, kind in listing:
        if device_id.startswith("."):
            continue
        if kind != "dir":
            problems.append(f"incidents/{device_id}: {_what(kind)}, not a workstation folder")
            continue
        inputs.append(_fetch_device(fs, device_id, limits, budget))
    return inputs, problems


class _Budget:
    """Bytes the read may still take in all."""

    def __init__(self, total: int) -> None:
        self.left = total

    def read(self, fs: CentralFS, rel: str, limit: int) -> bytes:
        if self.left <= 0:
            raise EntryRefused(errno.EFBIG, "not read: the reader's total limit is used up", rel)
        if self.left < limit:
            try:
                data = fs.read_bounded(rel, self.left)
            except EntryRefused as error:
                if error.errno == errno.EFBIG:  # fits its own cap, not what is left
                    raise EntryRefused(
                        errno.EFBIG, "not read: the reader's total limit is used up", rel
                    ) from error
                raise
        else:
            data = fs.read_bounded(rel, limit)
        self.left -= len(data)
        return data


def _fetch_device(
    fs: CentralFS, device_id: str, limits: ReadLimits, budget: _Budget
) -> DeviceInput:
    folder = f"incidents/{device_id}"
    given = DeviceInput(device_id, [], None)
    try:
        listing = fs.entries(folder, limits.entries)
    except OSError as error:
        given.problems.append(f"folder not read: {_reason(error)}")
        return given
    given.problems += _too_many(folder, listing, limits)
    top: str | None = None
    kinds = dict(listing)
    for name, kind in listing:
        if name.startswith(".tmp-"):
            continue
        rel = f"{folder}/{name}"
        if name == "head.json":
            given.anchor = _read_entry(fs, budget, rel, kind, limits.head_bytes, given)
            continue
        if ANCHOR_RE.fullmatch(name) is not None:
            top = name if top is None or name > top else top  # names sort by seq
            continue
        if ESCROW_RE.fullmatch(name) is not None:
            escrow = _read_entry(fs, budget, rel, kind, limits.head_bytes, given)
            given.escrows += [(name, escrow)] if escrow is not None else []
            continue
        if SEGMENT_RE.fullmatch(name) is None:
            given.files.append((name, None))
            continue
        data = _read_entry(fs, budget, rel, kind, limits.segment_bytes, given)
        if data is not None:
            given.files.append((name, data))
    if top is not None:
        given.numbered = _read_entry(
            fs, budget, f"{folder}/{top}", kinds[top], limits.head_bytes, given
        )
    return given


def _read_entry(
    fs: CentralFS, budget: _Budget, rel: str, kind: str, limit: int, given: DeviceInput
) -> bytes | None:
    """The entry's bytes, or None with the reason as the device's problem."""
    name = rel.rsplit("/", 1)[-1]
    if kind != "file":
        given.problems.append(f"{name} not read: {_what(kind)}, not a regular file")
        return b"" if name.startswith("head") else None
    try:
        return budget.read(fs, rel, limit)
    except OSError as error:
        given.problems.append(f"{name} not read: {_reason(error)}")
        return b"" if name.startswith("head") else None


def _what(kind: str) -> str:
    return {"dir": "a folder", "file": "a plain file"}.get(kind, "a link or special file")


def _reason(error: OSError) -> str:
    return str(error.strerror or error.__class__.__name__)


def _too_many(folder: str, listing: Sequence[object], limits: ReadLimits) -> list[str]:
    if len(listing) < limits.entries:
        return []
    return [f"{folder}: {limits.entries} entries or more, only the first {limits.entries} read"]
