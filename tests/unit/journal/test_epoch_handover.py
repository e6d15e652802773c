"""An escrow proves nothing by itself: every later sealing epoch must be handed over by
the workstation's previous key. Each attack by a machine that can write the share is
scripted with keys and MACs that are otherwise valid, and its verdict asserted."""

from __future__ import annotations

import json
import secrets
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from journal_testkit import MemoryKeyring, incident

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal import chain, forward_store
from app.core.journal.audit_key import generate
from app.core.journal.forward_key import (
    PREFIX,
    escrow_name,
    handover_tag,
    key_at,
    key_name,
    seal_seed,
)
from app.core.journal.store import Journal
from app.core.review.memory import apply_memory
from app.core.review.reader import read_central

AUDIT = generate()
NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _victim(tmp_path: Path, central: Path, n: int = 10) -> Journal:
    journal = Journal(tmp_path / "victim.sqlite3", audit=AUDIT.public)
    for i in range(n):
        journal.record(incident(i))
    assert sync_once(journal, LocalFS(central), max_segment=4).ok
    return journal


def _problems(central: Path) -> list[str]:
    return read_central(LocalFS(central), audit=[AUDIT], now=NOW).problems


def _last_record(folder: Path) -> dict[str, Any]:
    segments = sorted(folder.glob("seg-*.jsonl"))
    record: dict[str, Any] = json.loads(segments[-1].read_bytes().splitlines()[-1])
    return record


def _genesis(device_id: str) -> dict[str, Any]:
    """What a history re-sealed from seq 1 chains to: no record before it."""
    return {
        "device_id": device_id,
        "seq": 0,
        "mac": chain.GENESIS_MAC,
        "schema": "pastewarden.incident/1",
        "time": "2026-02-28T10:00:00.000Z",
    }


def _forge_epoch(
    folder: Path,
    after: dict[str, Any],
    count: int,
    handover: dict[str, str] | None = None,
) -> tuple[str, bytes]:
    """What another machine can write: its own seed escrowed to the public audit key,
    records chained to `after` and sealed with that seed's keys, and an anchor tagged
    with its key for the next seq. Returns (escrow id, seed)."""
    device, start = after["device_id"], after["seq"] + 1
    seed, escrow_id = secrets.token_bytes(32), uuid.uuid4().hex
    (folder / escrow_name(escrow_id)).write_bytes(
        seal_seed(seed, AUDIT.public, device, start, escrow_id)
    )
    lines, prev = [], after["mac"]
    for seq in range(start, start + count):
        body = chain.body_of(after) | {"seq": seq, "prev_mac": prev, "kind": "heartbeat"}
        body |= {"event_id": str(uuid.uuid4()), "key_id": PREFIX + escrow_id}
        body.pop("handover", None)
        if seq == start and handover is not None:
            body["handover"] = handover
        record = chain.seal(body, key_at(seed, start, seq))
        lines.append(chain.canonical(record))
        prev = record["mac"]
    last = start + count - 1
    (folder / f"seg-{start:012d}-{last:012d}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    anchor = {"device_id": device, "seq": last, "mac": prev}
    anchor |= {"key_id": key_name(escrow_id, last + 1)}
    anchor["tag"] = chain.tag(key_at(seed, start, last + 1), "anchor", device, last, prev)
    (folder / f"head-{last:012d}.json").write_bytes(chain.canonical(anchor))
    return escrow_id, seed


def test_records_forged_under_a_made_up_escrow_are_caught(tmp_path: Path, central: Path) -> None:
    victim = _victim(tmp_path, central)
    folder = central / "incidents" / victim.device_id
    escrow_id, _ = _forge_epoch(folder, _last_record(folder), 40)
    problems = _problems(central)
    assert problems == [
        f"{victim.device_id}: seq 11: sealing key {escrow_id[:8]} began without a handover "
        "from the previous key (forged from here by another machine, or the workstation's "
        "keyring was reset)"
    ]


def test_a_made_up_handover_is_caught(tmp_path: Path, central: Path) -> None:
    victim = _victim(tmp_path, central)
    folder = central / "incidents" / victim.device_id
    real = victim.escrows()[0][0]
    claimed = {"from": key_name(real, 11), "tag": "ab" * 32}
    escrow_id, _ = _forge_epoch(folder, _last_record(folder), 5, handover=claimed)
    assert _problems(central) == [
        f"{victim.device_id}: seq 11: sealing key {escrow_id[:8]} not handed over by this "
        "workstation's previous key (forged from here)"
    ]


@pytest.mark.parametrize(
    "handover",
    [{"from": "fs1:nothing/11", "tag": "00"}, {"tag": "00"}, "from", {"from": 11}],
)
def test_a_malformed_handover_is_caught_and_never_raises(
    tmp_path: Path, central: Path, handover: Any
) -> None:
    victim = _victim(tmp_path, central, 3)
    folder = central / "incidents" / victim.device_id
    escrow_id, _ = _forge_epoch(folder, _last_record(folder), 2, handover=handover)
    problems = _problems(central)
    assert len(problems) == 1 and problems[0].startswith(
        f"{victim.device_id}: seq 4: sealing key {escrow_id[:8]} "
    ), problems


def test_a_new_audit_key_is_handed_over_by_the_previous_epoch(
    tmp_path: Path, central: Path
) -> None:
    journal = _victim(tmp_path, central, 6)
    first = journal.escrows()[0][0]
    second = generate()
    later = Journal(tmp_path / "victim.sqlite3", audit=second.public)
    later.record(incident(7))
    assert sync_once(later, LocalFS(central)).ok
    record = later.records()[-1]
    assert record["handover"]["from"] == key_name(first, 7)
    assert all("handover" not in r for r in later.records()[:-1])
    review = read_central(LocalFS(central), audit=[AUDIT, second], now=NOW)
    assert review.problems == []
    assert review.devices[journal.device_id].epochs == [first, later.escrows()[1][0]]


def test_a_lost_keyring_starts_an_epoch_the_reader_reports(
    tmp_path: Path, central: Path, memory_keyring: MemoryKeyring
) -> None:
    victim = _victim(tmp_path, central, 4)
    assert forward_store.flush()
    memory_keyring.delete_password("PasteWarden", f"journal-forward/{victim.device_id}")
    forward_store.forget(victim.device_id)
    again = Journal(tmp_path / "victim.sqlite3", audit=AUDIT.public)
    again.record(incident(5))
    assert sync_once(again, LocalFS(central)).ok
    escrow_id = again.escrows()[1][0]
    assert _problems(central) == [
        f"{victim.device_id}: seq 5: sealing key {escrow_id[:8]} began without a handover "
        "from the previous key (forged from here by another machine, or the workstation's "
        "keyring was reset)"
    ]


def test_a_journal_restored_from_a_copy_says_it_went_back(tmp_path: Path, central: Path) -> None:
    victim = _victim(tmp_path, central, 3)
    _copy_db(tmp_path / "victim.sqlite3", tmp_path / "copy.sqlite3")
    for i in range(4):
        victim.record(incident(i))  # the key now waits for seq 8
    _copy_db(tmp_path / "copy.sqlite3", tmp_path / "victim.sqlite3")
    second = generate()
    rotated = Journal(tmp_path / "victim.sqlite3", audit=second.public)
    rotated.record(incident(9))  # seq 4 again, under a new audit key
    record = rotated.records()[-1]
    assert record["seq"] == 4 and record["handover"]["from"].endswith("/8")
    assert sync_once(rotated, LocalFS(central)).ok
    problems = read_central(LocalFS(central), audit=[AUDIT, second], now=NOW).problems
    new_id = rotated.escrows()[-1][0]
    assert (
        f"{victim.device_id}: seq 4: sealing key {new_id[:8]} handed over from seq 8: the "
        "workstation's journal went back (reset or rewritten)"
    ) in problems


def _copy_db(source: Path, target: Path) -> None:
    """A consistent copy of a live journal database (its WAL included)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def test_a_replaced_first_record_of_an_epoch_is_caught(tmp_path: Path, central: Path) -> None:
    victim = _victim(tmp_path, central, 4)
    folder = central / "incidents" / victim.device_id
    for segment in folder.glob("seg-*.jsonl"):
        segment.unlink()
    for anchor in folder.glob("head*.json"):
        anchor.unlink()
    genesis = _genesis(victim.device_id)
    _forge_epoch(folder, genesis, 6)  # the whole history, from seq 1, the real escrow kept
    real = victim.escrows()[0][0]
    assert _problems(central) == [
        f"{victim.device_id}: seq 1: sealing key {real[:8]} first record of this sealing key "
        "is missing or replaced"
    ]


def test_the_reviewer_remembers_epochs_and_reports_one_gone(tmp_path: Path, central: Path) -> None:
    victim = _victim(tmp_path, central, 4)
    folder = central / "incidents" / victim.device_id
    memory = tmp_path / "memory.json"
    first = read_central(LocalFS(central), audit=[AUDIT], now=NOW)
    apply_memory(first, memory, NOW)
    assert first.problems == []
    shutil.rmtree(folder)  # a writer with delete rights re-seals the whole history
    folder.mkdir()
    genesis = _genesis(victim.device_id)
    _forge_epoch(folder, genesis, 9)
    later = read_central(LocalFS(central), audit=[AUDIT], now=NOW)
    assert later.problems == []  # on its own the forged history is consistent
    apply_memory(later, memory, NOW)
    real = victim.escrows()[0][0]
    assert later.problems == [
        f"{victim.device_id}: sealing key(s) {real[:8]} read here on 2026-03-01 00:00 UTC "
        "are gone (its records were replaced)"
    ]


def test_the_handover_tag_binds_the_escrow_bytes() -> None:
    key = secrets.token_bytes(32)
    tag = handover_tag(key, "device", "e" * 32, 5, "a" * 64)
    assert tag != handover_tag(key, "device", "e" * 32, 5, "b" * 64)
    assert tag != handover_tag(key, "device", "e" * 32, 6, "a" * 64)
    assert tag != handover_tag(key, "other", "e" * 32, 5, "a" * 64)


def test_many_made_up_escrows_give_a_bounded_list(tmp_path: Path, central: Path) -> None:
    victim = _victim(tmp_path, central, 3)
    folder = central / "incidents" / victim.device_id
    for _ in range(25):  # escrows claiming seq 2, whose record claims the real key
        seed, escrow_id = secrets.token_bytes(32), uuid.uuid4().hex
        sealed = seal_seed(seed, AUDIT.public, victim.device_id, 2, escrow_id)
        (folder / escrow_name(escrow_id)).write_bytes(sealed)
    problems = _problems(central)
    assert len(problems) == 21
    assert problems[-1] == f"{victim.device_id}: and 5 more sealing key(s) not begun here"
    assert all(
        "first record of this sealing key is missing or replaced" in p for p in problems[:20]
    )
