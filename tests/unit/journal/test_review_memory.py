"""Nothing hidden silently: this reviewer machine remembers every workstation and the
highest seq it verified, so a cut tail with a rewritten head.json, a deleted
workstation folder and a head moved back are findings even though the folder then looks
whole. `incidents export --write` on such a folder still writes, marks the rows and
exits 3."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from journal_testkit import synced_device

from app.backends.central_folders import LocalFS
from app.cli import main
from app.core.central.sync import anchor_name
from app.core.journal.store import Journal
from app.core.review.export import FLAGGED
from app.core.review.memory import Seen, findings, load_memory, memory_path, remembered
from app.core.review.reader import read_central
from app.core.review.source import central_source


def _cut_tail_and_rewrite_head(central: Path, journal: Journal) -> None:
    """Delete the last segment and the anchors, and anchor the new last record instead."""
    folder = central / "incidents" / journal.device_id
    segments = sorted(folder.glob("seg-*.jsonl"))
    segments[-1].unlink()
    last = json.loads(segments[-2].read_bytes().splitlines()[-1])
    anchors = sorted(folder.glob("head-*.json"))
    head = json.loads(anchors[-1].read_text())
    for anchor in anchors:
        anchor.unlink()
    head.update(seq=last["seq"], mac=last["mac"])  # the tag needs the key: never checked here
    (folder / anchor_name(last["seq"])).write_text(json.dumps(head))


def _export(central: Path, *extra: str) -> int:
    return main(["incidents", "export", "--central", str(central), "--format", "csv", *extra])


@pytest.fixture
def two(tmp_path: Path, central: Path, home: Path) -> tuple[Journal, Journal]:
    return synced_device(tmp_path, central, "a", 12), synced_device(tmp_path, central, "b", 8)


def test_a_cut_tail_with_a_rewritten_head_is_caught_by_the_memory(
    central: Path, two: tuple[Journal, Journal], capsys: pytest.CaptureFixture[str]
) -> None:
    a, _ = two
    assert _export(central) == 0
    _cut_tail_and_rewrite_head(central, a)
    assert read_central(LocalFS(central)).problems == []  # the folder alone looks whole
    capsys.readouterr()
    assert _export(central, "--write") == 3
    err = capsys.readouterr().err
    assert f"{a.device_id}: tail shrank: seq 9..12 were read here" in err
    assert f"{a.device_id}: head anchor went back from seq 12 to 8" in err
    assert (central / "incidents.csv").exists()  # written all the same


def test_a_deleted_workstation_folder_is_caught_and_its_rows_marked(
    central: Path, two: tuple[Journal, Journal], capsys: pytest.CaptureFixture[str]
) -> None:
    b = two[1]
    assert _export(central, "--write") == 0
    for path in (central / "incidents" / b.device_id).iterdir():
        path.unlink()
    (central / "incidents" / b.device_id).rmdir()
    capsys.readouterr()
    assert _export(central, "--write") == 3
    assert (
        f"{b.device_id}: workstation folder gone (read here up to seq 8" in capsys.readouterr().err
    )


def test_export_write_on_a_tampered_folder_marks_the_rows_and_exits_3(
    central: Path, two: tuple[Journal, Journal]
) -> None:
    a, b = two
    segment = sorted((central / "incidents" / a.device_id).glob("seg-*.jsonl"))[0]
    segment.write_bytes(segment.read_bytes().replace(b"chatgpt", b"claude", 1))  # no digest
    assert _export(central, "--write") == 3
    text = (central / "incidents.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["check"] for r in rows if r["device_id"] == a.device_id} == {FLAGGED}
    assert {r["check"] for r in rows if r["device_id"] == b.device_id} == {"ok"}
    assert len(rows) == 12 + 8 - 1  # the edited record is left out, the others written


def test_the_window_source_remembers_only_checked_reads(
    tmp_path: Path, central: Path, two: tuple[Journal, Journal]
) -> None:
    a, _ = two
    source = central_source(str(central), 60, "Clinic")
    source.memory = tmp_path / "memory.json"
    review, _ = source.load(check_digests=False)
    assert review.digests_pending and not source.memory.exists()  # not before the digests
    assert review.check_digests()
    source.remember(review)
    assert load_memory(source.memory)[a.device_id].last_seq == 12
    _cut_tail_and_rewrite_head(central, a)
    review, _ = source.load(check_digests=False)
    assert review.check_digests()
    source.remember(review)  # what the loader does once the digests hold
    shrank = [p for p in review.problems if "tail shrank" in p]
    assert len(shrank) == 1 and review.tampered and a.device_id in review.flagged_devices
    assert review.devices[a.device_id].problems  # on its own row in the window, too
    assert load_memory(source.memory)[a.device_id].last_seq == 12  # never lowered


def test_memory_is_raised_by_clean_reads_only_and_never_lowered(
    central: Path, two: tuple[Journal, Journal]
) -> None:
    a, b = two
    now = datetime(2026, 1, 1, tzinfo=UTC)
    review = read_central(LocalFS(central))
    memory = remembered({}, review, now)
    assert memory[a.device_id] == Seen(12, 12, "2026-01-01T00:00:00+00:00")
    review.devices[b.device_id].problems.append("edited")
    review.devices[b.device_id].last_seq = 99
    raised = remembered({b.device_id: Seen(3, 3, "x")}, review, now)
    assert raised[b.device_id] == Seen(3, 3, "x")  # a read with problems teaches nothing
    review.devices[a.device_id].last_seq = 5
    assert remembered(memory, review, now)[a.device_id].last_seq == 12
    assert findings(memory, review)[0].startswith(f"{a.device_id}: tail shrank: seq 6..12")


def test_memory_files_are_per_folder_and_a_corrupt_one_is_empty(tmp_path: Path) -> None:
    first, second = memory_path(tmp_path, "/a"), memory_path(tmp_path, "smb://x/a")
    assert first != second and first.parent == second.parent
    first.parent.mkdir(parents=True)
    first.write_text("{not json")
    assert load_memory(first) == {}
