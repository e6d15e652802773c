"""Every bench ends on a machine with no keyring service and no display: it finishes
with its table, or stops with one clear line (exit 2: cannot run here and why; exit 3:
its deadline, naming what it was waiting for). Never a hang, never a traceback.

The benches run as real processes from the repository root with DISPLAY, WAYLAND_DISPLAY
and QT_QPA_PLATFORM removed and the keyring forced to keyring's always-failing backend.
The tray bench starts its own Xvfb, openbox and trayer (scripts/test.sh installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 400  # the test's own limit; each bench gets a shorter --deadline


def bench(
    tmp_path: Path, script: str, *args: str, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env |= {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "HOME": str(tmp_path)}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, f"bench/{script}", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )


def _one_clear_line(done: subprocess.CompletedProcess[str], script: str) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"bench/{script}: stopped"), done.stderr
    return lines[0]


def test_tray_bench_reaches_protecting_without_a_keyring_or_display(tmp_path: Path) -> None:
    missing = [t for t in ("Xvfb", "openbox", "trayer", "xdotool", "xclip") if not shutil.which(t)]
    if missing:
        pytest.fail(f"needs {missing}: run through bash scripts/test.sh, which installs them")
    done = bench(tmp_path, "tray_bench.py", "--trials", "2", "--idle", "1", "--deadline", "300")
    assert done.returncode == 0, done.stderr
    assert "| start → protecting |" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_deadline_stops_a_bench_with_what_it_was_doing(tmp_path: Path) -> None:
    done = bench(tmp_path, "speed.py", "--deadline", "2")
    assert done.returncode == 3
    line = _one_clear_line(done, "speed.py")
    assert "2 s deadline while timing scans" in line and "--deadline" in line


def test_eval_without_the_evaluation_data_says_where_to_point_it(tmp_path: Path) -> None:
    done = bench(tmp_path, "eval.py", "--shared", str(tmp_path / "nowhere"))
    assert done.returncode == 2
    assert "--shared DIR" in _one_clear_line(done, "eval.py")


def test_bundle_bench_without_a_bundle_says_how_to_build_one(tmp_path: Path) -> None:
    done = bench(tmp_path, "bundle_bench.py", "--exe", str(tmp_path / "none" / "pastewarden"))
    assert done.returncode == 2
    assert "installer/build.py linux" in _one_clear_line(done, "bundle_bench.py")


def test_keyring_bench_without_gnome_keyring_says_what_to_install(tmp_path: Path) -> None:
    done = bench(tmp_path, "journal_bench.py", "--keyring", "both", path=str(tmp_path))
    assert done.returncode == 2
    line = _one_clear_line(done, "journal_bench.py")
    assert "dbus-run-session and gnome-keyring-daemon not found" in line
    assert "apt-get install dbus gnome-keyring" in line


def test_quick_benches_finish_with_their_tables(tmp_path: Path) -> None:
    match = bench(tmp_path, "match_speed.py", "--windows", "50", "--rounds", "1")
    assert match.returncode == 0 and "|" in match.stdout, match.stderr
    review = bench(tmp_path, "review_bench.py", "--records", "300", "--no-report")
    assert review.returncode == 0 and "OPEN total" in review.stdout, review.stderr
    journal = bench(tmp_path, "journal_bench.py", "--commits", "20", "--deadline", "120")
    assert journal.returncode in (0, 3), journal.stderr  # 0: table; 3: the one-line stop
    if journal.returncode == 0:
        assert "Journal commit" in journal.stdout
    else:
        _one_clear_line(journal, "journal_bench.py")


SWALLOWED = """
import sys, time
sys.path.insert(0, "bench")
from deadline import run_bench, step

class Slow:
    def __del__(self):
        time.sleep(0.6)  # the alarm lands here, where Python ignores exceptions

def main():
    step("finalising")
    Slow()
    print("table")
    return 0

sys.exit(run_bench(main, "bench/x.py", 0.2))
"""


def test_a_deadline_swallowed_by_a_finaliser_still_ends_the_bench(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SWALLOWED], cwd=ROOT, capture_output=True,
                          text=True, timeout=TIMEOUT_S, check=False)  # fmt: skip
    assert done.returncode == 3
    line = _one_clear_line(done, "x.py")
    assert "0 s deadline while finalising" in line
