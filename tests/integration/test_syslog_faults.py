"""The syslog sink when things go wrong, against Debian's rsyslogd on loopback.

- rsyslog stopped in mid-stream and started again: every record arrives, and a
  record that arrives twice arrives identical (same event_id), so the SIEM can dedup;
- a receiver that accepted records and then crashed: they are sent again;
- a wrong CA: the handshake is refused, the sink is degraded, and a capturing proxy in
  front of rsyslog sees no record byte in clear;
- the PHI scenario: overrides of scanned PHI texts with redacted justifications; no
  planted value in any file rsyslog wrote.
"""

from __future__ import annotations

import json
import random
import signal
import threading
import time
from collections import defaultdict
from pathlib import Path

import pytest
from decided_events import scanned_event
from journal_testkit import incident
from rsyslog_server import Rsyslog, StartRsyslog
from syslog_pki import Pki
from tcp_proxy import TcpProxy
from test_no_phi import _hits, _plant

from app.backends.syslog_socket import connect
from app.core.central.syslog_sink import (
    SyslogSettings,
    SyslogSink,
    sent_through,
    syslog_failing,
    syslog_pending,
)
from app.core.journal.incident import Justification
from app.core.journal.store import Journal

TOTAL = 1500


def _ship_until(path: Path, settings: SyslogSettings, done: threading.Event) -> None:
    """The keeper thread's part: passes in a loop, then one last pass after `done`."""
    journal, sink = Journal(path), SyslogSink(settings, connect, batch=50)
    while not done.is_set():
        sink.pass_once(journal)
        time.sleep(0.01)
    deadline = time.monotonic() + 60
    while not sink.pass_once(journal).ok and time.monotonic() < deadline:
        time.sleep(0.2)
    sink.close()
    journal.close()


def _write(path: Path, count: int) -> None:
    """The paste path's part: records keep arriving while the sink ships."""
    journal = Journal(path)
    for n in range(count):
        journal.record(incident(n, "overridden" if n % 5 == 0 else "blocked"))
        time.sleep(0.001)
    journal.close()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_rsyslog_restarted_mid_stream_loses_nothing(
    tmp_path: Path, rsyslog: StartRsyslog, stop_signal: int
) -> None:
    server = rsyslog()
    path = tmp_path / "j.sqlite3"
    journal = Journal(path)
    done = threading.Event()
    settings = SyslogSettings("127.0.0.1", server.port, "tcp")
    shipper = threading.Thread(target=_ship_until, args=(path, settings, done))
    writer = threading.Thread(target=_write, args=(path, TOTAL))
    shipper.start()
    writer.start()
    while sent_through(journal)[0] < 300:
        time.sleep(0.005)
    server.stop(stop_signal)  # in mid-stream: the writer and the shipper keep going
    deadline = time.monotonic() + 15
    while not syslog_failing(journal) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert syslog_failing(journal)
    server.start()
    writer.join()
    done.set()
    shipper.join()
    head = int(journal.head()["seq"])
    assert syslog_pending(journal) == 0 and head >= TOTAL + 2
    copies: dict[int, set[str]] = defaultdict(set)
    for got in server.wait_for(head, 60):
        copies[int(got["json_seq"])].add(got["msg"])
    assert sorted(copies) == list(range(1, head + 1)), "a record was lost"
    assert all(len(msgs) == 1 for msgs in copies.values()), "a duplicate was not identical"
    states = [r["state"] for r in journal.records() if r["kind"] == "agent_state"]
    assert states == ["syslog_failing", "syslog_resumed"]


def test_records_a_crashed_receiver_had_accepted_are_sent_again(
    tmp_path: Path, rsyslog: StartRsyslog
) -> None:
    server = rsyslog()
    proxy = TcpProxy(server.port)
    journal = Journal(tmp_path / "j.sqlite3")
    sink = SyslogSink(SyslogSettings("127.0.0.1", proxy.port, "tcp"), connect, batch=20)
    for n in range(40):
        journal.record(incident(n))
    assert sink.pass_once(journal).ok
    proxy.swallow.set()  # the receiver acknowledges the next records, then loses them
    for n in range(30):
        journal.record(incident(n))
    assert sink.pass_once(journal).ok and sent_through(journal)[0] == 70
    proxy.cut()
    proxy.swallow.clear()
    time.sleep(0.2)
    result = sink.pass_once(journal)
    assert result.ok and result.resent == 70  # everything that connection carried
    seqs = [int(r["json_seq"]) for r in server.wait_for(110)]
    assert sorted(set(seqs)) == list(range(1, 71))
    sink.close()
    proxy.close()


def test_wrong_ca_is_refused_degraded_and_nothing_goes_in_clear(
    tmp_path: Path, rsyslog: StartRsyslog, syslog_pki: Pki
) -> None:
    server = rsyslog(syslog_pki)
    journal = Journal(tmp_path / "j.sqlite3")
    for n in range(5):
        journal.record(incident(n, "overridden"))
    proxy = TcpProxy(server.port)
    wrong = SyslogSettings("127.0.0.1", proxy.port, "tls", ca_file=str(syslog_pki.other_ca))
    result = SyslogSink(wrong, connect).pass_once(journal)
    assert result.error is not None and "CERTIFICATE_VERIFY_FAILED" in result.error
    assert syslog_failing(journal) and syslog_pending(journal) == 6 and result.pending == 6
    assert journal.records()[-1]["state"] == "syslog_failing"
    time.sleep(0.5)
    assert server.out_records() == []
    captured = bytes(proxy.client_bytes)
    assert captured  # the proxy saw the handshake...
    for needle in (journal.device_id, "PASTEWARDEN", "overridden", "pastewarden@"):
        assert needle.encode() not in captured  # ...and not one record byte
    plain = SyslogSettings("127.0.0.1", proxy.port, "tcp")  # the capture can see a leak
    SyslogSink(plain, connect).pass_once(journal)
    deadline = time.monotonic() + 10  # the proxy's thread records what it read
    while journal.device_id.encode() not in proxy.client_bytes:
        assert time.monotonic() < deadline, "the capture saw no plain-text record"
        time.sleep(0.02)
    proxy.close()


@pytest.mark.slow
def test_no_planted_phi_in_anything_rsyslog_wrote(tmp_path: Path, rsyslog: StartRsyslog) -> None:
    from detectors.redact import redact
    from detectors.scanner import Scanner

    server: Rsyslog = rsyslog()
    journal = Journal(tmp_path / "j.sqlite3")
    sink = SyslogSink(SyslogSettings("127.0.0.1", server.port, "tcp"), connect)
    scanner, rng, planted = Scanner(), random.Random(2024), []
    for n in range(60):
        text, values = _plant(rng)
        planted += values
        report = scanner.scan(text)
        reason = f"needed for {text[:60]}"  # staff typed PHI into the reason: redacted first
        why = Justification("other", redact(reason, scanner.scan(reason)))
        action = "overridden" if n % 2 else "blocked"
        journal.record(scanned_event(text, report, action, justification=why if n % 2 else None))
        if n % 20 == 19:
            assert sink.pass_once(journal).ok
    sink.close()
    server.wait_for(60)
    server.stop()
    files = server.written_files()
    assert any(p.name == "out.jsonl" for p in files) and any(p.name == "raw.log" for p in files)
    assert _hits(files, planted, tmp_path) == []
    assert "NAME" in server.out.read_text("utf-8")  # the types are there
    leaked = json.dumps({"text": planted[0]})  # the search itself can find a leak
    (server.base / "canary.txt").write_text(leaked)
    assert _hits([server.base / "canary.txt"], planted, tmp_path) != []
