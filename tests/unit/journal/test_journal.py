"""The journal: durable records with a chain head, key handling, heartbeats, retention."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from journal_testkit import MemoryKeyring, incident
from keyring.backends import fail, null

from app.backends.keyring_secrets import refused_backend
from app.core.journal import chain
from app.core.journal.heartbeat import heartbeat_if_due
from app.core.journal.incident import IncidentEvent, Justification
from app.core.journal.store import Journal, JournalError
from app.core.journal.verify import verify_journal
from app.core.ports import IncidentSink


def test_records_are_sealed_chained_and_survive_reopen(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    sink: IncidentSink = journal  # the pipeline's contract
    for n in range(5):
        sink.record(incident(n))
    journal.close()
    again = Journal(tmp_path / "j.sqlite3")
    records = again.records()
    assert [r["seq"] for r in records] == [1, 2, 3, 4, 5]
    assert records[0]["prev_mac"] == chain.GENESIS_MAC
    assert all(b["prev_mac"] == a["mac"] for a, b in itertools.pairwise(records))
    assert again.head()["seq"] == 5 and again.head()["mac"] == records[-1]["mac"]
    assert {r["device_id"] for r in records} == {again.device_id}
    assert verify_journal(again).ok and verify_journal(again).mac_checked == 5


def test_record_has_the_design_fields_and_nothing_more(tmp_path: Path) -> None:
    record = Journal(tmp_path / "j.sqlite3").append(incident())
    assert set(record) == {
        "schema", "event_id", "device_id", "seq", "prev_mac", "mac", "digest", "kind", "time",
        "user", "host", "action", "state", "enforcement", "tool", "policy", "detections",
        "chars_bucket", "justification", "agent_version", "key_id", "key_store",
    }  # fmt: skip
    assert record["schema"] == "pastewarden.incident/1" and record["time"].endswith("Z")
    assert record["detections"][0] == {"type": "NAME", "count": 1, "max_score": 0.85}
    assert record["tool"]["domain"] == "chatgpt.com" and record["key_store"] == "keyring"


def test_tool_domain_keeps_only_the_host(tmp_path: Path) -> None:
    from app.core.journal.incident import ToolRef

    event = IncidentEvent(
        kind="incident",
        action="blocked",
        tool=ToolRef("x", "consumer_ai", "https://Chat.example.com/c/123?p=1"),
    )
    record = Journal(tmp_path / "j.sqlite3").append(event)
    assert record["tool"]["domain"] == "chat.example.com"


def test_sqlite_runs_wal_with_full_sync(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    journal.record(incident())
    conn = journal._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_device_key_lives_in_the_keyring(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    stored = memory_keyring.get_password("PasteWarden", f"journal-key/{journal.device_id}")
    assert stored is not None and bytes.fromhex(stored) == journal.key.key
    assert journal.degraded == ()


@pytest.mark.parametrize("backend", [null.Keyring(), fail.Keyring()], ids=["null", "fail"])
def test_insecure_keyring_records_anyway_with_a_degraded_flag(
    tmp_path: Path, backend: object
) -> None:
    keyring.set_keyring(backend)  # type: ignore[arg-type]
    journal = Journal(tmp_path / "j.sqlite3")
    record = journal.append(incident())
    assert record["key_store"] == "memory" and journal.degraded
    assert verify_journal(journal).ok  # same run: the memory key still verifies


def test_plaintext_keyrings_alt_backend_is_refused() -> None:
    plaintext = type("PlaintextKeyring", (), {"__module__": "keyrings.alt.file"})()
    assert refused_backend(plaintext) is not None
    chainer = type("ChainerBackend", (), {"backends": [plaintext, null.Keyring()]})()
    assert refused_backend(chainer) is not None
    assert refused_backend(type("C", (), {"backends": [MemoryKeyring()]})()) is None
    assert refused_backend(MemoryKeyring()) is None


def test_memory_key_records_of_an_earlier_run_are_unverifiable_not_tampered(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    journal.record(incident())
    memory_keyring.store.clear()  # the key is gone (keyring wiped): a new one is made
    report = verify_journal(Journal(tmp_path / "j.sqlite3"))
    assert report.ok and report.unverifiable == 1 and report.mac_checked == 0


def test_unwritable_database_raises_journal_error_and_stores_nothing(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.sqlite3")
    journal.record(incident())
    journal.close()
    conn = sqlite3.connect(tmp_path / "j.sqlite3")
    conn.execute("BEGIN EXCLUSIVE")  # another writer holds the lock past the timeout
    blocked = Journal.__new__(Journal)
    blocked.__dict__.update(journal.__dict__ | {"_conn": None})
    blocked._connection().execute("PRAGMA busy_timeout=50")
    with pytest.raises(JournalError):
        blocked.record(incident())
    conn.rollback()
    assert [r["seq"] for r in Journal(tmp_path / "j.sqlite3").records()] == [1]


def test_heartbeat_only_when_due(tmp_path: Path) -> None:
    now = [datetime(2025, 1, 1, tzinfo=UTC)]
    journal = Journal(tmp_path / "j.sqlite3", clock=lambda: now[0])
    assert heartbeat_if_due(journal, 60, policy_version=3)
    now[0] += timedelta(minutes=30)
    assert not heartbeat_if_due(journal, 60)
    now[0] += timedelta(minutes=31)
    assert heartbeat_if_due(journal, 60)
    kinds = [(r["kind"], r["policy"]["version"]) for r in journal.records()]
    assert kinds == [("heartbeat", 3), ("heartbeat", None)]


def test_justification_text_is_capped(tmp_path: Path) -> None:
    event = IncidentEvent(
        kind="incident", action="overridden", justification=Justification("other", "x" * 900)
    )
    record = Journal(tmp_path / "j.sqlite3").append(event)
    assert len(record["justification"]["text"]) == 500


def test_prune_only_central_and_old_records_and_chain_still_verifies(tmp_path: Path) -> None:
    now = [datetime(2025, 1, 1, tzinfo=UTC)]
    journal = Journal(tmp_path / "j.sqlite3", clock=lambda: now[0])
    for n in range(6):
        journal.record(incident(n))
        now[0] += timedelta(days=10)
    assert journal.prune(retention_days=1) == 0  # nothing is central yet
    journal.advance_cursor(4)
    assert journal.prune(retention_days=35) == 3  # seq 1-3 are > 35 days old and central
    assert [r["seq"] for r in journal.records()] == [4, 5, 6]
    assert journal.pruned()[0] == 3
    assert verify_journal(journal).ok
    assert json.loads(journal.meta("pruned") or "{}")["seq"] == 3
