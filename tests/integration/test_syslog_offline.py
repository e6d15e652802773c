"""Offline except for the configured receiver: the syslog sink's only network use.

A fresh interpreter installs an audit hook that records every socket connect and name
look-up, then journals records and runs one sink pass to a private rsyslogd named
as `localhost`. Every look-up must be the configured host and every connection its
port; the hook's own catch of that connection shows it would see any other.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from journal_testkit import ROOT, SUPPORT_DIR
from rsyslog_server import StartRsyslog

_SCRIPT = textwrap.dedent(
    """
    import json, sys
    seen = []

    def hook(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "socket.sendto", "http.client.connect", "urllib.Request"):
            seen.append([event, repr(args[1] if event == "socket.connect" else args[0])])

    sys.addaudithook(hook)
    from app.backends.syslog_socket import connect
    from app.core.journal.incident import IncidentEvent
    from app.core.journal.store import Journal
    from app.core.central.syslog_sink import SyslogSettings, SyslogSink

    journal = Journal(__import__("pathlib").Path(sys.argv[1]))
    for _ in range(5):
        journal.record(IncidentEvent(kind="incident", action="blocked"))
    settings = SyslogSettings("localhost", int(sys.argv[2]), "tcp")
    result = SyslogSink(settings, connect).pass_once(journal)
    print(json.dumps({"sent": result.sent, "error": result.error, "seen": seen}))
    """
)


def test_the_sink_connects_only_to_the_configured_receiver(
    tmp_path: Path, rsyslog: StartRsyslog
) -> None:
    server = rsyslog()
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(SUPPORT_DIR)]),
        "PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
        "PW_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "PASTEWARDEN_HOME": str(tmp_path / "home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(tmp_path / "j.sqlite3"), str(server.port)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["sent"] == 5 and report["error"] is None
    connects = [args for event, args in report["seen"] if event == "socket.connect"]
    lookups = [args for event, args in report["seen"] if event != "socket.connect"]
    assert connects, "the hook saw no connection: it could not see a stray one either"
    assert all(args.endswith(f", {server.port})") for args in connects), connects
    assert lookups and all(args == "'localhost'" for args in lookups), lookups
    assert len(server.wait_for(5)) == 5
