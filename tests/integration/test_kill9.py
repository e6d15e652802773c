"""kill -9 at random points of commit and sync, 100 times: nothing committed is ever lost.

A child process commits and syncs in a loop and prints each commit after `record`
returned; the parent SIGKILLs it after a random short delay, then starts the next
child on the same journal and central folder. At the end one clean sync runs, and
every commit the children reported must be central exactly once (same event_id at
that seq), the reader must accept no corrupt line, and the chain must verify.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import keyring
import pytest
from journal_testkit import SUPPORT_DIR, FileKeyring, child_env

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.store import Journal
from app.core.journal.verify import verify_journal
from app.core.review.reader import read_central

TRIALS = 100


def _trial(central: Path, env: dict[str, str], rng: random.Random) -> dict[int, str]:
    proc = subprocess.Popen(
        [sys.executable, str(SUPPORT_DIR / "device_child.py"), "loop", str(central)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the child is up and committing
    assert first.startswith("C "), proc.stderr.read() if proc.stderr else ""
    time.sleep(rng.uniform(0.0, 0.12))
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    committed = {}
    for line in [first, *rest.splitlines()]:
        parts = line.split()
        if len(parts) == 3:  # a line cut by the kill is not a confirmed commit
            committed[int(parts[1])] = parts[2]
    return committed


@pytest.mark.slow
def test_kill9_during_commit_and_sync_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    env = child_env(tmp_path / "home", tmp_path / "keyring.json")
    rng = random.Random(20250501)
    committed: dict[int, str] = {}
    for _ in range(TRIALS):
        found = _trial(central, env, rng)
        assert not set(found) & set(committed), "a seq was handed out twice"
        committed |= found
    monkeypatch.setenv("PW_TEST_KEYRING_FILE", env["PW_TEST_KEYRING_FILE"])
    keyring.set_keyring(FileKeyring())
    journal = Journal(tmp_path / "home" / "data" / "journal.sqlite3")
    assert sync_once(journal, LocalFS(central)).ok
    report = verify_journal(journal)
    assert report.ok and report.mac_checked == report.checked, report.problems
    review = read_central(LocalFS(central))
    assert review.problems == []
    central_ids = {r["seq"]: r["event_id"] for r in review.records}
    assert len(central_ids) == len(review.records)  # exactly once after dedupe
    assert {seq: central_ids.get(seq) for seq in committed} == committed
    assert len(committed) > TRIALS
