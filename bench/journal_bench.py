"""Journal, sync and reader speed against the issue #5 targets; prints tables, never asserts.

- commit: p50/p95/p99 of `Journal.record` (WAL, synchronous=FULL, one fsync'd transaction);
- sync: one `sync_once` of 10,000 pending records into a local folder (1,000 per segment);
- reader: `read_central` + `write_derived` over 100 devices × 1,000 records.
The reader's 100 devices are sealed in memory (the same code path as the journal, minus
SQLite) so the benchmark does not spend minutes fsyncing 100,000 commits first.

`--keyring both` measures only the commit, with forward sealing off (device key) and on
(an audit key: each record also reads the forward key from the keyring and writes the
next one), in the bench's in-memory keyring and in a real Secret Service
(gnome-keyring-daemon in a private D-Bus session, bench/keyring_session.py; the bench
runs itself again inside it). The four journals take turns in batches of 25 records,
so the machine's load falls on all alike; each journal's first record (opening the
database, beginning the forward-sealing epoch) is not timed.
Run: .venv/bin/python bench/journal_bench.py [--commits N] [--keyring both] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deadline import add_deadline, run_bench, step
from keyring_session import run_in_keyring_session, secret_service
from machine import reference_ms

from app.backends.central_folders import LocalFS
from app.core.central.sync import segment_name, sync_once
from app.core.journal import chain, forward_store
from app.core.journal.audit_key import generate
from app.core.journal.incident import Detection, IncidentEvent, ToolRef
from app.core.journal.key import SERVICE
from app.core.journal.record_body import AgentInfo, build_body
from app.core.journal.store import Journal
from app.core.review.reader import read_central, write_derived

TARGETS = {"commit p95 ms": 20.0, "sync 10k s": 10.0, "reader 100x1000 s": 5.0}
BATCH = 25  # records per turn when several journals take turns
EVENT = IncidentEvent(
    kind="incident",
    action="blocked",
    enforcement="clipboard_quarantine",
    tool=ToolRef("chatgpt", "consumer_ai", "chatgpt.com", "chrome"),
    policy_version=3,
    policy_signed=True,
    detections=(Detection("NAME", 2, 0.85), Detection("DATE", 1, 0.95)),
    chars_bucket="100-999",
)


class _BenchKeyring(KeyringBackend):
    """In-memory keyring: headless Linux has none (DESIGN.md §8)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


def _time_records(journal: Journal, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        journal.record(EVENT)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _percentiles(times: list[float]) -> dict[str, Any]:
    cuts = statistics.quantiles(times, n=100)
    return {"commits": len(times), "p50 ms": cuts[49], "p95 ms": cuts[94], "p99 ms": cuts[98]}


def bench_commit(work: Path, commits: int) -> dict[str, Any]:
    return _percentiles(_time_records(Journal(work / "commit.sqlite3"), commits))


@dataclass
class _Setup:
    """One journal of the keyring comparison, with the keyring it runs against."""

    keyring: str
    backend: KeyringBackend
    journal: Journal
    sealing: bool
    times: list[float] = field(default_factory=list)


def _setups(work: Path, backends: dict[str, KeyringBackend]) -> list[_Setup]:
    audit = generate().public
    setups = []
    for number, (name, backend) in enumerate(backends.items()):
        keyring.set_keyring(backend)
        for sealing in (False, True):
            path = work / f"keyring-{number}-{sealing}.sqlite3"
            journal = Journal(path, audit=audit if sealing else None)
            journal.record(EVENT)  # untimed: opens the database, begins the epoch
            setups.append(_Setup(name, backend, journal, sealing))
    return setups


def bench_keyrings(work: Path, backends: dict[str, KeyringBackend], commits: int) -> list[dict]:
    """Commit times per keyring × sealing, the journals taking turns in batches."""
    setups = _setups(work, backends)
    for turn in range(math.ceil(commits / BATCH)):
        step(f"timing commits, turn {turn + 1} of {math.ceil(commits / BATCH)}")
        count = min(BATCH, commits - turn * BATCH)
        first = turn % len(setups)  # who goes first rotates, too
        for setup in setups[first:] + setups[:first]:
            keyring.set_keyring(setup.backend)
            setup.times.extend(_time_records(setup.journal, count))
            forward_store.flush(10.0)  # queued key writes go to this backend, not the next
    return [_keyring_row(setup) for setup in setups]


def _keyring_row(setup: _Setup) -> dict[str, Any]:
    """The setup's numbers, and whether its keyring really holds the next forward key."""
    journal = setup.journal
    return {
        "keyring": setup.keyring,
        "forward sealing": "on" if setup.sealing else "off",
        "key store": journal.key.store,
        **_percentiles(setup.times),
        "next key in keyring": _next_key_stored(setup) if setup.sealing else "–",
        "problems": "; ".join(journal.degraded) or "none",
    }


def _next_key_stored(setup: _Setup) -> str:
    """Whether the keyring holds the key for the next record, once the queued writes
    (made off the recording thread, app.core.journal.forward_store) have landed."""
    journal = setup.journal
    if not forward_store.flush(10.0):
        return "NO (writes still queued after 10 s)"
    try:
        state = setup.backend.get_password(SERVICE, f"journal-forward/{journal.device_id}")
    except keyring.errors.KeyringError as error:
        return f"NO ({type(error).__name__})"
    return "yes" if state and json.loads(state)["seq"] == journal.head()["seq"] + 1 else "NO"


def bench_sync(work: Path, records: int) -> dict[str, float]:
    journal = Journal(work / "sync.sqlite3")
    for _ in range(records):
        journal.record(EVENT)
    central = work / "central-sync"
    (central / "incidents").mkdir(parents=True)
    started = time.perf_counter()
    result = sync_once(journal, LocalFS(central))
    elapsed = time.perf_counter() - started
    return {"records": result.records, "segments": result.segments, "seconds": elapsed}


def _sealed_device(count: int, agent: AgentInfo) -> tuple[str, list[str]]:
    device, key, mac, lines = str(uuid.uuid4()), uuid.uuid4().bytes * 2, chain.GENESIS_MAC, []
    for seq in range(1, count + 1):
        body = build_body(EVENT, device, seq, mac, "2025-05-01T12:00:00.000Z", agent)
        record = chain.seal(body | {"key_id": chain.key_id(key), "key_store": "keyring"}, key)
        mac = record["mac"]
        lines.append(chain.canonical(record).decode())
    return device, lines


def bench_reader(work: Path, devices: int, per_device: int) -> dict[str, float]:
    central = work / "central-read"
    agent = AgentInfo("bench", "bench-host", "0")
    for _ in range(devices):
        device, lines = _sealed_device(per_device, agent)
        folder = central / "incidents" / device
        folder.mkdir(parents=True)
        for first in range(0, per_device, 250):  # 4 segments per device
            chunk = lines[first : first + 250]
            name = segment_name(first + 1, first + len(chunk))
            (folder / name).write_text("\n".join(chunk) + "\n")
        last = json.loads(lines[-1])  # the head anchor the sync would have written
        anchor = {
            "device_id": device,
            "seq": last["seq"],
            "mac": last["mac"],
            "key_id": "",
            "tag": "",
        }
        (folder / "head.json").write_bytes(chain.canonical(anchor))
    started = time.perf_counter()
    review = read_central(LocalFS(central))
    read_s = time.perf_counter() - started
    write_derived(LocalFS(central), review)
    total = time.perf_counter() - started
    return {
        "records": len(review.records),
        "problems": len(review.problems),
        "read s": read_s,
        "read+write s": total,
    }


def _table(title: str, rows: list[dict[str, Any]], target: str) -> None:
    print(f"\n### {title}  (target: {target})\n")
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "---|" * len(rows[0]))
    for row in rows:
        cells = (f"{v:.2f}" if isinstance(v, float) else str(v) for v in row.values())
        print("| " + " | ".join(cells) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument(
        "--keyring",
        choices=["both"],
        help="only the commit, sealing off/on, in-memory vs. Secret Service keyring",
    )
    parser.add_argument("--in-session", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also save the numbers here")
    add_deadline(parser, 600)
    args = parser.parse_args()
    return run_bench(lambda: _bench(args), "bench/journal_bench.py", args.deadline)


def _bench(args: argparse.Namespace) -> int | None:
    if args.keyring and not args.in_session:
        step("running the bench again in a private D-Bus session with gnome-keyring")
        argv = [__file__, "--keyring", args.keyring, "--in-session", "--commits", str(args.commits)]
        argv += ["--deadline", str(max(args.deadline - 15, 1))]  # it stops first, and says why
        return run_in_keyring_session(argv + (["--json", args.json] if args.json else []))
    if args.keyring:
        return _bench_keyrings(args)
    step("timing journal commits, a sync and the reader")
    keyring.set_keyring(_BenchKeyring())
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as tmp:
        work = Path(tmp)
        results = {
            "commit": bench_commit(work, args.commits),
            "sync": bench_sync(work, 10_000),
            "reader": bench_reader(work, 100, 1000),
        }
    _table("Journal commit (WAL, synchronous=FULL)", [results["commit"]], "p95 ≤ 20 ms")
    _table("Sync of 10,000 records to a local folder", [results["sync"]], "≤ 10 s")
    _table("Reader over 100 devices × 1,000 records", [results["reader"]], "≤ 5 s")
    _save(args.json, results)
    return None


def _bench_keyrings(args: argparse.Namespace) -> None:
    step("waiting for the Secret Service")
    service, daemon = secret_service()
    backends = {"in-memory (bench)": _BenchKeyring(), "Secret Service (gnome-keyring)": service}
    before = statistics.median(reference_ms())
    with tempfile.TemporaryDirectory(prefix="pw-bench-") as tmp:
        rows = bench_keyrings(Path(tmp), backends, args.commits)
    after = statistics.median(reference_ms())
    title = (
        f"Journal commit by keyring and forward sealing, turns of {BATCH} "
        f"(reference loop {before:.0f} ms before, {after:.0f} ms after)"
    )
    _table(title, rows, f"p95 ≤ {TARGETS['commit p95 ms']:.0f} ms")
    print(f"\n{daemon.report()}")
    _save(args.json, {"keyring commit": rows, "reference ms": [before, after]})


def _save(path: str | None, results: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
