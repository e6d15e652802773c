"""Each run's start and end records (app.ui.lifecycle) on a real journal, with a fake OS.

The pipeline writes to a real Journal in a temp folder; the OS session-end backend is a
fake whose `ending_now` the test sets, and whose announcement the test fires. `qapp` is
pytest-qt's application (the session-end timers need an event loop).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from tray_fakes import FakeMatcher, policy, tool

from app.core.journal.key import DeviceKey
from app.core.journal.store import Journal
from app.core.protect.pipeline import Pipeline
from app.ui import lifecycle
from app.ui.lifecycle import Lifecycle

KEY = DeviceKey(b"k" * 32, "memory")


class FakeSessionEnd:
    name = "fake"

    def __init__(self) -> None:
        self.ending = False
        self.on_end: Callable[[], None] | None = None
        self.stopped = False

    def start(self, on_end: Callable[[], None]) -> None:
        self.on_end = on_end

    def stop(self) -> None:
        self.stopped = True

    def ending_now(self) -> bool:
        return self.ending


def run(tmp_path: Path) -> tuple[Lifecycle, Journal, FakeSessionEnd]:
    journal = Journal(tmp_path / "journal.sqlite3", key=KEY)
    pipe = Pipeline(FakeMatcher({"ChatGPT": tool("block")}), policy(), journal)
    session = FakeSessionEnd()
    return Lifecycle(pipe, journal.records, session), journal, session


def states(journal: Journal) -> list[str]:
    return [r["state"] for r in journal.records() if r["kind"] == "agent_state"]


def test_first_start_then_sigterm_is_started_then_stopped(tmp_path: Path) -> None:
    life, journal, session = run(tmp_path)
    life.begin()
    life.on_terminate()
    life.finish()
    assert states(journal) == ["started", "stopped"] and session.stopped


def test_quit_is_its_own_end(tmp_path: Path) -> None:
    life, journal, _ = run(tmp_path)
    life.begin()
    life.quit_chosen()
    life.finish()
    assert states(journal) == ["started", "quit"]


def test_sigterm_during_an_os_shutdown_is_os_shutdown_once(
    tmp_path: Path, qapp: QCoreApplication
) -> None:
    life, journal, session = run(tmp_path)
    life.begin()
    session.ending = True
    life.on_terminate()
    life.finish()
    assert states(journal) == ["started", "os_shutdown"]


def test_the_os_announcement_is_journaled_at_once(tmp_path: Path, qapp: QCoreApplication) -> None:
    life, journal, session = run(tmp_path)
    life.begin()
    assert session.on_end is not None
    session.on_end()
    assert states(journal) == ["started", "os_shutdown"]  # before the event loop ends
    life.on_session_end()  # Qt's commitDataRequest for the same logout
    life.finish()
    assert states(journal) == ["started", "os_shutdown"]


def test_a_cancelled_session_end_is_followed_by_started(
    tmp_path: Path, qapp: QCoreApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lifecycle, "CANCELLED_END_MS", 20)
    life, journal, _ = run(tmp_path)
    life.begin()
    life.on_session_end()
    for _ in range(100):
        qapp.processEvents()
        if len(states(journal)) == 3:
            break
        time.sleep(0.01)
    assert states(journal) == ["started", "os_shutdown", "started"]
    life.finish()  # a later SIGTERM is a stop again
    assert states(journal)[-1] == "stopped"


def test_next_start_after_a_kill_journals_unclean_end_then_started(tmp_path: Path) -> None:
    life, journal, _ = run(tmp_path)
    life.begin()  # ... and the process is killed: no finish()
    again, journal, _ = run(tmp_path)
    again.begin()
    assert states(journal) == ["started", "unclean_end", "started"]
    records = journal.records()
    assert [r["seq"] for r in records] == [1, 2, 3]


def test_next_start_after_a_clean_stop_has_no_unclean_end(tmp_path: Path) -> None:
    life, journal, _ = run(tmp_path)
    life.begin()
    life.finish()
    again, journal, _ = run(tmp_path)
    again.begin()
    assert states(journal) == ["started", "stopped", "started"]


def test_pauses_today_counts_the_journal_and_fails_closed_when_unreadable(tmp_path: Path) -> None:
    life, journal, _ = run(tmp_path)
    assert life.pauses_today() == 0
    pipe = Pipeline(FakeMatcher({}), policy(), journal)
    assert pipe.pause() is None
    pipe.resume()
    assert life.pauses_today() == 1

    def broken() -> list[dict[str, object]]:
        raise OSError("disk gone")

    unreadable = Lifecycle(pipe, broken, FakeSessionEnd())
    assert unreadable.pauses_today() is None
    assert Lifecycle(pipe, None, FakeSessionEnd()).pauses_today() is None
