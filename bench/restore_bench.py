"""Quarantine first, then scan: how fast the notice replaces a copy, and a clean one comes back.

The real tray on a private Xvfb + openbox + trayer (started when DISPLAY is unset), with
the stand-in ChatGPT window in front. For each size, a text is copied with xclip and the
CLIPBOARD owner changes are timed (XFixes, one clock), from xclip owning the clipboard:
- PHI notice: a text with a patient's name and birth date, to PasteWarden's notice;
- harmless notice and restored: a harmless text, to the notice and to the original
  restored after the clean verdict. A text that cannot be scanned within the 1.5 s
  budget is not restored (the dialog says it could not be checked); the cell says so,
  and "not replaced" means the clipboard was never touched.
`--baseline REV` runs the same measures on an earlier commit in the same run (a temporary
git worktree), side by side.

    python bench/restore_bench.py [--trials N] [--baseline REV]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from deadline import BenchStopped, add_deadline, run_bench, step
from tray_bench import POLICY, REPO, close_dialog, percentile, start_app, window
from x_desktop import Listener, need, start_display

SIZES = (("300 B", 300), ("3 KB", 3_000), ("30 KB", 30_000), ("2 MB", 2_000_000),
         ("50 MB", 50_000_000))  # fmt: skip
HARMLESS = "Please summarise our hand hygiene policy for the front desk team in plain words. "
WAIT_S = 8.0


def harmless(size: int, trial: int) -> str:
    text = f"Draft {trial}. " + HARMLESS * (size // len(HARMLESS) + 1)
    return text[:size]


Timings = tuple[list[float], int]  # milliseconds, and how many trials had no such change


def with_phi(size: int, trial: int) -> str:
    head = f"Pt Ms. Rosalind Vance, DOB 04/{trial % 28 + 1:02d}/1951. "
    return head + harmless(size - len(head), trial)


def owner_after(listener: Listener, t0: float) -> float | None:
    """Milliseconds from t0 to the next owner change, or None when none came."""
    try:
        at, _ = listener.next("owner", timeout=WAIT_S)
    except BenchStopped:
        return None
    return (at - t0) * 1000


def one_copy(listener: Listener, text: str) -> tuple[float | None, float | None]:
    """(ms to the notice, ms to the restore) for one copy; None where it did not happen."""
    listener.drain()
    subprocess.run(["xclip", "-selection", "clipboard"], input=text.encode(), check=True,
                   timeout=60)  # fmt: skip
    t0, _ = listener.next("owner")
    notice = owner_after(listener, t0)
    restore = owner_after(listener, t0) if notice is not None else None
    if notice is not None and restore is None:
        close_dialog()  # blocked (PHI) or not checked in time: a dialog is open
    return notice, restore


def measure(listener: Listener, chat: str, size: int, trials: int) -> list[Timings]:
    """[PHI notice, harmless notice, harmless restored] for one size."""
    cells: list[list[float | None]] = [[], [], []]
    subprocess.run(["xdotool", "windowactivate", "--sync", chat], check=False, timeout=20)
    for trial in range(trials):
        cells[0].append(one_copy(listener, with_phi(size, trial))[0])
        notice, restore = one_copy(listener, harmless(size, trial))
        cells[1].append(notice)
        cells[2].append(restore)
    return [([v for v in c if v is not None], sum(v is None for v in c)) for c in cells]


def run_tray(repo: Path, trials: int) -> dict[str, list[Timings]]:
    tmp = Path(tempfile.mkdtemp(prefix="pw-restore-"))
    (tmp / "policy.json").write_text(json.dumps(POLICY))
    chat_proc, chat = window("ChatGPT - Google Chrome", "google-chrome")
    app = None
    try:
        app, _ = start_app(tmp, repo)
        listener = Listener()
        listener.start()
        results = {}
        for label, size in SIZES:
            step(f"timing {label} copies ({repo.name})")
            results[label] = measure(listener, chat, size, trials)
        return results
    finally:
        for proc in (app, chat_proc):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=15)
        shutil.rmtree(tmp, ignore_errors=True)


def cell(timings: Timings, missing: str) -> str:
    values, none = timings
    if not values:
        return missing
    shown = f"{percentile(values, 0.5):.0f} / {percentile(values, 0.95):.0f} ms"
    return shown + (f" ({none} {missing})" if none else "")


def bench(args: argparse.Namespace) -> None:
    need(("xdotool", "xclip"))
    procs = [] if __import__("os").environ.get("DISPLAY") else start_display()
    runs = {"this tree": REPO}
    worktree = None
    if args.baseline:
        worktree = Path(tempfile.mkdtemp(prefix="pw-baseline-")) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(worktree),
                        args.baseline], check=True, capture_output=True)  # fmt: skip
        runs = {f"baseline {args.baseline}": worktree, **runs}
    try:
        results = {name: run_tray(repo, args.trials) for name, repo in runs.items()}
    finally:
        if worktree is not None:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(worktree)],
                           check=False, capture_output=True)  # fmt: skip
        for proc in procs:
            proc.terminate()
    print(f"p50 / p95 over {args.trials} copies each, ChatGPT in front\n")
    heads = [f"{n}: {c}" for n in results for c in ("PHI notice", "harmless notice", "restored")]
    print("| size | " + " | ".join(heads) + " |")
    print("|---|" + "---|" * len(heads))
    for label, _ in SIZES:
        row = []
        for data in results.values():
            phi, notice, restore = data[label]
            row += [cell(phi, "not replaced"), cell(notice, "not replaced"),
                    cell(restore, "not restored")]  # fmt: skip
        print(f"| {label} | " + " | ".join(row) + " |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--baseline", metavar="REV", help="also measure this commit")
    add_deadline(parser, 1200)
    args = parser.parse_args()
    return run_bench(lambda: bench(args), "bench/restore_bench.py", args.deadline)


if __name__ == "__main__":
    sys.exit(main())
