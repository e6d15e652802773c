"""The syslog sink against Debian's rsyslogd on loopback (tests/integration/rsyslog_server.py).

rsyslog parses every message with its RFC 5424 parser and the msg with mmjsonparse;
the tests compare what it wrote with the journal, field by field: over TCP, over TLS
(with and without a client certificate; none offered where one is demanded), with
hostile justification text, and from the tray's keeper thread (a failing receiver is
a degraded state, then the sink catches up). Faults: test_syslog_faults.py.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from journal_testkit import MemoryKeyring, incident
from rsyslog_server import Rsyslog, StartRsyslog
from syslog_parse import parse_sd
from syslog_pki import KEY_PASSPHRASE, Pki

from app.backends.syslog_socket import KEY_PASSWORD_SERVICE, connect
from app.core.central.syslog_format import severity_of
from app.core.central.syslog_sink import SyslogSettings, SyslogSink, syslog_failing
from app.core.journal.incident import Detection, IncidentEvent, Justification
from app.core.journal.keeper import JournalKeeper, KeeperSettings
from app.core.journal.store import Journal
from app.core.protect.status import Facts, status_line, tray_state

HOSTILE = 'she said "fine" \\ C:\\temp ] [x] done\nsecond line\r\n\tZoë Ærø 東京 ✓'


def _varied_journal(path: Path) -> Journal:
    journal = Journal(path)
    for n in range(6):
        journal.record(incident(n, "overridden" if n % 2 else "blocked"))
    journal.record(IncidentEvent(kind="agent_state", state="scanner_degraded"))
    journal.record(IncidentEvent(kind="agent_state", state="started"))
    journal.record(IncidentEvent(kind="heartbeat", policy_version=7, policy_signed=True))
    journal.record(
        IncidentEvent(
            kind="incident", action="overridden", justification=Justification("x", HOSTILE)
        )
    )
    return journal


def _assert_arrived_intact(journal: Journal, received: list[dict[str, Any]]) -> None:
    lines = [line for _, line in journal.rows()]
    assert len(received) == len(lines)
    for line, got in zip(lines, received, strict=True):
        record = json.loads(line)
        assert got["msg"] == line  # the JSON line, unchanged
        assert got["json_event_id"] == record["event_id"]  # rsyslog's mmjsonparse read it
        assert got["json_seq"] == str(record["seq"])
        assert (got["version"], got["app"], got["procid"]) == ("1", "PASTEWARDEN", "-")
        assert got["msgid"] == record["kind"] and got["hostname"] == record["host"]
        assert int(got["facility"]) == 13 and int(got["severity"]) == severity_of(record)
        sd_id, params, rest = parse_sd(got["sd"])
        assert sd_id == "pastewarden@32473" and rest == ""
        assert params["event_id"] == record["event_id"] and params["seq"] == str(record["seq"])
        assert params["mac"] == record["mac"] and params["time"] == record["time"]
        for key, value in (record.get("tool") or {}).items():
            assert params[f"tool.{key}"] == str(value)


def _settings(server: Rsyslog, protocol: str = "tcp", **tls: str) -> SyslogSettings:
    return SyslogSettings("127.0.0.1", server.port, protocol, **tls)


def test_tcp_every_field_arrives_parseable(tmp_path: Path, rsyslog: StartRsyslog) -> None:
    server = rsyslog()
    journal = _varied_journal(tmp_path / "j.sqlite3")
    sink = SyslogSink(_settings(server), connect)
    result = sink.pass_once(journal)
    assert result.ok and result.sent == 10
    _assert_arrived_intact(journal, server.wait_for(10))
    severities = {int(r["severity"]) for r in server.out_records()}
    assert severities == {3, 4, 5, 6}  # err, warning, notice, informational
    sink.close()


@pytest.mark.parametrize("client_auth", [False, True], ids=["server-cert", "client-cert"])
def test_tls_every_field_arrives_parseable(
    tmp_path: Path, rsyslog: StartRsyslog, syslog_pki: Pki, client_auth: bool
) -> None:
    server = rsyslog(syslog_pki, client_auth=client_auth)
    journal = _varied_journal(tmp_path / "j.sqlite3")
    client = {"client_cert": str(syslog_pki.client_cert), "client_key": str(syslog_pki.client_key)}
    settings = _settings(
        server, "tls", ca_file=str(syslog_pki.ca), **(client if client_auth else {})
    )
    sink = SyslogSink(settings, connect)
    assert sink.pass_once(journal).ok
    _assert_arrived_intact(journal, server.wait_for(10))
    sink.close()


def test_tls_receiver_that_demands_a_client_certificate_gets_nothing_without_one(
    tmp_path: Path, rsyslog: StartRsyslog, syslog_pki: Pki
) -> None:
    server = rsyslog(syslog_pki, client_auth=True)
    journal = _varied_journal(tmp_path / "j.sqlite3")
    sink = SyslogSink(_settings(server, "tls", ca_file=str(syslog_pki.ca)), connect)
    for _ in range(3):
        result = sink.pass_once(journal)
        if result.error:
            break
        time.sleep(0.5)  # TLS 1.3: the server's refusal may come after the client's finish
    assert result.error is not None and syslog_failing(journal)
    time.sleep(1)
    assert server.out_records() == []
    sink.close()


def test_an_encrypted_client_key_takes_its_passphrase_from_the_keyring(
    tmp_path: Path, rsyslog: StartRsyslog, syslog_pki: Pki, memory_keyring: MemoryKeyring
) -> None:
    server = rsyslog(syslog_pki, client_auth=True)
    journal = _varied_journal(tmp_path / "j.sqlite3")
    cert, key = str(syslog_pki.client_cert), str(syslog_pki.client_key_encrypted)
    settings = _settings(
        server, "tls", ca_file=str(syslog_pki.ca), client_cert=cert, client_key=key
    )
    sink = SyslogSink(settings, connect)
    refused = sink.pass_once(journal)
    assert refused.error is not None and "no passphrase for 127.0.0.1" in refused.error
    memory_keyring.set_password(KEY_PASSWORD_SERVICE, "127.0.0.1", KEY_PASSPHRASE)
    assert sink.pass_once(journal).ok
    assert len(server.wait_for(12)) == 12  # the ten records, the failing and resumed notes
    sink.close()


def test_hostile_justification_arrives_escaped_and_exact(
    tmp_path: Path, rsyslog: StartRsyslog
) -> None:
    server = rsyslog()
    journal = Journal(tmp_path / "j.sqlite3")
    journal.record(
        IncidentEvent(
            kind="incident", action="overridden", justification=Justification("x", HOSTILE)
        )
    )
    assert SyslogSink(_settings(server), connect).pass_once(journal).ok
    [got] = server.wait_for(1)
    _, params, _ = parse_sd(got["sd"])
    visible = HOSTILE.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    assert params["justification.text"] == visible
    assert json.loads(got["msg"])["justification"]["text"] == HOSTILE
    raw = server.raw.read_text("utf-8")
    assert "Zoë Ærø 東京 ✓" in raw and len(raw.splitlines()) == 1  # one line, UTF-8 intact


def test_the_largest_records_fit_rsyslogs_default_message_size(
    tmp_path: Path, rsyslog: StartRsyslog
) -> None:
    server = rsyslog()
    journal = Journal(tmp_path / "j.sqlite3")
    many = tuple(Detection(f"TYPE_{n}", 99, 0.999) for n in range(15))
    for text in ("\x01" * 500, "😀" * 500, '"]\\' * 170):
        why = Justification("other", text)
        journal.record(IncidentEvent("incident", "overridden", detections=many, justification=why))
    assert SyslogSink(_settings(server), connect).pass_once(journal).ok
    received = server.wait_for(3)
    assert [got["msg"] for got in received] == [line for _, line in journal.rows()]  # whole


def _until(check: Callable[[], object], what: str, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_the_tray_keeper_thread_ships_and_shows_a_failing_receiver(
    tmp_path: Path, rsyslog: StartRsyslog
) -> None:
    server = rsyslog()
    path = tmp_path / "j.sqlite3"
    journal = Journal(path)
    settings = KeeperSettings(None, 60, 90, syslog=_settings(server))
    keeper = JournalKeeper(path, lambda: settings, interval_s=3600, connect_syslog=connect)
    stop = threading.Event()
    thread = threading.Thread(target=keeper.run, args=(stop,), daemon=True)
    thread.start()
    journal.record(incident(1, "overridden"))
    keeper.poke()
    _until(lambda: len(server.out_records()) >= 2, "the heartbeat and the incident")
    server.stop()
    journal.record(incident(2, "overridden"))
    keeper.poke()
    _until(lambda: keeper.problem and "syslog receiver" in keeper.problem, "the problem")
    facts = Facts(journal_notes=(str(keeper.problem),))
    assert tray_state(facts) == "degraded" and "syslog receiver" in status_line(facts)
    server.start()
    keeper.poke()
    _until(lambda: keeper.problem is None, "the receiver to recover")
    head = int(journal.head()["seq"])
    seqs = {int(r["json_seq"]) for r in server.wait_for(head)}
    assert seqs == set(range(1, head + 1))
    stop.set()
    keeper.poke()
    thread.join(10)
