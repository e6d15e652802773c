"""Which of a workstation's sealing epochs the workstation itself began. Qt-free.

An escrow proves only that someone sealed a seed to the audit public key, which every
machine can read. So the reader accepts one epoch per workstation without a handover,
its first (lowest first seq), and every later epoch must be handed over: its first record
carries a tag made with the previous epoch's key for that seq
(app.core.journal.forward_key.handover_tag), a key only the workstation held. A later
epoch without a valid handover is another machine forging records from there on (or a
workstation that lost its keyring: the finding says both). An epoch whose first record
is gone or claims another key was replaced.
"""

from __future__ import annotations

import bisect
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.journal.forward_key import PREFIX, handover_tag, parse_key_name

SHOWN = 20  # epoch problems listed per workstation before "and N more"


@dataclass(frozen=True)
class Epoch:
    """One escrow a workstation's folder holds, opened with the audit key."""

    escrow_id: str
    first_seq: int
    digest: str  # SHA-256 of the escrow file's bytes


def handover_problems(
    device_id: str,
    records: Sequence[Mapping[str, Any]],
    epochs: Sequence[Epoch],
    keys: Mapping[str, bytes],
) -> list[str]:
    """Epochs not begun by the workstation: later ones without a valid handover, and
    epochs whose first record is missing or replaced (`records` in seq order)."""
    problems: list[str] = []
    known = {epoch.escrow_id: epoch for epoch in epochs}
    last = int(records[-1]["seq"]) if records else 0
    begun = 0
    for epoch in sorted(epochs, key=lambda e: (e.first_seq, e.escrow_id)):
        if epoch.first_seq > last:
            continue  # published before its records: they come with a later sync
        first = _record_at(records, epoch.first_seq)
        if first is None or first.get("key_id") != PREFIX + epoch.escrow_id:
            problems.append(f"seq {epoch.first_seq}: {_short(epoch)} {_REPLACED}")
        elif "handover" not in first:
            begun += 1
            if begun > 1:
                problems.append(_unvouched(epoch, first))
        else:
            problems += _check(device_id, epoch, first["handover"], known, keys)
    if len(problems) > SHOWN:  # a share can hold any number of made-up escrows
        more = len(problems) - SHOWN
        problems = [*problems[:SHOWN], f"and {more} more sealing key(s) not begun here"]
    return problems


_REPLACED = "first record of this sealing key is missing or replaced"
_FORGED = "not handed over by this workstation's previous key (forged from here)"


def _unvouched(epoch: Epoch, first: Mapping[str, Any]) -> str:
    cause = (
        "the workstation kept its keys in memory only"
        if first.get("key_store") == "memory"
        else "forged from here by another machine, or the workstation's keyring was reset"
    )
    return (
        f"seq {epoch.first_seq}: {_short(epoch)} began without a handover from the "
        f"previous key ({cause})"
    )


def _check(
    device_id: str,
    epoch: Epoch,
    handover: Any,
    known: Mapping[str, Epoch],
    keys: Mapping[str, bytes],
) -> list[str]:
    name = handover.get("from") if isinstance(handover, dict) else None
    parsed = parse_key_name(name) if isinstance(name, str) else None
    if parsed is None or parsed[0] == epoch.escrow_id:
        return [f"seq {epoch.first_seq}: {_short(epoch)} {_FORGED}"]
    if parsed[0] not in known:
        return [
            f"seq {epoch.first_seq}: {_short(epoch)} handed over by a key whose escrow this "
            "audit key does not open (cannot be checked)"
        ]
    key = keys.get(str(name))
    tag = handover.get("tag")
    expected = key and handover_tag(key, device_id, epoch.escrow_id, epoch.first_seq, epoch.digest)
    if not (isinstance(tag, str) and expected and hmac.compare_digest(tag, expected)):
        return [f"seq {epoch.first_seq}: {_short(epoch)} {_FORGED}"]
    if parsed[1] != epoch.first_seq:
        return [
            f"seq {epoch.first_seq}: {_short(epoch)} handed over from seq {parsed[1]}: "
            "the workstation's journal went back (reset or rewritten)"
        ]
    return []


def _record_at(records: Sequence[Mapping[str, Any]], seq: int) -> Mapping[str, Any] | None:
    at = bisect.bisect_left(records, seq, key=_seq)
    return records[at] if at < len(records) and _seq(records[at]) == seq else None


def _seq(record: Mapping[str, Any]) -> int:
    return int(record["seq"])


def _short(epoch: Epoch) -> str:
    return f"sealing key {epoch.escrow_id[:8]}"
