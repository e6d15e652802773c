"""`pastewarden sync` reports the syslog sink and `status --json` shows it, against rsyslog.

The policy names a private rsyslogd on loopback; records go out with `sync`, then
rsyslog is stopped: sync exits 4 and says why, status shows the sink failing with the
records still pending, and local pruning waits for them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from journal_testkit import incident
from rsyslog_server import StartRsyslog

from app.cli import main
from app.core.central.syslog_sink import sent_through
from app.core.journal.store import Journal, default_journal_path


def _policy(tmp_path: Path, port: int) -> Path:
    policy = {
        "schema": "pastewarden.policy/1",
        "version": 3,
        "organization": {"name": "Test Clinic"},
        "central": {"syslog": {"host": "127.0.0.1", "port": port, "protocol": "tcp"}},
    }
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy))
    return path


def _status(policy: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    main(["status", "--json", "--policy", str(policy)])
    syslog = json.loads(capsys.readouterr().out)["syslog"]
    assert isinstance(syslog, dict)
    return syslog


def test_sync_and_status_report_the_sink(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rsyslog: StartRsyslog,
) -> None:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PASTEWARDEN_POLICY", raising=False)
    server = rsyslog()
    policy = _policy(tmp_path, server.port)
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    journal = Journal(default_journal_path())
    for n in range(5):
        journal.record(incident(n, "overridden"))
    sync = ["sync", "--policy", str(policy), "--central", str(central)]
    assert main(sync) == 0
    out = capsys.readouterr().out
    assert f"syslog tcp://127.0.0.1:{server.port}: sent 5 record(s); 0 pending" in out
    assert len(server.wait_for(5)) == 5
    status = _status(policy, capsys)
    assert status["target"] == f"tcp://127.0.0.1:{server.port}"
    assert status["pending"] == 0 and status["failing"] is False and status["last_sent"]

    server.stop()
    journal.record(incident(9, "overridden"))
    assert main(sync) == 4
    assert "failed: syslog receiver" in capsys.readouterr().err
    status = _status(policy, capsys)
    assert status["failing"] is True and status["pending"] == 2  # the incident and the note
    main(["status", "--policy", str(policy)])
    assert "FAILING, 2 pending" in capsys.readouterr().out
    held = sent_through(journal)[0]  # retention waits for the records rsyslog lacks
    assert held == 5 and journal.prune(0, also_sent_through=held) == 5
    assert [r["seq"] for r in journal.records()] == [6, 7]
    server.start()
    assert main(sync) == 0
    assert "sent 3 record(s)" in capsys.readouterr().out  # + the failing and resumed notes
    assert _status(policy, capsys)["pending"] == 0
    assert [r["state"] for r in journal.records() if r["kind"] == "agent_state"] == [
        "syslog_failing",
        "syslog_resumed",
    ]
