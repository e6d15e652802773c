"""Tray app speed under Xvfb: reaction time, idle CPU, RSS and start time. Prints; never asserts.

Runs the real `pastewarden run` on a private Xvfb + openbox + trayer (bench/x_desktop.py, when
DISPLAY is unset) with a test policy, a fake "ChatGPT - Google Chrome" window and a fake
"Epic Hyperspace" window (tests/e2e/fake_window.py).
- Reaction, copy: a 3 KB PHI text is copied with xclip while ChatGPT is in front; time
  from xclip owning CLIPBOARD to the app owning it (XFixes SetSelectionOwnerNotify, both
  seen by one listener, so both ends share one clock).
- Reaction, switch: the text is copied while Epic is in front, then ChatGPT is activated;
  time from the root's _NET_ACTIVE_WINDOW PropertyNotify to the app owning CLIPBOARD.
- Idle: CPU (utime + stime from /proc) over `--idle` seconds with no activity; RSS after
  detection is loaded; start: process spawn to the log line "state protecting".

The tray keeps its journal key in the same test-only file keyring as the end-to-end
tests (tests/support/journal_testkit.FileKeyring), so a machine without a keyring
service still reaches "protecting". Every wait has a limit and the whole run a
deadline (--deadline): a tray that never protects, a missing tool or a lost event ends
the run with one line saying which, never a hang.

usage: python bench/tray_bench.py [--trials 50] [--idle 60] [--deadline 900]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from clinic_text import clinic_text
from deadline import BenchStopped, add_deadline, run_bench, step
from x_desktop import Listener, need, start_display

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
from e2e_support import DIALOG_NAME, POLICY  # noqa: E402  (the e2e test policy)

PW = [sys.executable, "-m", "app"]  # this source tree, with this interpreter
TOOLS = ("xdotool", "xclip")
START_LIMIT_S = 60.0


def run(*args: str, text: str | None = None) -> str:
    done = subprocess.run(args, input=text, capture_output=True, text=True, timeout=30, check=False)
    return done.stdout.strip()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def close_dialog() -> None:
    wid = ""
    for _ in range(200):
        wid = run("xdotool", "search", "--name", DIALOG_NAME)
        if wid:
            break
        time.sleep(0.02)
    if not wid:
        raise BenchStopped("the warning dialog did not appear within 4 s of the block")
    first = wid.split()[0]
    run("xdotool", "windowactivate", "--sync", first, "key", "Escape")
    for _ in range(200):
        if not run("xdotool", "search", "--name", DIALOG_NAME):
            return
        time.sleep(0.02)


def copy(text: str) -> None:
    subprocess.run(["xclip", "-selection", "clipboard"], input=text.encode(), check=True)


def trial_texts(n: int) -> list[str]:
    out = []
    for i in range(n):
        head = f"Pt Ms. Rosalind Vance, DOB 04/{(i % 28) + 1:02d}/19{50 + i % 40}. "
        out.append(head + clinic_text(3_000 - len(head), seed=i))
    return out


def measure_copy(listener: Listener, chat: str, texts: list[str]) -> list[float]:
    run("xdotool", "windowactivate", "--sync", chat)
    times = []
    for text in texts:
        listener.drain()
        copy(text)
        t0, _ = listener.next("owner")
        t1, _ = listener.next("owner")
        times.append((t1 - t0) * 1000)
        close_dialog()
    return times


def measure_switch(listener: Listener, chat: str, epic: str, texts: list[str]) -> list[float]:
    times = []
    for text in texts:
        run("xdotool", "windowactivate", "--sync", epic)
        copy(text)
        time.sleep(0.15)
        listener.drain()
        run("xdotool", "windowactivate", chat)
        t0, _ = listener.next("active")
        t1, _ = listener.next("owner")
        times.append((t1 - t0) * 1000)
        close_dialog()
    return times


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def app_env(tmp: Path, repo: Path = REPO) -> dict[str, str]:
    """A private home, and the e2e tests' file keyring for the journal's chain key.

    `repo` is the source tree to run (another commit's worktree for a side-by-side run).
    """
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    paths = [str(repo), str(REPO / "tests" / "support"), env.get("PYTHONPATH", "")]
    env |= {
        "PASTEWARDEN_HOME": str(tmp / "home"),
        "TMPDIR": str(tmp),
        "PYTHONPATH": os.pathsep.join(filter(None, paths)),
        "PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
        "PW_TEST_KEYRING_FILE": str(tmp / "keyring.json"),
    }
    return env


def start_app(tmp: Path, repo: Path = REPO) -> tuple[subprocess.Popen[bytes], float]:
    step("waiting for the tray to say 'state protecting'")
    log = tmp / "home" / "logs" / "pastewarden.log"
    started = time.perf_counter()
    app = subprocess.Popen([*PW, "run", "--policy", str(tmp / "policy.json")],
                           env=app_env(tmp, repo), cwd=repo, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)  # fmt: skip
    while not (log.exists() and "state protecting" in log.read_text()):
        if app.poll() is not None:
            err = (app.stderr.read() if app.stderr else b"").decode(errors="replace").strip()
            raise BenchStopped(f"the tray exited with {app.returncode}: {err[-300:]}")
        if time.perf_counter() - started > START_LIMIT_S:
            app.terminate()
            raise BenchStopped(
                f"the tray did not reach 'protecting' in {START_LIMIT_S:.0f} s "
                f"(last state: {last_state(log)})"
            )
        time.sleep(0.01)
    return app, time.perf_counter() - started


def last_state(log: Path) -> str:
    """The tray's last logged state (the log holds states and tool ids, never PHI)."""
    lines = log.read_text().splitlines() if log.exists() else []
    states = [line.rsplit("state ", 1)[1] for line in lines if " state " in line]
    return states[-1] if states else "none logged"


def window(title: str, klass: str) -> tuple[subprocess.Popen[str], str]:
    script = str(REPO / "tests" / "e2e" / "fake_window.py")
    proc = subprocess.Popen(
        [sys.executable, script, title, klass], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def table(rows: list[tuple[str, str, str]]) -> None:
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--idle", type=float, default=60.0)
    add_deadline(parser, 900)
    args = parser.parse_args()
    return run_bench(lambda: bench(args), "bench/tray_bench.py", args.deadline)


def bench(args: argparse.Namespace) -> None:
    need(TOOLS)
    procs = [] if os.environ.get("DISPLAY") else start_display()
    try:
        measured = measure_all(args)
    finally:
        for proc in procs:
            proc.terminate()
    print_results(args, *measured)


def measure_all(args: argparse.Namespace) -> tuple[list[float], list[float], float, float, float]:
    """(copy ms, switch ms, idle CPU %, RSS MB, start s) from one tray run."""
    tmp = Path(tempfile.mkdtemp(prefix="pw-bench-"))
    (tmp / "policy.json").write_text(json.dumps(POLICY))
    children: list[subprocess.Popen[Any]] = []
    try:
        step("opening the stand-in ChatGPT and Epic windows")
        chat_proc, chat = window("ChatGPT - Google Chrome", "google-chrome")
        epic_proc, epic = window("Epic Hyperspace", "epic")
        children += [chat_proc, epic_proc]
        app, start_s = start_app(tmp)
        children.insert(0, app)
        listener = Listener()
        listener.start()
        step("timing copies while ChatGPT is in front")
        copy_ms = measure_copy(listener, chat, trial_texts(args.trials))
        step("timing switches to ChatGPT with PHI on the clipboard")
        switch_ms = measure_switch(listener, chat, epic, trial_texts(args.trials))
        rss = rss_mb(app.pid)
        step("measuring idle CPU")
        time.sleep(3)
        before, t0 = cpu_seconds(app.pid), time.perf_counter()
        time.sleep(args.idle)
        idle = (cpu_seconds(app.pid) - before) / (time.perf_counter() - t0) * 100
    finally:
        for proc in children:
            proc.terminate()
            proc.wait(timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)
    return copy_ms, switch_ms, idle, rss, start_s


def print_results(
    args: argparse.Namespace,
    copy_ms: list[float],
    switch_ms: list[float],
    idle: float,
    rss: float,
    start_s: float,
) -> None:
    n = args.trials
    table([
        (f"copy while ChatGPT in front → replaced, p50 / p95 (n={n}, 3 KB PHI)",
         f"{percentile(copy_ms, .5):.0f} / {percentile(copy_ms, .95):.0f} ms", "p95 ≤ 150 ms"),
        (f"ChatGPT comes to front → replaced, p50 / p95 (n={n}, 3 KB PHI)",
         f"{percentile(switch_ms, .5):.0f} / {percentile(switch_ms, .95):.0f} ms", "p95 ≤ 150 ms"),
        (f"idle CPU over {args.idle:.0f} s", f"{idle:.2f} % of one core", "≤ 1 %"),
        ("RSS with detection loaded", f"{rss:.0f} MB", "≤ 300 MB"),
        ("start → protecting", f"{start_s:.2f} s", "≤ 4 s"),
    ])  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
