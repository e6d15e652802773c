"""A hostile central folder: the reader never crashes, never reads unbounded, never loses
the other workstations' records. Each attack is planted beside two honest devices; the
whole read also runs in a child process under an address-space limit (prlimit)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from journal_testkit import edit_segment_line, synced_device

from app.backends.central_folders import LocalFS
from app.core.journal.store import Journal
from app.core.review.limits import ReadLimits
from app.core.review.reader import read_central

ROOT = Path(__file__).resolve().parents[3]
HONEST = 12  # records per honest device


def _device(tmp_path: Path, central: Path, name: str, n: int = HONEST) -> Journal:
    journal: Journal = synced_device(tmp_path, central, name, n)
    return journal


@pytest.fixture
def honest(tmp_path: Path, central: Path) -> list[Journal]:
    return [_device(tmp_path, central, "a"), _device(tmp_path, central, "b")]


def _victim(tmp_path: Path, central: Path) -> Path:
    """A third device whose folder the attacks are planted in."""
    return central / "incidents" / _device(tmp_path, central, "victim", 8).device_id


def _honest_rows_load(central: Path, honest: list[Journal]) -> list[str]:
    review = read_central(LocalFS(central))
    for journal in honest:
        assert review.devices[journal.device_id].problems == []
        mine = [r for r in review.records if r["device_id"] == journal.device_id]
        assert len(mine) == HONEST
    return review.problems


def _plant_everything(tmp_path: Path, central: Path) -> Path:
    """Every attack of the list at once, in one victim's folder and beside it."""
    victim = _victim(tmp_path, central)
    first = sorted(victim.glob("seg-*.jsonl"))[0]
    (victim / "seg-000000000101-000000000104.jsonl").symlink_to("/dev/zero")
    huge = victim / "seg-000000000201-000000000204.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(3 << 30)  # sparse: 3 GB to read, nothing on disk
    (victim / "seg-000000000001-999999999999.jsonl").write_bytes(first.read_bytes())
    (victim / "seg-000000000301-000000000304.jsonl").mkdir()
    (victim / "head.json").unlink(missing_ok=True)  # agents now write head-<seq>.json
    (victim / "head.json").write_text('{"seq": 1e999, "mac": "00"}')
    (central / "incidents" / "notes.txt").write_text("a plain file")
    (central / "incidents" / "linked").symlink_to("/")
    return victim


def test_every_attack_at_once_is_a_problem_and_the_others_load(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    victim = _plant_everything(tmp_path, central)
    problems = _honest_rows_load(central, honest)
    name = victim.name
    expected = [
        "incidents/notes.txt: a plain file, not a workstation folder",
        "incidents/linked: a link or special file, not a workstation folder",
        f"{name}: seg-000000000101-000000000104.jsonl not read: a link or special file",
        f"{name}: seg-000000000201-000000000204.jsonl not read: larger than",
        f"{name}: seg-000000000301-000000000304.jsonl not read: a folder",
        f"{name}: head anchor corrupt",
        f"{name}: seg-000000000001-999999999999.jsonl: 999999999995 record(s) missing",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)


_CHILD = """
import json, sys
from pathlib import Path
from app.backends.central_folders import LocalFS
from app.core.review.reader import read_central
review = read_central(LocalFS(Path(sys.argv[1])))
peak = open("/proc/self/status").read().split("VmPeak:")[1].split()[0]
print(json.dumps({"records": len(review.records), "problems": len(review.problems),
                  "peak_kb": int(peak)}))
"""


def test_the_whole_hostile_read_stays_under_a_memory_limit(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    _plant_everything(tmp_path, central)
    limit = 600 << 20  # address space: the old reader needed 3 GB for the huge file alone
    proc = subprocess.run(
        ["prlimit", f"--as={limit}", sys.executable, "-c", _CHILD, str(central)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["records"] >= 2 * HONEST and result["problems"] >= 7
    assert result["peak_kb"] < limit >> 10


def test_one_line_with_a_bad_time_rejects_that_line_only(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    victim = _victim(tmp_path, central)
    segment = sorted(victim.glob("seg-*.jsonl"))[0]
    edit_segment_line(segment, 1, time="yesterday at noon")  # digest recomputed
    problems = _honest_rows_load(central, honest)
    assert f"{victim.name}: {segment.name}: seq 2: time is not a UTC timestamp" in problems
    review = read_central(LocalFS(central))
    kept = [r["seq"] for r in review.records if r["device_id"] == victim.name]
    assert kept == [1, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize(
    "changes",
    [
        {"time": "2026-02-31T10:00:00.000Z"},  # no such day
        {"tool": ["chatgpt"]},
        {"detections": [{"type": "SSN", "count": "7", "max_score": 1}]},
        {"policy": [1]},
        {"justification": "text"},
        {"justification": {"code": 7, "text": "x"}},
        {"detections": [{"type": "SSN", "count": 1}]},
    ],
)
def test_a_field_of_the_wrong_type_rejects_that_line_only(
    tmp_path: Path, central: Path, honest: list[Journal], changes: dict[str, object]
) -> None:
    victim = _victim(tmp_path, central)
    segment = sorted(victim.glob("seg-*.jsonl"))[0]
    edit_segment_line(segment, 0, **changes)
    problems = _honest_rows_load(central, honest)
    assert any(p.startswith(f"{victim.name}: {segment.name}: seq 1: ") for p in problems)


@pytest.mark.parametrize(
    "anchor",
    [b'{"seq": 1e999}', b'{"seq": "8", "mac": "x"}', b"[" * 50_000, b'{"seq": true}', b"\xff"],
)
def test_a_hostile_head_anchor_is_corrupt_not_fatal(
    tmp_path: Path, central: Path, honest: list[Journal], anchor: bytes
) -> None:
    victim = _victim(tmp_path, central)
    (victim / "head.json").write_bytes(anchor)
    assert f"{victim.name}: head anchor corrupt" in _honest_rows_load(central, honest)


def test_head_json_as_a_folder_or_a_link(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    victim = _victim(tmp_path, central)
    (victim / "head.json").unlink(missing_ok=True)  # agents now write head-<seq>.json
    (victim / "head.json").mkdir()
    problems = _honest_rows_load(central, honest)
    assert f"{victim.name}: head.json not read: a folder, not a regular file" in problems
    (victim / "head.json").rmdir()
    (victim / "head.json").symlink_to("/dev/zero")
    assert f"{victim.name}: head anchor corrupt" in _honest_rows_load(central, honest)


def test_a_device_folder_that_is_a_link_is_not_followed(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "seg-000000000001-000000000001.jsonl").parent.mkdir()
    (elsewhere / "seg-000000000001-000000000001.jsonl").symlink_to("/dev/zero")
    (central / "incidents" / "borrowed").symlink_to(elsewhere)
    problems = _honest_rows_load(central, honest)
    assert "incidents/borrowed: a link or special file, not a workstation folder" in problems


def test_a_fifo_named_like_a_segment_does_not_hang(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    victim = _victim(tmp_path, central)
    os.mkfifo(victim / "seg-000000000401-000000000401.jsonl")
    problems = _honest_rows_load(central, honest)
    assert any("seg-000000000401-000000000401.jsonl not read" in p for p in problems)


def test_past_the_total_limit_segments_are_left_as_problems(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    folder = central / "incidents" / min(j.device_id for j in honest)  # read first
    two = sum(p.stat().st_size for p in sorted(folder.glob("seg-*"))[:2])
    head = next(folder.glob("head-*.json")).stat().st_size
    review = read_central(LocalFS(central), limits=ReadLimits(total_bytes=two + head))
    assert len(review.records) == 8
    assert any("not read: the reader's total limit is used up" in p for p in review.problems)


def test_a_line_longer_than_any_record_is_corrupt(
    tmp_path: Path, central: Path, honest: list[Journal]
) -> None:
    victim = _victim(tmp_path, central)
    segment = sorted(victim.glob("seg-*.jsonl"))[0]
    edit_segment_line(segment, 2, user="x" * 100_000)
    assert f"{victim.name}: {segment.name}: line 3 is corrupt" in _honest_rows_load(central, honest)
