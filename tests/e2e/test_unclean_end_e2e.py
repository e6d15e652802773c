"""The real tray killed with SIGKILL, then started again as the watchdog would: the journal
and the central folder show the protection gap; a SIGTERM is a clean stop instead.

The app runs as `python -m app run` on the X display of scripts/test.sh with its own
home, policy and central folder. After each step the test reads the local journal
(SQLite, read-only) and the JSONL segments the tray shipped to the central folder:
- kill -9, restart: `unclean_end` then `started`, with the gap (from the previous run's
  last record to the new start) at least as long as the tray was really down;
- SIGTERM: exit 0 (a watchdog does not restart it), `stopped` reaches the central folder
  before the process ends, and the next start journals no `unclean_end`; SIGHUP likewise.
The review window's gap listing is built elsewhere; these assertions are on the records.
A second test pauses through the real tray menu (keyboard, as a user would) with a limit
of one pause a day: the next pause is refused, also after a restart; then Quit from the
menu exits 0 with a `quit` record.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from e2e_support import HERE, POLICY, ROOT, tray_icon_geometry, wait_for

DOWN_S = 2.0  # how long the tray stays dead before the "watchdog" starts it again


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",)}
    path = [str(ROOT), str(HERE.parent / "support"), env.get("PYTHONPATH", "")]
    env |= {
        "PASTEWARDEN_HOME": str(tmp / "home"),
        "TMPDIR": str(tmp),
        "PASTEWARDEN_POLICY": str(tmp / "policy.json"),
        "PYTHONPATH": os.pathsep.join(filter(None, path)),
        "PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
        "PW_TEST_KEYRING_FILE": str(tmp / "keyring.json"),
    }
    return env


class Tray:
    """Starts and stops `python -m app run`; reads what it journaled and shipped."""

    def __init__(self, tmp: Path, **extra: object) -> None:
        self.tmp, self.env = tmp, _env(tmp)
        self.central = tmp / "central"
        (self.central / "incidents").mkdir(parents=True)
        policy = POLICY | {"central": {"folder": str(self.central)}} | extra
        (tmp / "policy.json").write_text(json.dumps(policy), encoding="utf-8")
        self.proc: subprocess.Popen[bytes] | None = None

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "app", "run"], env=self.env,
                                     cwd=ROOT, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)  # fmt: skip
        wait_for(lambda: self.state() == "protecting", 60, "the tray protecting")

    def state(self) -> str:
        out = self.cli("run", "--status").stdout
        return str(json.loads(out).get("state")) if out.startswith("{") else ""

    def journal(self) -> list[dict[str, Any]]:
        path = self.tmp / "home" / "data" / "journal.sqlite3"
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute("SELECT line FROM records ORDER BY seq").fetchall()
        return [json.loads(line) for (line,) in rows]

    def shipped(self) -> list[dict[str, Any]]:
        lines = [line for segment in sorted(self.central.rglob("seg-*.jsonl"))
                 for line in segment.read_text(encoding="utf-8").splitlines() if line]  # fmt: skip
        return sorted((json.loads(line) for line in lines), key=lambda r: r["seq"])


def states(records: list[dict[str, Any]]) -> list[str]:
    return [r["state"] for r in records if r["kind"] == "agent_state"]


def when(record: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(record["time"].replace("Z", "+00:00"))


@pytest.fixture
def tray_factory(tmp_path: Path) -> Iterator[Callable[..., Tray]]:
    if not os.environ.get("DISPLAY"):
        pytest.fail("tests/e2e need an X display: run them through scripts/test.sh")
    made: list[Tray] = []

    def make(**extra: object) -> Tray:
        made.append(Tray(tmp_path, **extra))
        return made[-1]

    try:
        yield make
    finally:
        for tray in made:
            if tray.proc is not None and tray.proc.poll() is None:
                tray.proc.send_signal(signal.SIGTERM)
                tray.proc.wait(timeout=30)


@pytest.fixture
def tray(tray_factory: Callable[..., Tray]) -> Tray:
    return tray_factory()


def test_kill9_then_restart_journals_the_gap_and_sigterm_does_not(tray: Tray) -> None:
    tray.start()
    wait_for(lambda: "started" in states(tray.shipped()), 30, "started in the central folder")
    assert tray.proc is not None
    tray.proc.send_signal(signal.SIGKILL)
    assert tray.proc.wait(timeout=30) == -signal.SIGKILL
    killed_at = time.time()
    last_before = tray.journal()[-1]  # the previous run's last record: the gap starts here
    time.sleep(DOWN_S)
    restarted_at = time.time()
    tray.start()

    records = tray.journal()
    at = next(i for i, r in enumerate(records) if r["seq"] == last_before["seq"])
    after = records[at + 1 :]
    assert [r["state"] for r in after[:2]] == ["unclean_end", "started"]
    unclean, started = after[0], after[1]
    assert unclean["seq"] == last_before["seq"] + 1  # the gap's start is the record before
    gap = (when(started) - when(last_before)).total_seconds()
    assert gap >= restarted_at - killed_at - 0.5, (gap, restarted_at - killed_at)
    assert gap < restarted_at - killed_at + 60  # from this kill, not from an older record
    wait_for(lambda: "unclean_end" in states(tray.shipped()), 30, "unclean_end shipped at once")
    _the_review_shows_the_gap(tray, last_before, started)

    tray.proc.send_signal(signal.SIGTERM)
    assert tray.proc.wait(timeout=30) == 0  # exit 0: a watchdog does not restart a stop
    assert states(tray.journal())[-1] == "stopped"
    assert states(tray.shipped())[-1] == "stopped"  # shipped before the process ended
    tray.start()
    final = states(tray.journal())
    assert final[-2:] == ["stopped", "started"] and final.count("unclean_end") == 1
    tray.proc.send_signal(signal.SIGHUP)  # a hang-up is a stop too, not a kill
    assert tray.proc.wait(timeout=30) == 0
    assert states(tray.journal())[-1] == "stopped"


def _the_review_shows_the_gap(
    tray: Tray, last_before: dict[str, Any], started: dict[str, Any]
) -> None:
    """The office manager's reader over the central folder lists the kill as a gap."""
    from app.backends.central_folders import open_central
    from app.core.review.gaps import by_device, protection_gaps
    from app.core.review.reader import read_central

    def gaps() -> list[Any]:
        review = read_central(open_central(str(tray.central)))
        return [g for g in protection_gaps(by_device(review.records)) if g.end is not None]

    found = wait_for(lambda: gaps(), 30, "the gap in the review")
    assert isinstance(found, list) and len(found) == 1
    [gap] = found
    assert (gap.cause, gap.start, gap.end) == ("unclean_end", last_before["time"], started["time"])


def _menu_item(tray: Tray, downs: int) -> None:
    """Open the tray icon's menu with a right click and pick the item `downs` rows down."""

    def x(*args: str) -> str:
        done = subprocess.run(args, env=tray.env, capture_output=True, text=True, timeout=20)
        return done.stdout.strip()

    found = wait_for(lambda: tray_icon_geometry(x), 30, "the icon inside the tray host")
    left, top, width, _height = found  # type: ignore[misc]
    x("xdotool", "mousemove", str(left + width - 12), str(top + 12), "click", "3")
    wait_for(lambda: x("xdotool", "search", "--onlyvisible", "--class", "pastewarden"),
             15, "the tray menu")  # fmt: skip
    time.sleep(0.5)
    for _ in range(downs):
        x("xdotool", "key", "Down")
    x("xdotool", "key", "Return")


PAUSE_ROW = 3  # status line (disabled), Check some text…, Review incidents, Pause …
QUIT_ROW = 5  # … About PasteWarden, Quit


def _not_near_midnight() -> None:
    """Pauses are counted per local day: do not start a minute before the day ends."""
    now = datetime.now().astimezone()
    left = (24 * 3600) - (now.hour * 3600 + now.minute * 60 + now.second)
    if left < 120:
        time.sleep(left + 1)


def test_pause_limit_survives_a_restart_and_quit_exits_0(
    tray_factory: Callable[..., Tray],
) -> None:
    _not_near_midnight()
    tray = tray_factory(agent={"pause_minutes": 5, "pauses_per_day": 1})
    tray.start()
    _menu_item(tray, PAUSE_ROW)
    wait_for(lambda: tray.state() == "paused", 20, "the tray paused")
    _menu_item(tray, PAUSE_ROW)  # now "Resume protection"
    wait_for(lambda: tray.state() == "protecting", 20, "protection resumed")
    _menu_item(tray, PAUSE_ROW)  # the second pause of the day: refused
    wait_for(lambda: "pause_limit_reached" in states(tray.journal()), 20, "the refusal")
    assert tray.state() == "protecting"
    assert tray.proc is not None
    tray.proc.send_signal(signal.SIGTERM)
    assert tray.proc.wait(timeout=30) == 0
    tray.start()  # the day's count comes from the journal, not from the process
    _menu_item(tray, PAUSE_ROW)
    wait_for(lambda: states(tray.journal()).count("pause_limit_reached") == 2, 20, "refused")
    assert tray.state() == "protecting"
    assert states(tray.journal()).count("paused") == 1
    wait_for(lambda: states(tray.shipped()).count("pause_limit_reached") == 2, 20, "shipped")
    shipped = states(tray.shipped())
    assert shipped.count("paused") == 1 and "resumed" in shipped
    log = (tray.tmp / "home" / "logs" / "pastewarden.log").read_text(encoding="utf-8")
    assert log.count("pause refused: limit_reached") == 2
    _menu_item(tray, QUIT_ROW)  # offered: this policy is not IT's managed file
    assert tray.proc.wait(timeout=30) == 0  # exit 0: a watchdog does not restart a Quit
    assert states(tray.journal())[-1] == "quit" and states(tray.shipped())[-1] == "quit"
