"""Speed and memory of the detector: prints one markdown table, never asserts.

Measures, on generated clinic-like text (bench/clinic_text.py):
- p50/p95 latency of `Scanner().scan` for 300 B, 3 KB, 30 KB and 1 MB texts with the
  default (interactive) time budget, and whether the scans completed;
- one 1 MB scan with no budget (how long a full scan really takes);
- in fresh interpreters: import time of `detectors.scanner`, engine build time and
  the first scan;
- peak RSS of a process that builds the scanner and scans the 1 MB text.

With `--against REV` it prints, for this tree and for commit REV measured alternately
in one run (bench/speed_compare.py), the fresh-process import, engine build and first
scan times and the 3 KB and 30 KB latency.

usage: python bench/speed.py [--json FILE] [--against REV]
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from clinic_text import clinic_text
from deadline import add_deadline, run_bench, step
from machine import reference_ms
from speed_compare import child_latency, side_by_side

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(1, str(REPO))  # this tree's detectors, not an installed copy
SIZES = [("300 B", 300, 50), ("3 KB", 3_000, 30), ("30 KB", 30_000, 20), ("1 MB", 1_000_000, 3)]
STARTUP_RUNS = 3


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: honest with few samples)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def latency_rows() -> list[dict[str, Any]]:
    """Scan `runs` different texts of each size in this process after one warm-up scan.

    Each run gets its own text: the name and place recognizers cache the tokens of the
    last few texts, and a clipboard is new text every time.
    """
    from detectors.scanner import Scanner

    scanner = Scanner()
    scanner.scan(clinic_text(3_000, seed=99))
    rows = []
    for label, chars, runs in SIZES:
        texts = [clinic_text(chars, seed=chars + run) for run in range(runs)]
        times, complete = [], 0
        for text in texts:
            started = time.perf_counter()
            report = scanner.scan(text)
            times.append((time.perf_counter() - started) * 1000)
            complete += report.complete
        rows.append(_latency_row(label, times, complete, runs, len(report.findings)))
    rows.append(_unbudgeted_1mb(scanner))
    return rows


def _latency_row(
    label: str, times: list[float], complete: int, runs: int, findings: int
) -> dict[str, Any]:
    return {
        "case": f"scan {label}",
        "runs": runs,
        "p50_ms": round(percentile(times, 50), 1),
        "p95_ms": round(percentile(times, 95), 1),
        "complete": f"{complete}/{runs}",
        "findings": findings,
    }


def _unbudgeted_1mb(scanner: Any) -> dict[str, Any]:
    text = clinic_text(1_000_000, seed=1_000_000)
    started = time.perf_counter()
    report = scanner.scan(text, budget_s=math.inf)
    elapsed = (time.perf_counter() - started) * 1000
    return _latency_row("1 MB, no budget", [elapsed], int(report.complete), 1, len(report.findings))


def child_startup() -> dict[str, float]:
    """Run in a fresh interpreter: import, build and first-scan times in ms."""
    t0 = time.perf_counter()
    from detectors.scanner import Scanner

    t1 = time.perf_counter()
    scanner = Scanner()
    t2 = time.perf_counter()
    scanner.scan(clinic_text(300, seed=1))
    t3 = time.perf_counter()
    return {
        "import_ms": (t1 - t0) * 1000,
        "build_ms": (t2 - t1) * 1000,
        "first_ms": (t3 - t2) * 1000,
    }


def child_rss() -> dict[str, float]:
    """Run in a fresh interpreter: peak RSS (MB) after building and after a 1 MB scan."""
    from detectors.scanner import Scanner

    scanner = Scanner()
    built = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = scanner.scan(clinic_text(1_000_000, seed=1_000_000))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"built_mb": built, "peak_mb": peak, "complete": float(report.complete)}


def _child(mode: str, tree: Path | None) -> Any:
    if mode == "latency":
        return child_latency(tree or REPO)
    return child_startup() if mode == "startup" else child_rss()


def run_child(mode: str) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", mode],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode} failed: {proc.stderr[-2000:]}")
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def process_rows() -> list[dict[str, Any]]:
    """Startup (median of fresh interpreters) and memory rows."""
    runs = [run_child("startup") for _ in range(STARTUP_RUNS)]
    rows = [
        _timing_row("import detectors.scanner (fresh process)", [r["import_ms"] for r in runs]),
        _timing_row("Scanner() engine build (fresh process)", [r["build_ms"] for r in runs]),
        _timing_row("first scan, 300 B (fresh process)", [r["first_ms"] for r in runs]),
    ]
    rss = run_child("rss")
    rows.append({"case": "RSS after Scanner()", "value": f"{rss['built_mb']:.0f} MB"})
    rows.append(
        {
            "case": "peak RSS, Scanner() + 1 MB scan",
            "value": f"{rss['peak_mb']:.0f} MB",
            "complete": "yes" if rss["complete"] else "no",
        }
    )
    return rows


def _timing_row(case: str, values: list[float]) -> dict[str, Any]:
    return {
        "case": case,
        "runs": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 95), 1),
    }


def reference_row() -> dict[str, Any]:
    """The machine's current speed (bench/machine.py): its phase changes timings ~1.6x."""
    return _timing_row("reference: fixed pure-Python loop (machine speed)", reference_ms())


def markdown(rows: list[dict[str, Any]]) -> str:
    columns = ["case", "runs", "p50_ms", "p95_ms", "complete", "findings", "value"]
    headers = ["case", "runs", "p50 ms", "p95 ms", "complete", "findings", "value"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", type=Path, help="also save the numbers to this file")
    parser.add_argument("--against", metavar="REV", help="compare latency with commit REV")
    parser.add_argument("--child", choices=["startup", "rss", "latency"], help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)
    add_deadline(parser, 600)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.tree)))
        return 0
    return run_bench(lambda: _bench(args), "bench/speed.py", args.deadline)


def _bench(args: argparse.Namespace) -> int:
    step("timing scans")
    if args.against:
        rows = [reference_row(), *side_by_side(Path(__file__), REPO, args.against)]
        rows.append(reference_row())
    else:
        rows = [reference_row(), *latency_rows(), *process_rows(), reference_row()]
    print(f"## Detector speed ({sys.platform}, Python {sys.version.split()[0]})\n")
    print(markdown(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
