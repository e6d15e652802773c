"""Debian's rsyslogd on loopback for the syslog sink tests, never the system's rsyslog.

`rsyslogd -n -f CONF -i PIDFILE` with a private work directory (and rsyslog's default
8 KB message limit, so the tests show messages fit it), imtcp on a free port
of 127.0.0.1 (TLS through the `ossl` driver when a Pki is given), and one ruleset:
mmjsonparse on the message, then two files: `out.jsonl` (rsyslog's own RFC 5424 parse
of every message, one JSON object per line) and `raw.log` (the raw messages).
`stop()` ends only the rsyslogd this object started, by its pid.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from syslog_pki import Pki, make_pki

_FIELDS = (
    ("pri", "pri"),
    ("facility", "syslogfacility"),
    ("severity", "syslogseverity"),
    ("version", "protocol-version"),
    ("hostname", "hostname"),
    ("app", "app-name"),
    ("procid", "procid"),
    ("msgid", "msgid"),
    ("sd", "structured-data"),
    ("msg", "msg"),
    ("json_event_id", "$!event_id"),
    ("json_seq", "$!seq"),
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Rsyslog:
    """One private rsyslogd; `out_records()` reads what it wrote."""

    def __init__(self, base: Path, pki: Pki | None = None, client_auth: bool = False) -> None:
        self.base, self.pki, self.client_auth = base, pki, client_auth
        self.port = free_port()
        self.conf, self.pidfile = base / "rsyslog.conf", base / "rsyslogd.pid"
        self.out, self.raw, self.work = base / "out.jsonl", base / "raw.log", base / "work"
        self.proc: subprocess.Popen[bytes] | None = None

    def _config(self) -> str:
        tls_global, tls_module = "", ""
        if self.pki is not None:
            tls_global = (
                f'defaultNetstreamDriver="ossl" defaultNetstreamDriverCAFile="{self.pki.ca}" '
                f'defaultNetstreamDriverCertFile="{self.pki.server_cert}" '
                f'defaultNetstreamDriverKeyFile="{self.pki.server_key}"'
            )
            mode = "x509/certvalid" if self.client_auth else "anon"
            tls_module = (
                f'streamDriver.name="ossl" streamDriver.mode="1" streamDriver.authMode="{mode}"'
            )
        props = '\n  constant(value=",")\n'.join(
            f'  property(outname="{out}" name="{name}" format="jsonf")' for out, name in _FIELDS
        )
        return f"""global(workDirectory="{self.work}" {tls_global})
module(load="imtcp" {tls_module})
module(load="mmjsonparse")
template(name="pwjson" type="list") {{
  constant(value="{{")
{props}
  constant(value="}}\\n")
}}
template(name="pwraw" type="string" string="%rawmsg%\\n")
ruleset(name="pw") {{
  action(type="mmjsonparse" cookie="")
  action(type="omfile" file="{self.out}" template="pwjson")
  action(type="omfile" file="{self.raw}" template="pwraw")
}}
input(type="imtcp" address="127.0.0.1" port="{self.port}" ruleset="pw")
"""

    def start(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(self._config())
        check = subprocess.run(
            ["rsyslogd", "-N1", "-f", str(self.conf)], capture_output=True, text=True, check=False
        )
        assert check.returncode == 0, check.stderr + check.stdout
        log = (self.base / "rsyslogd.log").open("ab")
        self.proc = subprocess.Popen(
            ["rsyslogd", "-n", "-f", str(self.conf), "-i", str(self.pidfile)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_listening()

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            assert self.proc is not None and self.proc.poll() is None, self.log_text()
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), 0.5),
            ):
                return
            time.sleep(0.1)
        raise AssertionError(f"rsyslogd did not listen on {self.port}: {self.log_text()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Signal our rsyslogd (SIGTERM: it drains its queue into the files) and wait."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def log_text(self) -> str:
        path = self.base / "rsyslogd.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def out_records(self) -> list[dict[str, Any]]:
        if not self.out.exists():
            return []
        records = []
        for line in self.out.read_text("utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):  # a line cut by kill -9
                records.append(json.loads(line))
        return records

    def wait_for(self, count: int, timeout_s: float = 30.0) -> list[dict[str, Any]]:
        """rsyslog's parsed records once at least `count` are in both files (or what is there)."""
        deadline = time.monotonic() + timeout_s
        while True:
            records = self.out_records()
            raw = self.raw.read_bytes().count(b"\n") if self.raw.exists() else 0
            if min(len(records), raw) >= count or time.monotonic() > deadline:
                return records
            time.sleep(0.1)

    def written_files(self) -> list[Path]:
        """Every file this rsyslogd may have written (outputs, work dir)."""
        return [p for p in self.base.rglob("*") if p.is_file()]


StartRsyslog = Callable[..., "Rsyslog"]


@pytest.fixture
def syslog_pki(tmp_path: Path) -> Pki:
    """A fresh test CA with server and client certificates."""
    return make_pki(tmp_path / "pki")


@pytest.fixture
def rsyslog(tmp_path: Path) -> Iterator[StartRsyslog]:
    """Start private rsyslogds (`rsyslog(pki, client_auth=...)`); all stopped afterwards."""
    started: list[Rsyslog] = []

    def start(pki: Pki | None = None, client_auth: bool = False) -> Rsyslog:
        server = Rsyslog(tmp_path / f"rsyslog{len(started)}", pki, client_auth)
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
