"""Keys the workstation's user does not hold: forward-evolving sealing keys escrowed to
the organisation's audit key, and the reviewer's reader verifying every record. Each
attack of the threat model is scripted and its verdict asserted."""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
import pytest
from journal_testkit import MemoryKeyring, incident

from app.backends.central_folders import LocalFS
from app.cli import main
from app.core.central.sync import sync_once
from app.core.journal import chain, forward_store
from app.core.journal.audit_key import AuditPrivate, generate, parse_private, parse_public
from app.core.journal.forward_key import (
    MAX_KEY_WALK,
    PREFIX,
    ForwardKeys,
    evolve,
    key_at,
    open_seed,
)
from app.core.journal.store import Journal
from app.core.review.reader import read_central

AUDIT = generate()


def _journal(
    tmp_path: Path, central: Path, name: str, n: int, audit: AuditPrivate = AUDIT
) -> Journal:
    journal = Journal(tmp_path / f"{name}.sqlite3", audit=audit.public)
    for i in range(n):
        journal.record(incident(i, "overridden" if i % 3 == 0 else "blocked"))
    assert sync_once(journal, LocalFS(central), max_segment=4).ok
    return journal


def _segments(central: Path, journal: Journal) -> list[Path]:
    return sorted((central / "incidents" / journal.device_id).glob("seg-*.jsonl"))


def _forged(line: bytes | str, **changes: Any) -> bytes:
    """The record changed by someone without the key: digest recomputed, mac kept."""
    record = json.loads(line)
    record.update(changes)
    record["digest"] = chain.digest_of(chain.body_of(record))
    return chain.canonical(record)


def _stored(keyring: MemoryKeyring, journal: Journal) -> dict[str, Any]:
    """The forward-sealing state the keyring holds for the journal's device."""
    assert forward_store.flush()  # the keyring is written off the recording thread
    text = keyring.get_password("PasteWarden", f"journal-forward/{journal.device_id}")
    assert text is not None
    state: dict[str, Any] = json.loads(text)
    return state


def _problems(central: Path) -> list[str]:
    return read_central(LocalFS(central), audit=[AUDIT]).problems


@pytest.fixture
def pair(tmp_path: Path, central: Path) -> tuple[Journal, Journal]:
    return _journal(tmp_path, central, "victim", 10), _journal(tmp_path, central, "other", 6)


def test_every_record_verifies_with_the_audit_key(
    central: Path, pair: tuple[Journal, Journal]
) -> None:
    victim, _ = pair
    review = read_central(LocalFS(central), audit=[AUDIT])
    assert review.problems == [] and len(review.records) == 16
    assert all(str(r["key_id"]).startswith(PREFIX) for r in review.records)
    escrow = next((central / "incidents" / victim.device_id).glob("escrow-*.json"))
    header, seed = open_seed(escrow.read_bytes(), AUDIT)
    assert header["device_id"] == victim.device_id and header["first_seq"] == 1
    first = json.loads(_segments(central, victim)[0].read_bytes().splitlines()[0])
    assert first["mac"] == chain.mac_of(seed, chain.body_of(first))


def test_the_workstation_keeps_only_the_next_key(
    central: Path, pair: tuple[Journal, Journal], memory_keyring: MemoryKeyring
) -> None:
    victim, _ = pair
    state = _stored(memory_keyring, victim)
    escrow = next((central / "incidents" / victim.device_id).glob("escrow-*.json"))
    _, seed = open_seed(escrow.read_bytes(), AUDIT)
    assert state["seq"] == 11 and base64.b64decode(state["key"]) == key_at(seed, 1, 11)
    assert base64.b64decode(state["key"]) not in {key_at(seed, 1, s) for s in range(1, 11)}
    assert "seed" not in state and seed.hex() not in json.dumps(state)


def test_a_forged_segment_from_another_workstation_is_caught(
    central: Path, pair: tuple[Journal, Journal]
) -> None:
    victim, _ = pair
    last = json.loads(_segments(central, victim)[-1].read_bytes().splitlines()[-1])
    lines, prev = [], last["mac"]
    for seq in range(11, 51):  # 40 heartbeats chained to the victim's last record
        forged = _forged(
            json.dumps(last), seq=seq, prev_mac=prev, kind="heartbeat", action=None, mac="ab" * 32
        )
        lines.append(forged)
        prev = json.loads(forged)["mac"]
    seg = central / "incidents" / victim.device_id / "seg-000000000011-000000000050.jsonl"
    seg.write_bytes(b"\n".join(lines) + b"\n")
    unkeyed = read_central(LocalFS(central))  # without the audit key they pass as records
    assert sum(r["device_id"] == victim.device_id for r in unkeyed.records) == 50
    problems = _problems(central)
    assert sum("forged or edited (MAC does not match)" in p for p in problems) == 40


def test_an_edited_record_and_an_unknown_key_id_are_caught(
    central: Path, pair: tuple[Journal, Journal]
) -> None:
    victim, _ = pair
    segment = _segments(central, victim)[0]
    lines = segment.read_bytes().splitlines()
    lines[0] = _forged(lines[0], action="blocked")  # was overridden; digest recomputed
    lines[1] = _forged(lines[1], key_id="0123456789abcdef")
    segment.write_bytes(b"\n".join(lines) + b"\n")
    assert not any("seq 1" in p for p in read_central(LocalFS(central)).problems)  # no key
    problems = _problems(central)
    assert f"{victim.device_id}: {segment.name}: seq 1: forged or edited (MAC does not match)" in (
        problems
    )
    assert any(
        p.endswith("seq 2: not sealed with this workstation's escrowed key (forged, or edited)")
        for p in problems
    )


def test_an_appended_override_by_someone_with_write_access_is_caught(
    central: Path, pair: tuple[Journal, Journal]
) -> None:
    victim, _ = pair
    last = json.loads(_segments(central, victim)[-1].read_bytes().splitlines()[-1])
    forged = _forged(json.dumps(last), seq=11, prev_mac=last["mac"], action="overridden")
    seg = central / "incidents" / victim.device_id / "seg-000000000011-000000000011.jsonl"
    seg.write_bytes(forged + b"\n")
    assert any(
        p.endswith("seq 11: forged or edited (MAC does not match)") for p in _problems(central)
    )


def test_the_workstation_user_cannot_reseal_a_record_already_written(
    central: Path, pair: tuple[Journal, Journal], memory_keyring: MemoryKeyring
) -> None:
    """With the key from their own keyring they can seal record 11 on, never rewrite 1..10."""
    victim, _ = pair
    state = _stored(memory_keyring, victim)
    current = base64.b64decode(state["key"])
    segment = _segments(central, victim)[0]
    lines = segment.read_bytes().splitlines()
    record = json.loads(lines[0])
    record["action"] = "blocked"
    lines[0] = chain.canonical(chain.seal(chain.body_of(record), current))
    segment.write_bytes(b"\n".join(lines) + b"\n")
    assert any(
        p.endswith("seq 1: forged or edited (MAC does not match)") for p in _problems(central)
    )
    # What they can still do: a record from the current seq on verifies (documented).
    last = json.loads(_segments(central, victim)[-1].read_bytes().splitlines()[-1])
    body = chain.body_of(last) | {"seq": 11, "prev_mac": last["mac"]}
    appended = chain.canonical(chain.seal(body, current))
    seg = central / "incidents" / victim.device_id / "seg-000000000011-000000000011.jsonl"
    seg.write_bytes(appended + b"\n")
    assert not any("seq 11" in p for p in _problems(central))


def test_escrows_of_another_key_or_another_workstation(
    tmp_path: Path, central: Path, pair: tuple[Journal, Journal]
) -> None:
    victim, other = pair
    elsewhere = generate()
    problems = read_central(LocalFS(central), audit=[elsewhere]).problems
    assert any("cannot be opened with this audit key" in p for p in problems)
    assert any("no escrowed sealing key" in p for p in problems)
    escrow = next((central / "incidents" / victim.device_id).glob("escrow-*.json"))
    (central / "incidents" / other.device_id / escrow.name).write_bytes(escrow.read_bytes())
    assert any(
        p.startswith(f"{other.device_id}: {escrow.name} belongs to another workstation")
        for p in _problems(central)
    )


def test_a_new_audit_key_starts_a_new_epoch_and_old_records_are_not_claimed(
    tmp_path: Path, central: Path
) -> None:
    plain = Journal(tmp_path / "w.sqlite3")  # before any audit key: the device's own key
    for i in range(3):
        plain.record(incident(i))
    journal = Journal(tmp_path / "w.sqlite3", audit=AUDIT.public)
    for i in range(3):
        journal.record(incident(i))
    second = generate()
    later = Journal(tmp_path / "w.sqlite3", audit=second.public)
    later.record(incident(9))
    assert sync_once(later, LocalFS(central)).ok
    ids = [r["key_id"] for r in later.records()]
    assert not ids[0].startswith(PREFIX) and ids[3].startswith(PREFIX) and ids[6] != ids[3]
    assert len(list((central / "incidents" / later.device_id).glob("escrow-*.json"))) == 2
    both = read_central(LocalFS(central), audit=[AUDIT, second]).problems
    assert both == [], both  # records 1..3 predate forward sealing: counted, not claimed
    only_old = _problems(central)  # the retired key alone cannot open the new epoch
    assert any("cannot be opened with this audit key" in p for p in only_old)
    assert any(
        p.endswith("seq 7: not sealed with this workstation's escrowed key (forged, or edited)")
        for p in only_old
    )


def test_audit_key_text_round_trip() -> None:
    assert parse_public(AUDIT.public.text).key_id == AUDIT.public.key_id
    again = parse_private(AUDIT.to_file_text())
    assert again.public.text == AUDIT.public.text
    assert evolve(b"k" * 32) != b"k" * 32


def test_keygen_and_the_reviewer_commands(
    tmp_path: Path, central: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key_file = tmp_path / "audit.key"
    assert main(["audit", "keygen", "--out", str(key_file)]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert (key_file.stat().st_mode & 0o777) == 0o600
    assert main(["audit", "keygen", "--out", str(key_file)]) == 2  # never replaced
    audit = parse_private(key_file.read_text())
    assert line == f'policy: "audit": {{"public_key": "{audit.public.text}"}}'
    journal = Journal(tmp_path / "w.sqlite3")
    journal.set_audit(audit.public.text)  # what the tray does with the policy's key
    for i in range(5):
        journal.record(incident(i))
    assert sync_once(journal, LocalFS(central)).ok
    export = ["incidents", "export", "--central", str(central), "--audit-key", str(key_file)]
    assert main(export) == 0
    segment = _segments(central, journal)[0]
    lines = segment.read_bytes().splitlines()
    lines[2] = _forged(lines[2], action="false_alarm_reported")
    segment.write_bytes(b"\n".join(lines) + b"\n")
    capsys.readouterr()
    assert main([*export, "--write"]) == 3
    assert "seq 3: forged or edited (MAC does not match)" in capsys.readouterr().err
    assert main([*export[:-1], str(tmp_path / "missing.key")]) == 2


def test_local_verify_names_forward_sealed_records(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.core.journal.store import default_journal_path

    journal = Journal(default_journal_path(), audit=AUDIT.public)
    for i in range(3):
        journal.record(incident(i))
    assert main(["incidents", "verify"]) == 0
    out = capsys.readouterr().out
    assert "3 sealed forward (only the audit key verifies them)" in out
    assert "not kept" not in out


def test_a_changed_digest_is_caught_with_the_audit_key_in_both_reads(
    central: Path, pair: tuple[Journal, Journal]
) -> None:
    """The MAC covers the line without its seals: a digest changed on its own must still
    be caught, by the checked read and by the window's digest check after the rows."""
    victim, _ = pair
    segment = _segments(central, victim)[0]
    lines = segment.read_bytes().splitlines()
    record = json.loads(lines[1])
    lines[1] = lines[1].replace(record["digest"].encode(), b"0" * 64)
    segment.write_bytes(b"\n".join(lines) + b"\n")
    assert any(
        p.endswith("seq 2: edited (digest does not match the content)") for p in _problems(central)
    )
    first = read_central(LocalFS(central), audit=[AUDIT], check_digests=False)
    assert first.digests_pending and not first.check_digests()


def test_two_journals_of_one_device_take_turns_without_moving_the_key_back(
    tmp_path: Path, central: Path, memory_keyring: MemoryKeyring
) -> None:
    """The tray's journal and the keeper's (or a CLI sync's) append in turn."""
    tray = Journal(tmp_path / "w.sqlite3", audit=AUDIT.public)
    keeper = Journal(tmp_path / "w.sqlite3")  # no audit key of its own: continues the epoch
    for i in range(6):
        (tray if i % 2 else keeper).record(incident(i))
    state = _stored(memory_keyring, tray)
    assert state["seq"] == 7
    assert sync_once(tray, LocalFS(central)).ok
    assert _problems(central) == []
    # A late save for an older seq (the race between two processes) keeps the newer key.
    sealer = tray.forward
    stale = sealer._load()
    assert stale is not None
    sealer.sealed(replace(stale, seq=3), 3, b"x" * 32)
    again = _stored(memory_keyring, tray)
    assert again["seq"] == 7


def test_the_head_anchor_is_tagged_with_the_key_for_the_next_record(
    central: Path, pair: tuple[Journal, Journal], memory_keyring: MemoryKeyring
) -> None:
    victim, _ = pair
    folder = central / "incidents" / victim.device_id
    anchor = json.loads(max(folder.glob("head-*.json")).read_bytes())
    assert anchor["seq"] == 10 and anchor["key_id"].endswith("/11")
    assert anchor["key_id"].startswith(PREFIX) and _problems(central) == []


@pytest.mark.parametrize("key_source", ["current forward key", "device key"])
def test_a_tail_cut_and_re_anchored_by_the_workstation_user_is_caught(
    central: Path, pair: tuple[Journal, Journal], memory_keyring: MemoryKeyring, key_source: str
) -> None:
    """They hold the key for seq 11 (and the device key): neither tags an anchor at seq 8."""
    victim, _ = pair
    folder = central / "incidents" / victim.device_id
    for name in [*folder.glob("head-*.json"), _segments(central, victim)[-1]]:
        name.unlink()  # the last segment (seq 9-10) and every anchor
    kept = json.loads(_segments(central, victim)[-1].read_bytes().splitlines()[-1])
    state = _stored(memory_keyring, victim)
    key, key_id = (
        (base64.b64decode(state["key"]), f"{PREFIX}{state['escrow_id']}/{state['seq']}")
        if key_source == "current forward key"
        else (victim.key.key, chain.key_id(victim.key.key))
    )
    seq, mac = kept["seq"], kept["mac"]
    forged = {"device_id": victim.device_id, "seq": seq, "mac": mac, "key_id": key_id}
    forged["tag"] = chain.tag(key, "anchor", victim.device_id, seq, mac)
    (folder / f"head-{seq:012d}.json").write_bytes(chain.canonical(forged))
    assert seq == 8 and not any("tail truncated" in p for p in _problems(central))
    assert any(
        "head anchor not sealed with this workstation's escrowed key" in p
        for p in _problems(central)
    )


class CountingKeyring(MemoryKeyring):
    """Which threads read and write the forward state."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, int]] = []

    def get_password(self, service: str, username: str) -> str | None:
        if username.startswith("journal-forward/"):
            self.calls.append(("get", threading.get_ident()))
        return super().get_password(service, username)

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.startswith("journal-forward/"):
            self.calls.append(("set", threading.get_ident()))
        super().set_password(service, username, password)


def test_records_never_wait_for_the_keyring_and_the_newest_key_lands(tmp_path: Path) -> None:
    """One read when the journal first seals; every write from the writer thread."""
    backend, previous = CountingKeyring(), keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        journal = Journal(tmp_path / "w.sqlite3", audit=AUDIT.public)
        for i in range(20):
            journal.record(incident(i))
        assert forward_store.flush()
        here = threading.get_ident()
        assert [c for c in backend.calls if c[1] == here] == [("get", here)]
        assert ("set", here) not in backend.calls and len(backend.calls) >= 2
        assert _stored(backend, journal)["seq"] == 21
    finally:
        keyring.set_keyring(previous)


def test_a_later_key_written_by_another_process_is_never_moved_back(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """`pastewarden sync` (another process) stored seq 9's key; this process, which last
    saw seq 4, must not put an older key back in the keyring."""
    journal = Journal(tmp_path / "w.sqlite3", audit=AUDIT.public)
    for i in range(3):
        journal.record(incident(i))
    state = _stored(memory_keyring, journal)
    ahead = dict(state, seq=9, key=base64.b64encode(b"k" * 32).decode())
    memory_keyring.set_password(
        "PasteWarden", f"journal-forward/{journal.device_id}", json.dumps(ahead)
    )
    journal.record(incident(3))  # this process's copy says seq 4: it writes seq 5
    assert _stored(memory_keyring, journal)["seq"] == 9


def test_a_refusing_keyring_is_a_journal_problem_until_a_write_succeeds(
    tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = Journal(tmp_path / "w.sqlite3", audit=AUDIT.public)
    journal.record(incident(0))
    assert forward_store.flush() and journal.degraded == ()

    def refuse(service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    journal.record(incident(1))
    assert forward_store.flush()
    assert "forward key not erased from the keyring (kept in memory)" in journal.degraded
    monkeypatch.undo()
    journal.record(incident(2))
    assert forward_store.flush() and journal.degraded == ()


@pytest.mark.parametrize("seq", ["²", "9" * 5000, "", "-3", str(2**62)])
def test_a_key_name_from_the_share_never_raises_nor_walks_far(seq: str) -> None:
    keys = ForwardKeys({"e" * 32: (1, b"s" * 32)})
    assert keys.get(f"{PREFIX}{'e' * 32}/{seq}") is None
    assert keys.get(f"{PREFIX}{'e' * 32}/{MAX_KEY_WALK + 2}") is None  # one past the bound


def test_keys_come_from_the_nearest_checkpoint_and_match_the_walk() -> None:
    keys, seed = ForwardKeys({"e" * 32: (5, b"s" * 32)}), b"s" * 32
    for seq in (9000, 5, 4101, 9001, 4100):  # out of order, across checkpoints
        assert keys[f"{PREFIX}{'e' * 32}/{seq}"] == key_at(seed, 5, seq)


def test_a_forged_record_or_anchor_far_past_the_epoch_is_caught_at_once(
    central: Path, pair: tuple[Journal, Journal]
) -> None:
    """A seq of 2**62 claiming the workstation's epoch: reading it walks no key chain
    (the reader would never finish), and it is reported, not passed unchecked."""
    victim, _ = pair
    folder = central / "incidents" / victim.device_id
    last = json.loads(_segments(central, victim)[-1].read_bytes().splitlines()[-1])
    far = 10**15
    forged = _forged(json.dumps(last), seq=far, prev_mac=last["mac"], action="overridden")
    (folder / f"seg-{far:018d}-{far:018d}.jsonl").write_bytes(forged + b"\n")
    anchor = {"device_id": victim.device_id, "seq": far, "mac": "ab" * 32}
    anchor |= {"key_id": f"{last['key_id']}/{far + 1}", "tag": "00" * 32}
    (folder / "head.json").write_bytes(chain.canonical(anchor))
    problems = _problems(central)
    assert any(f"seq {far}: not sealed with this workstation's escrowed key" in p for p in problems)
    assert any(
        "head anchor not sealed with this workstation's escrowed key" in p for p in problems
    ), problems
