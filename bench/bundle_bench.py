"""Frozen bundle vs venv: bundle size, start-to-protecting time and resident memory.

    python bench/bundle_bench.py [--exe build/bundle/dist/PasteWarden/pastewarden]

Needs an X display with a window manager (e.g. inside scripts/test.sh's display, or
`xvfb-run -a`) and a built bundle (installer/build.py linux). "Protecting" means the
tray answers `run --status` and its only degraded reasons (if any) are the journal's
memory-only key, which a headless box without a keyring always has. Prints a table;
asserts nothing (bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EXE = REPO / "build" / "bundle" / "dist" / "PasteWarden" / "pastewarden"
VENV_CMD = [str(REPO / ".venv" / "bin" / "pastewarden")]


def folder_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def ready(command: list[str], env: dict[str, str]) -> bool:
    """The running tray is protecting (a memory-only journal key is tolerated)."""
    done = subprocess.run([*command, "run", "--status"], env=env, capture_output=True,
                          text=True, timeout=20, check=False)  # fmt: skip
    if done.returncode != 0 or not done.stdout.startswith("{"):
        return False
    status = json.loads(done.stdout)
    reasons = status.get("degraded", [])
    return status.get("state") in ("protecting", "degraded") and all(
        str(r).startswith("Journal: ") for r in reasons
    )


def measure(command: list[str], timeout_s: float = 60.0) -> tuple[float, float]:
    """Seconds from launch to protecting, and RSS (MB) once protecting."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "PASTEWARDEN_HOME": home}
        env.pop("QT_QPA_PLATFORM", None)
        started = time.monotonic()
        app = subprocess.Popen([*command, "run"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            while not ready(command, env):
                if time.monotonic() - started > timeout_s or app.poll() is not None:
                    return float("nan"), float("nan")
                time.sleep(0.1)
            elapsed = time.monotonic() - started
            time.sleep(1.0)  # let start-up allocations settle before reading RSS
            return elapsed, rss_mb(app.pid)
        finally:
            app.send_signal(signal.SIGTERM)
            app.wait(timeout=15)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("needs an X display (xvfb-run -a python bench/bundle_bench.py)", file=sys.stderr)
        return 2
    size = folder_mb(args.exe.parent)
    frozen_s, frozen_rss = measure([str(args.exe)])
    venv_s, venv_rss = measure(VENV_CMD)
    print(f"bundle size: {size:.0f} MB (goal <= 250 MB)")
    print(f"{'':8} {'start to protecting':>20} {'RSS':>9}")
    print(f"{'frozen':8} {frozen_s:>18.2f} s {frozen_rss:>6.0f} MB   (goal <= 4 s)")
    print(f"{'venv':8} {venv_s:>18.2f} s {venv_rss:>6.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
