"""8 processes as 8 devices, 500 incidents each, syncing concurrently into one folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from journal_testkit import SUPPORT_DIR, child_env

from app.backends.central_folders import LocalFS
from app.core.review.reader import read_central, write_derived

DEVICES, PER_DEVICE = 8, 500


@pytest.mark.slow
def test_eight_devices_concurrently_give_exactly_4000_records(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(SUPPORT_DIR / "device_child.py"),
                "burst",
                str(PER_DEVICE),
                str(central),
            ],
            env=child_env(tmp_path / f"dev{n}", tmp_path / f"keyring{n}.json"),
            stderr=subprocess.PIPE,
        )
        for n in range(DEVICES)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()[-2000:]
    review = read_central(LocalFS(central))
    assert review.problems == []
    write_derived(LocalFS(central), review)
    lines = (central / "incidents.jsonl").read_text().splitlines()
    assert len(lines) == DEVICES * PER_DEVICE
    keys = [(r["device_id"], r["seq"]) for r in map(json.loads, lines)]
    assert len(set(keys)) == DEVICES * PER_DEVICE
    assert len({d for d, _ in keys}) == DEVICES
    csv_rows = (central / "incidents.csv").read_text("utf-8-sig").splitlines()
    assert len(csv_rows) == DEVICES * PER_DEVICE + 1
