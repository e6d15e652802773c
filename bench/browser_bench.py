"""Browser companion speed and memory in real Chromium. Prints a table; never asserts.

Runs the real tray and Debian's Chromium with the companion (the fixtures' code from
tests/browser) on $DISPLAY (scripts/test.sh's, or an Xvfb + openbox started by hand),
against the stand-in site over HTTPS on loopback.
- Paste latency: a harmless text of 300 B and of 3 KB is put on the clipboard with xclip
  and pasted with Ctrl+V; the page measures from the Ctrl+V keydown's event time to the
  input event (one clock: the page's). Side by side: the guarded chatgpt.com (the
  companion asks the tray, which scans) and example.org (not guarded: the baseline).
- Memory: the extension's own process (Chromium's --extension-process renderer that runs
  its service worker): RSS and PSS from /proc. The content script lives in each guarded
  page's renderer and is not separable there.

usage: DISPLAY=:N python bench/browser_bench.py [--trials 30]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
from browser_support import POLICY, Desk, wait_for  # noqa: E402
from conftest import _env  # noqa: E402
from stand_in_site import Site  # noqa: E402

SENTENCE = "the quarterly meeting agenda covers budget review and staffing plans. "


def harmless(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def start(tmp: Path) -> Desk:
    for folder in ("home", "tmp", "userhome", "profile"):
        (tmp / folder).mkdir()
    (tmp / "policy.json").write_text(json.dumps(POLICY), encoding="utf-8")
    site = Site(tmp, ["chatgpt.com", "example.org"])
    desk = Desk(_env(tmp), tmp, site)
    desk.start_tray()
    setup = desk.pw("browser", "setup", "--browser", "chromium",
                    "--user-data-dir", str(tmp / "profile"), "--json")  # fmt: skip
    desk.extension_dir = Path(json.loads(setup)["extension_dir"])
    desk.start_chromium()
    wait_for(lambda: desk.companions(), 30, "the companion")
    return desk


def paste_ms(desk: Desk, text: str) -> float:
    desk.site.clear()  # type: ignore[attr-defined]
    desk.paste(text)
    found = wait_for(
        lambda: [r for r in desk.reports("input") if r.get("ms") is not None], 20, "the paste"
    )
    ms = float(found[0]["ms"])  # type: ignore[index]
    desk.key("ctrl+a", "Delete")
    return ms


def _checks(desk: Desk) -> int:
    """How many checks the tray answered (proves the guarded pastes went through it)."""
    return sum(int(c.get("checks", 0)) for c in desk.companions())


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def extension_memory(desk: Desk) -> tuple[float, float]:
    """(RSS MiB, PSS MiB) of this Chromium's extension process, or (nan, nan)."""
    assert desk.browser is not None
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()  # Chromium rewrites it: one string
            if b"--extension-process" not in cmdline or not _descends(proc, desk.browser.pid):
                continue
            rollup = (proc / "smaps_rollup").read_text()
        except OSError:
            continue
        values = {k: int(v.split()[0]) for k, v in
                  (line.split(":", 1) for line in rollup.splitlines()[1:])}  # fmt: skip
        return values["Rss"] / 1024, values["Pss"] / 1024
    return float("nan"), float("nan")


def _descends(proc: Path, ancestor: int) -> bool:
    pid = int(proc.name)
    while pid > 1:
        if pid == ancestor:
            return True
        stat = Path(f"/proc/{pid}/stat").read_text()
        pid = int(stat.rsplit(")", 1)[1].split()[1])
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30)
    trials = parser.parse_args().trials
    with tempfile.TemporaryDirectory() as folder:
        desk = start(Path(folder))
        try:
            rows = []
            before = _checks(desk)
            for size in (300, 3000):
                text = harmless(size)
                row = [f"{size} B"]
                for url in ("https://chatgpt.com/c/bench", "https://example.org/"):
                    desk.navigate(url)
                    paste_ms(desk, text)  # warm-up
                    times = [paste_ms(desk, text) for _ in range(trials)]
                    row += [f"{statistics.median(times):.0f}", f"{p95(times):.0f}"]
                rows.append(row)
            rss, pss = extension_memory(desk)
            checks = _checks(desk) - before
        finally:
            desk.stop_browser()
            if desk.tray is not None:
                desk.stop_tray()
            desk.site.stop()  # type: ignore[attr-defined]
    print(f"Paste latency, Ctrl+V keydown to the page's input event, {trials} pastes each (ms)")
    print(f"{'text':>8} | {'guarded p50':>11} {'guarded p95':>11} | "
          f"{'baseline p50':>12} {'baseline p95':>12}")  # fmt: skip
    for size, g50, g95, b50, b95 in rows:
        print(f"{size:>8} | {g50:>11} {g95:>11} | {b50:>12} {b95:>12}")
    print("guarded: chatgpt.com (companion -> native host -> tray scan); baseline: example.org")
    print(f"Extension process memory: RSS {rss:.1f} MiB, PSS {pss:.1f} MiB")
    print(f"Checks the tray answered for the guarded pastes: {checks}")
    print("target: guarded p95 <= 150 ms")


if __name__ == "__main__":
    main()
