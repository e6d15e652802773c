"""Frozen bundle vs venv: bundle size, start-to-protecting time and resident memory.

    python bench/bundle_bench.py [--exe build/bundle/dist/PasteWarden/pastewarden]

Needs an X display with a window manager (e.g. inside scripts/test.sh's display, or
`xvfb-run -a`) and a built bundle (installer/build.py linux). "Protecting" means the
tray's own status answer says protecting, or degraded only by the journal's memory-only
key (a headless box without a keyring always has that). The bench asks the tray the way
`run --status` does, over its single-instance socket (app/ui/instance.py), but directly
from this process every 20 ms: an earlier version ran `pastewarden run --status` in a
loop, which put a whole CLI start-up (~1-2 s frozen) into the figure.
Prints a table (median of --runs); asserts nothing (bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deadline import BenchStopped, add_deadline, run_bench, step

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from app.ui.instance import server_name  # noqa: E402  (the tray's socket name)

DEFAULT_EXE = REPO / "build" / "bundle" / "dist" / "PasteWarden" / "pastewarden"
VENV_CMD = [sys.executable, "-m", "app"]  # the source tree, with this interpreter


def folder_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def ask_status(home: str) -> dict[str, object] | None:
    """The tray's status JSON over its QLocalServer socket, or None when not answering."""
    os.environ["PASTEWARDEN_HOME"] = home  # server_name() hashes the data folder
    path = Path(tempfile.gettempdir()) / server_name()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.settimeout(2.0)
            client.connect(str(path))
            client.sendall(b"status\n")
            reply = b""
            while not reply.endswith(b"\n") and (chunk := client.recv(65536)):
                reply += chunk
    except OSError:
        return None
    answer = json.loads(reply) if reply.strip().startswith(b"{") else None
    return answer if isinstance(answer, dict) else None


def protecting(status: dict[str, object] | None) -> bool:
    """Protecting, or degraded only by the memory-only journal key."""
    if status is None or status.get("state") not in ("protecting", "degraded"):
        return False
    reasons = status.get("degraded", [])
    return isinstance(reasons, list) and all(str(r).startswith("Journal: ") for r in reasons)


def measure(command: list[str], timeout_s: float = 60.0) -> tuple[float, float]:
    """Seconds from launch to protecting, and RSS (MB) once protecting."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PASTEWARDEN_HOME": home}
        if command[0] == sys.executable:  # `python -m app` runs this source tree
            env["PYTHONPATH"] = str(REPO)
        env.pop("QT_QPA_PLATFORM", None)
        started = time.monotonic()
        app = subprocess.Popen([*command, "run"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            while not protecting(ask_status(home)):
                if time.monotonic() - started > timeout_s or app.poll() is not None:
                    return float("nan"), float("nan")
                time.sleep(0.02)
            elapsed = time.monotonic() - started
            time.sleep(1.0)  # let start-up allocations settle before reading RSS
            return elapsed, rss_mb(app.pid)
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=15)


def median_of(command: list[str], runs: int) -> tuple[float, float]:
    results = [measure(command) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE)
    parser.add_argument("--runs", type=int, default=3, help="median of this many starts")
    add_deadline(parser, 600)
    args = parser.parse_args()
    return run_bench(lambda: _bench(args), "bench/bundle_bench.py", args.deadline)


def _bench(args: argparse.Namespace) -> int:
    if not args.exe.exists():
        raise BenchStopped(
            f"no bundle at {args.exe}: build it with `python installer/build.py linux` "
            "(or run bash scripts/test.sh, which builds it once), or pass --exe"
        )
    if not os.environ.get("DISPLAY"):
        raise BenchStopped("needs an X display (xvfb-run -a python bench/bundle_bench.py)")
    step("starting the tray until it says protecting")
    size = folder_mb(args.exe.parent)
    frozen_s, frozen_rss = median_of([str(args.exe)], args.runs)
    venv_s, venv_rss = median_of(VENV_CMD, args.runs)
    print(f"bundle size: {size:.0f} MB (goal <= 250 MB)")
    print(f"{'':8} {'start to protecting':>20} {'RSS':>9}   (median of {args.runs})")
    print(f"{'frozen':8} {frozen_s:>18.2f} s {frozen_rss:>6.0f} MB   (goal <= 4 s)")
    print(f"{'venv':8} {venv_s:>18.2f} s {venv_rss:>6.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
