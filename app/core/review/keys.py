"""The reviewer's side of forward sealing: open every escrow with the audit key, derive
every workstation's keys, and say which records were not sealed with them. Qt-free.

With the office manager's audit key (app.core.journal.audit_key) the reader checks the MAC of
every record sealed forward (chain.check_record with app.core.journal.forward_key.ForwardKeys).
From a workstation's first escrowed seq on, a record that claims any other key, or an
escrow this workstation does not own, is forged: a record written by another machine
(no key), edited (no key) or claiming an unknown key_id. Records before the first epoch
were sealed with the workstation's own key, which its user holds: they are counted, not
verified.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from app.core.journal.audit_key import AuditPrivate
from app.core.journal.forward_key import (
    PREFIX,
    ForwardKeys,
    escrow_digest,
    open_seed,
    parse_key_name,
    reachable,
)
from app.core.review.check import DeviceInput
from app.core.review.handover import Epoch

ESCROW_RE = re.compile(r"escrow-[0-9a-f]{32}\.json")
_SHOWN = 20  # problems listed per workstation before "and N more"


def open_escrows(
    inputs: Sequence[DeviceInput], audits: Sequence[AuditPrivate]
) -> tuple[ForwardKeys, dict[str, list[Epoch]]]:
    """Every seed the audit keys open (the current one and any retired ones), and per
    workstation its epochs.

    An escrow that does not open, or names another workstation or file, is a problem of
    the workstation whose folder holds it (added to its input's problems).
    """
    seeds: dict[str, tuple[int, bytes]] = {}
    epochs: dict[str, list[Epoch]] = {}
    for given in inputs:
        epochs[given.device_id] = []
        for name, data in given.escrows:
            opened = _open(data, audits)
            if opened is None:
                given.problems.append(f"{name} cannot be opened with this audit key")
                continue
            header, seed = opened
            escrow_id = str(header["escrow_id"])
            if header["device_id"] != given.device_id or name != f"escrow-{escrow_id}.json":
                given.problems.append(f"{name} belongs to another workstation or file")
                continue
            seeds[escrow_id] = (int(header["first_seq"]), seed)
            epochs[given.device_id].append(
                Epoch(escrow_id, int(header["first_seq"]), escrow_digest(data))
            )
    return ForwardKeys(seeds), epochs


def _open(data: bytes, audits: Sequence[AuditPrivate]) -> tuple[dict[str, Any], bytes] | None:
    for audit in audits:
        try:
            return open_seed(data, audit)
        except ValueError:
            continue
    return None


def forward_problems(records: Sequence[Mapping[str, Any]], epochs: Mapping[str, int]) -> list[str]:
    """Records from the first epoch on that do not claim one of this workstation's keys."""
    if not epochs:
        return (
            [f"no escrowed sealing key: its {len(records)} record(s) cannot be verified"]
            if (records)
            else []
        )
    first = min(epochs.values())
    wrong = [int(r["seq"]) for r in records if int(r["seq"]) >= first and not _own_key(r, epochs)]
    problems = [
        f"seq {seq}: not sealed with this workstation's escrowed key (forged, or edited)"
        for seq in wrong[:_SHOWN]
    ]
    if len(wrong) > _SHOWN:
        problems.append(f"and {len(wrong) - _SHOWN} more record(s) not sealed with its key")
    return problems


def anchor_problems(
    anchor_seq: int | None, key_id: str | None, epochs: Mapping[str, int]
) -> list[str]:
    """A forward-sealed workstation tags its anchor at seq N with its key for N + 1.

    That key is erased once record N + 1 is written, so an anchor claiming an earlier
    end than what was written (a cut tail, re-anchored by the workstation's own user)
    cannot carry it. Any other key is a forged or rewound head.
    """
    if not epochs or anchor_seq is None:
        return []
    parsed = parse_key_name(str(key_id))
    if parsed is not None and parsed[0] in epochs:
        escrow_id, key_seq = parsed
        if key_seq == anchor_seq + 1 and reachable(epochs[escrow_id], key_seq):
            return []
    return ["head anchor not sealed with this workstation's escrowed key (forged or rewound)"]


def _own_key(record: Mapping[str, Any], epochs: Mapping[str, int]) -> bool:
    """Claims one of this workstation's epochs, at a seq whose key the reader derives
    (past MAX_KEY_WALK the MAC would go unchecked: such a record is not its own)."""
    key_id = str(record.get("key_id"))
    escrow_id = key_id.removeprefix(PREFIX)
    return (
        key_id.startswith(PREFIX)
        and escrow_id in epochs
        and reachable(epochs[escrow_id], int(record["seq"]))
    )
