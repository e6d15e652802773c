"""The reviewer's read with and without the audit key, side by side; prints, never asserts.

A central folder of 20 workstations (100,000 records by default) is sealed forward as
the journal does (a seed per workstation escrowed to an audit key, a key per record),
then read three ways in one run: the window's first read (digests after the rows), the
checked read, and the checked read with the audit key (every escrow opened, every key
derived, every MAC checked). Each is run `--runs` times; best and worst are shown with
the reference loop of bench/machine.py.
Run: .venv/bin/python bench/audit_bench.py [--records N] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from machine import reference_median_s
from review_bench import _event

from app.backends.central_folders import LocalFS
from app.core.central.sync import anchor_name, segment_name
from app.core.journal import chain
from app.core.journal.audit_key import AuditPrivate, generate
from app.core.journal.forward_key import PREFIX, escrow_name, evolve, seal_seed
from app.core.journal.record_body import AgentInfo, build_body
from app.core.review.reader import read_central


def build_folder(root: Path, total: int, audit: AuditPrivate, devices: int = 20) -> None:
    """Forward-sealed segments, escrows and anchors, as the sync leaves them."""
    start = datetime.now(UTC) - timedelta(days=60)
    per = total // devices
    for d in range(devices):
        device, seed, escrow_id = str(uuid.uuid4()), uuid.uuid4().bytes * 2, uuid.uuid4().hex
        folder = root / "incidents" / device
        folder.mkdir(parents=True)
        (folder / escrow_name(escrow_id)).write_bytes(
            seal_seed(seed, audit.public, device, 1, escrow_id)
        )
        agent, key, mac, lines = AgentInfo(f"user{d % 7}", f"WS-{d:02d}", "0"), seed, "0" * 64, []
        for seq in range(1, per + 1):
            when = (start + timedelta(minutes=(seq * 60 * 24 * 60) // per)).isoformat()[:23] + "Z"
            body = build_body(_event(seq + d), device, seq, mac, when, agent)
            record = chain.seal(body | {"key_id": PREFIX + escrow_id, "key_store": "keyring"}, key)
            mac, key = record["mac"], evolve(key)
            lines.append(chain.canonical(record).decode())
        for first in range(0, per, 1000):
            data = ("\n".join(lines[first : first + 1000]) + "\n").encode()
            last = first + len(lines[first : first + 1000])
            (folder / segment_name(first + 1, last, data)).write_bytes(data)
        anchor = {"device_id": device, "seq": per, "mac": mac, "key_id": "x", "tag": "x"}
        (folder / anchor_name(per)).write_bytes(chain.canonical(anchor) + b"\n")


_ROWS_FIRST = {"check_digests": False}


def _timed(action: Callable[[], object], runs: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return min(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    audit = generate()
    with tempfile.TemporaryDirectory() as work:
        root = Path(work)
        build_folder(root, args.records, audit)
        fs = LocalFS(root)
        print(f"reference loop: {reference_median_s():.3f} s")
        print(f"{'read':<44} {'best s':>7} {'worst s':>8}  result")
        reads: list[tuple[str, Callable[[], object]]] = [
            ("window's first read (digests after rows)", partial(read_central, fs, **_ROWS_FIRST)),
            ("checked read (digests, chains)", lambda: read_central(fs)),
            ("checked read + audit key (every MAC)", lambda: read_central(fs, audit=[audit])),
        ]
        for name, action in reads:
            best, worst, review = _timed(action, args.runs)
            shown = f"{len(review.records)} records, {len(review.problems)} problems"  # type: ignore[attr-defined]
            print(f"{name:<44} {best:7.2f} {worst:8.2f}  {shown}")
        print(f"reference loop: {reference_median_s():.3f} s")


if __name__ == "__main__":
    main()
