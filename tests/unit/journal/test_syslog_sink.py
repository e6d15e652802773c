"""The syslog sink with a fake transport: cursor, replay after a broken connection,
failing state on change, retention waiting for the sink, keeper wiring."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from journal_testkit import incident
from syslog_parse import parse_message

from app.core.central.syslog_sink import (
    SyslogSettings,
    SyslogSink,
    reuse_sink,
    sent_through,
    settings_from_policy,
    syslog_failing,
    syslog_pending,
)
from app.core.journal.keeper import JournalKeeper, KeeperSettings
from app.core.journal.store import Journal
from policy.schema import Syslog

SETTINGS = SyslogSettings("siem.example", 6514, "tls")


class FakeReceiver:
    """Collects every frame a 'connection' wrote; can refuse, break or reset."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []
        self.refuse = False
        self.fail_after: int | None = None  # frames accepted before the next send fails
        self.connections = 0
        self.open: list[FakeTransport] = []

    def connect(self, settings: SyslogSettings) -> FakeTransport:
        if self.refuse:
            raise ConnectionRefusedError(111, "Connection refused")
        self.connections += 1
        transport = FakeTransport(self)
        self.open.append(transport)
        return transport

    def seqs(self) -> list[int]:
        return [int(parse_message(m).params["seq"]) for m in self.messages]


class FakeTransport:
    def __init__(self, receiver: FakeReceiver) -> None:
        self.receiver, self.is_alive = receiver, True

    def send(self, frames: list[bytes]) -> None:
        if self.receiver.fail_after is not None and len(frames) > self.receiver.fail_after:
            raise BrokenPipeError(32, "Broken pipe")
        for data in frames:
            self.receiver.messages.append(data.split(b" ", 1)[1])

    def alive(self) -> bool:
        return self.is_alive

    def close(self) -> None:
        self.is_alive = False


def _journal(tmp_path: Path, n: int, clock_days_ago: int = 0) -> Journal:
    past = datetime.now(UTC) - timedelta(days=clock_days_ago)
    journal = Journal(tmp_path / "j.sqlite3", clock=lambda: past)
    for i in range(n):
        journal.record(incident(i))
    journal.clock = lambda: datetime.now(UTC)
    return journal


def test_sends_everything_in_order_and_moves_its_own_cursor(tmp_path: Path) -> None:
    journal, receiver = _journal(tmp_path, 12), FakeReceiver()
    result = SyslogSink(SETTINGS, receiver.connect, batch=5).pass_once(journal)
    assert result.ok and result.sent == 12 and result.target == "tls://siem.example:6514"
    assert receiver.seqs() == list(range(1, 13))
    assert sent_through(journal)[0] == 12 and sent_through(journal)[1] is not None
    assert journal.synced_seq() == 0  # the central folder's cursor is separate
    assert syslog_pending(journal) == 0


def test_a_refused_receiver_is_failing_once_and_loses_nothing(tmp_path: Path) -> None:
    journal, receiver = _journal(tmp_path, 3), FakeReceiver()
    receiver.refuse = True
    sink = SyslogSink(SETTINGS, receiver.connect)
    for _ in range(3):
        result = sink.pass_once(journal)
        assert not result.ok and result.error and "unavailable" in result.error
    states = [r["state"] for r in journal.records() if r["kind"] == "agent_state"]
    assert states == ["syslog_failing"] and syslog_failing(journal)
    assert syslog_pending(journal) == 4  # the three incidents and the note
    receiver.refuse = False
    assert sink.pass_once(journal).ok
    assert receiver.seqs() == [1, 2, 3, 4, 5]  # the resumed note ships in the same pass
    assert journal.records()[-1]["state"] == "syslog_resumed" and not syslog_failing(journal)


def test_a_receiver_that_accepts_connections_but_not_records_is_noted_once(
    tmp_path: Path,
) -> None:
    journal, receiver = _journal(tmp_path, 2), FakeReceiver()
    receiver.fail_after = 0  # connects (like TLS 1.3 before a client-cert refusal), never takes
    sink = SyslogSink(SETTINGS, receiver.connect)
    for _ in range(4):
        assert sink.pass_once(journal).error is not None
    states = [r["state"] for r in journal.records() if r["kind"] == "agent_state"]
    assert states == ["syslog_failing"] and receiver.connections == 4


def test_a_failed_write_keeps_the_cursor_and_a_broken_connection_is_replayed(
    tmp_path: Path,
) -> None:
    journal, receiver = _journal(tmp_path, 10), FakeReceiver()
    sink = SyslogSink(SETTINGS, receiver.connect, batch=4)
    assert sink.pass_once(journal).ok
    for i in range(6):
        journal.record(incident(i))
    receiver.open[-1].is_alive = False  # the receiver went away between passes
    receiver.fail_after = 3  # ...and the new connection breaks on the first batch
    result = sink.pass_once(journal)
    assert result.error is not None and sent_through(journal)[0] == 10
    receiver.fail_after = None
    result = sink.pass_once(journal)
    assert result.resent == 10 and result.sent >= 6  # what the broken connection carried
    seqs = receiver.seqs()
    assert sorted(set(seqs)) == list(range(1, max(seqs) + 1))  # nothing lost
    assert seqs[:10] == list(range(1, 11)) and seqs[10:20] == list(range(1, 11))


def test_replay_is_bounded(tmp_path: Path) -> None:
    journal, receiver = _journal(tmp_path, 30), FakeReceiver()
    sink = SyslogSink(SETTINGS, receiver.connect, batch=7, replay=8)
    sink.pass_once(journal)
    receiver.open[-1].is_alive = False
    assert sink.pass_once(journal).resent == 8
    assert receiver.seqs()[30:] == list(range(23, 31))


def test_retention_waits_for_the_sink_as_well_as_the_central_folder(tmp_path: Path) -> None:
    journal = _journal(tmp_path, 6, clock_days_ago=100)
    journal.advance_cursor(6)  # all central
    journal.set_meta("syslog_sent", json.dumps({"seq": 2, "time": "x"}))
    assert journal.prune(90, also_sent_through=2) == 2
    assert [r["seq"] for r in journal.records()] == [3, 4, 5, 6]


def test_keeper_sends_to_syslog_and_holds_pruning_until_sent(tmp_path: Path) -> None:
    journal = _journal(tmp_path, 4, clock_days_ago=100)
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    receiver = FakeReceiver()
    receiver.refuse = True
    settings = KeeperSettings(str(central), 60, 90, 3, False, syslog=SETTINGS)
    keeper = JournalKeeper(journal.path, lambda: settings, connect_syslog=receiver.connect)
    assert keeper.pass_once() is True  # central went fine: its schedule does not back off
    assert keeper.problem is not None and "syslog receiver" in keeper.problem
    assert [r["seq"] for r in journal.records()][:4] == [1, 2, 3, 4]  # not pruned: unsent
    receiver.refuse = False
    assert keeper.pass_once() is True and keeper.problem is None
    assert 1 in receiver.seqs() and journal.records()[0]["seq"] > 4  # sent, then pruned


def test_keeper_without_a_transport_or_central_folder_backs_off(tmp_path: Path) -> None:
    journal = _journal(tmp_path, 1)
    settings = KeeperSettings(None, 60, 90, syslog=SETTINGS)
    keeper = JournalKeeper(journal.path, lambda: settings)
    assert keeper.pass_once() is False and "no syslog transport" in (keeper.problem or "")
    receiver = FakeReceiver()
    receiver.refuse = True  # only a syslog receiver, failing: the timer backs off
    keeper = JournalKeeper(journal.path, lambda: settings, connect_syslog=receiver.connect)
    assert keeper.pass_once() is False and "unavailable" in (keeper.problem or "")


def test_policy_settings_and_reuse() -> None:
    tls = settings_from_policy(Syslog.model_validate({"host": "siem.example"}))
    assert tls is not None and (tls.protocol, tls.port, tls.enterprise_number) == (
        "tls",
        6514,
        32473,
    )
    tcp = settings_from_policy(Syslog.model_validate({"host": "h", "protocol": "tcp"}))
    assert tcp is not None and tcp.port == 514
    assert settings_from_policy(None) is None
    with pytest.raises(ValueError, match="client_key needs client_cert"):
        Syslog.model_validate({"host": "h", "client_key": "/k.pem"})
    receiver = FakeReceiver()
    sink = reuse_sink(None, tls, receiver.connect)
    assert sink is not None and reuse_sink(sink, tls, receiver.connect) is sink
    assert reuse_sink(sink, tcp, receiver.connect) is not sink
    assert reuse_sink(sink, None, receiver.connect) is None


class FakeSocket:
    """Only what `unacknowledged` asks the OS on macOS."""

    def __init__(self, queued: int) -> None:
        self.queued = queued
        self.asked: list[tuple[int, int]] = []

    def getsockopt(self, level: int, option: int) -> int:
        self.asked.append((level, option))
        return self.queued


def test_unacknowledged_bytes_per_os() -> None:
    import socket

    from app.backends.syslog_socket import unacknowledged

    mac = FakeSocket(1200)
    assert unacknowledged(mac, "darwin") == 1200  # type: ignore[arg-type]
    assert mac.asked == [(socket.SOL_SOCKET, 0x1024)]  # SO_NWRITE
    assert unacknowledged(FakeSocket(5), "win32") == 0  # type: ignore[arg-type]
    with socket.socket() as fresh:  # Linux: TIOCOUTQ of a real, unconnected socket
        assert unacknowledged(fresh, "linux") == 0
