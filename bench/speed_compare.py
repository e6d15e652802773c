"""Startup and scan latency of this tree and of another commit, side by side in one run.

The shared VM's speed changes by ~1.6x from minute to minute, so two tables taken
apart cannot be compared. `python bench/speed.py --against REV` extracts REV with
`git archive` into a temporary folder (no worktree, no change to the repository) and
runs the same child on both trees, alternating, several rounds each. Each child is a
fresh interpreter: it times the import of detectors.scanner, the engine build and the
first 300 B scan, then scans the same generated texts every round. The table prints
p50/p95 per tree and case.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

from clinic_text import clinic_text

ROUNDS = 5
STARTUP = ("import detectors.scanner", "Scanner() engine build", "import + engine build")
FIRST_SCAN = "first scan, 300 B"
SIZES = [("3 KB", 3_000, 20), ("30 KB", 30_000, 10)]


def extract(repo: Path, rev: str, into: Path) -> Path:
    """The source tree of `rev` under `into` (detectors/ and what it imports)."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", rev, "detectors"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def child_latency(tree: Path) -> dict[str, list[float]]:
    """Run in a fresh interpreter: startup ms, then ms per scan for each size, from `tree`."""
    sys.path.insert(0, str(tree))
    started = time.perf_counter()
    from detectors.scanner import Scanner

    imported = time.perf_counter()
    scanner = Scanner()
    built = time.perf_counter()
    scanner.scan(clinic_text(300, seed=1))
    first = time.perf_counter()
    seconds = (imported - started, built - imported, built - started, first - built)
    times = {case: [s * 1000] for case, s in zip((*STARTUP, FIRST_SCAN), seconds, strict=True)}
    scanner.scan(clinic_text(3_000, seed=99))
    for label, chars, runs in SIZES:
        for run in range(runs):
            text = clinic_text(chars, seed=chars + run)
            started = time.perf_counter()
            scanner.scan(text)
            times.setdefault(f"scan {label}", []).append((time.perf_counter() - started) * 1000)
    return times


def _run_child(script: Path, tree: Path) -> dict[str, list[float]]:
    proc = subprocess.run(
        [sys.executable, str(script), "--child", "latency", "--tree", str(tree)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"latency child for {tree} failed: {proc.stderr[-2000:]}")
    result: dict[str, list[float]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def side_by_side(script: Path, repo: Path, rev: str) -> list[dict[str, Any]]:
    """Rows of p50/p95 for `rev` and for this tree, from alternating child runs."""
    from speed import percentile

    with tempfile.TemporaryDirectory(prefix="pw-speed-") as folder:
        trees = {rev: extract(repo, rev, Path(folder)), "this tree": repo}
        samples: dict[tuple[str, str], list[float]] = {}
        for _ in range(ROUNDS):
            for name, tree in trees.items():
                for label, values in _run_child(script, tree).items():
                    samples.setdefault((name, label), []).extend(values)
    order = [*STARTUP, FIRST_SCAN, *(f"scan {label}" for label, _, _ in SIZES)]
    return [
        {
            "case": f"{label}, {name}",
            "runs": len(values),
            "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1),
        }
        for (name, label), values in sorted(
            samples.items(), key=lambda kv: (order.index(kv[0][1]), kv[0][0] == "this tree")
        )
    ]
