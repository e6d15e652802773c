"""Syslog sink speed against a private rsyslogd on loopback; prints tables, never asserts.

- throughput: 10,000 journal records sent by `SyslogSink` over TCP and over TLS, until
  the cursor is at the end (sent) and until rsyslog has written all of them (arrived);
- paste path: p50/p95/p99 of `Journal.record` (the commit before a paste is released),
  side by side with the sink off and with the sink catching up on a 10,000-record
  backlog from its background thread in the same process, as in the tray.
rsyslogd is started like the tests do (tests/integration/rsyslog_server.py: its own
config, pid file and work directory); Debian's `rsyslog` and `rsyslog-openssl` must be
installed (`bash scripts/test.sh` installs them).
Run: .venv/bin/python bench/syslog_bench.py [--records N] [--commits N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import keyring

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The tests' in-memory keyring, rsyslog starter and test CA.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "integration"))

from journal_testkit import MemoryKeyring, incident
from rsyslog_server import Rsyslog
from syslog_pki import make_pki

from app.backends.syslog_socket import connect
from app.core.central.syslog_sink import SyslogSettings, SyslogSink
from app.core.journal.store import Journal


def _fill(path: Path, count: int) -> Journal:
    journal = Journal(path)
    for n in range(count):
        journal.record(incident(n, "overridden" if n % 10 == 0 else "blocked"))
    return journal


def bench_throughput(work: Path, records: int, tls: bool) -> dict[str, Any]:
    pki = make_pki(work / "pki") if tls else None
    server = Rsyslog(work / ("rsyslog-tls" if tls else "rsyslog-tcp"), pki)
    server.start()
    try:
        journal = _fill(work / f"throughput-{tls}.sqlite3", records)
        settings = SyslogSettings(
            "127.0.0.1", server.port, "tls" if tls else "tcp", ca_file=str(pki.ca) if pki else None
        )
        sink = SyslogSink(settings, connect)
        started = time.perf_counter()
        result = sink.pass_once(journal)
        sent_s = time.perf_counter() - started
        arrived = len(server.wait_for(records, 120))
        arrived_s = time.perf_counter() - started
        sink.close()
    finally:
        server.stop()
    return {
        "protocol": settings.protocol,
        "records": result.sent,
        "sent s": sent_s,
        "sent/s": result.sent / sent_s,
        "arrived": arrived,
        "arrived s": arrived_s,
        "arrived/s": arrived / arrived_s,
    }


def _time_commits(journal: Journal, commits: int) -> list[float]:
    times = []
    for n in range(commits):
        started = time.perf_counter()
        journal.record(incident(n))
        times.append((time.perf_counter() - started) * 1000)
    return times


def _row(label: str, times: list[float], extra: dict[str, Any]) -> dict[str, Any]:
    cuts = statistics.quantiles(times, n=100)
    return {"sink": label, "commits": len(times), "p50 ms": cuts[49], "p95 ms": cuts[94]} | {
        "p99 ms": cuts[98],
        **extra,
    }


def bench_commit(work: Path, backlog: int, commits: int) -> list[dict[str, Any]]:
    """Commit latency with a `backlog` of unsent records: sink off, then catching up (TLS)."""
    pki = make_pki(work / "pki-commit")
    server = Rsyslog(work / "rsyslog-commit", pki)
    server.start()
    rows = []
    try:
        off = _fill(work / "commit-off.sqlite3", backlog)
        idle = {"sent meanwhile": 0, "still sending at end": False}
        rows.append(_row("off", _time_commits(off, commits), idle))
        path = work / "commit-on.sqlite3"
        _fill(path, backlog).close()
        settings = SyslogSettings("127.0.0.1", server.port, "tls", ca_file=str(pki.ca))
        sent: list[int] = []

        def ship() -> None:  # the keeper thread's pass, on its own connection
            sink = SyslogSink(settings, connect)
            sent.append(sink.pass_once(Journal(path)).sent)
            sink.close()

        shipper = threading.Thread(target=ship)
        journal = Journal(path)
        shipper.start()
        times = _time_commits(journal, commits)
        overlapped = shipper.is_alive()
        shipper.join()
        extra = {"sent meanwhile": sent[0] if sent else 0, "still sending at end": overlapped}
        rows.append(_row("catching up", times, extra))
    finally:
        server.stop()
    return rows


def _table(rows: list[dict[str, Any]]) -> str:
    keys = list(rows[0])
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for row in rows:
        cells = [f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--commits", type=int, default=1_000)
    parser.add_argument("--json", help="also save the numbers to this file")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="pw-syslog-bench-") as tmp:
        work = Path(tmp)
        throughput = [bench_throughput(work, args.records, tls) for tls in (False, True)]
        commit = bench_commit(work, args.records, args.commits)
    print(f"## Syslog sink: {args.records:,} records to rsyslog on loopback\n")
    print(_table(throughput))
    print(f"\n## Paste path: journal commit with a {args.records:,}-record backlog\n")
    print(_table(commit))
    if args.json:
        Path(args.json).write_text(json.dumps({"throughput": throughput, "commit": commit}))


if __name__ == "__main__":
    main()
