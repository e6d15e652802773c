"""The tray's journal keeper: heartbeat, sync after a poke, failures shown, never raised."""

from __future__ import annotations

import threading
from pathlib import Path

from app.core.journal.incident import IncidentEvent
from app.core.journal.keeper import JournalKeeper, KeeperSettings, retry_delay
from app.core.journal.store import Journal


def _settings(folder: Path | None) -> KeeperSettings:
    return KeeperSettings(
        central_folder=str(folder) if folder else None,
        heartbeat_minutes=60,
        local_retention_days=90,
        policy_version=3,
        policy_signed=False,
    )


def _segments(central: Path) -> list[Path]:
    return sorted(central.glob("incidents/*/seg-*.jsonl"))


def test_pass_writes_a_heartbeat_and_syncs_everything(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    journal.record(IncidentEvent(kind="incident", action="blocked"))
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    keeper = JournalKeeper(journal.path, lambda: _settings(central))
    assert keeper.pass_once() is True
    kinds = [record["kind"] for record in journal.records()]
    assert kinds[0] == "incident" and "heartbeat" in kinds
    assert keeper.pending == 0 and keeper.problem is None and keeper.last_sync is not None
    shipped = "".join(p.read_text() for p in _segments(central))
    assert '"action": "blocked"' in shipped or '"action":"blocked"' in shipped


def test_missing_share_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    journal.record(IncidentEvent(kind="incident", action="blocked"))
    keeper = JournalKeeper(journal.path, lambda: _settings(tmp_path / "not-mounted"))
    assert keeper.pass_once() is False
    assert keeper.problem is not None and "central folder" in keeper.problem
    assert keeper.pending >= 1  # nothing lost: still in the local journal


def test_no_central_folder_keeps_records_locally_without_a_problem(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    journal.record(IncidentEvent(kind="incident", action="blocked"))
    keeper = JournalKeeper(journal.path, lambda: _settings(None))
    assert keeper.pass_once() is True
    assert keeper.problem is None and keeper.pending >= 1


def test_poke_wakes_the_thread_for_a_sync(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "journal.sqlite")
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    keeper = JournalKeeper(journal.path, lambda: _settings(central), interval_s=3600)
    stop = threading.Event()
    thread = threading.Thread(target=keeper.run, args=(stop,), daemon=True)
    thread.start()
    try:
        journal.record(IncidentEvent(kind="incident", action="overridden"))
        keeper.poke()
        for _ in range(100):
            shipped = "".join(p.read_text() for p in _segments(central))
            if "overridden" in shipped:
                break
            threading.Event().wait(0.05)
        assert "overridden" in shipped  # without the poke the thread sleeps for an hour
    finally:
        stop.set()
        keeper.poke()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_retry_delay_doubles_and_is_capped() -> None:
    assert retry_delay(60, 0) == 60
    assert [retry_delay(60, n) for n in (1, 2, 3)] == [60, 120, 240]
    assert retry_delay(60, 20) == 1800
