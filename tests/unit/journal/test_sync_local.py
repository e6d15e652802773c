"""Sync to a local central folder: segments, idempotence, conflicts, cursor, anchor, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from journal_testkit import incident

from app.backends.central_folders import LocalFS
from app.cli import main
from app.core.central.sync import (
    Backoff,
    SyncResult,
    anchor_name,
    content_tag,
    segment_name,
    sync_once,
)
from app.core.journal.store import Journal, default_journal_path
from app.core.review.reader import read_central
from app.core.review.segment import SEGMENT_RE


def _ranges(folder: Path) -> list[tuple[int, int]]:
    """The (first, last) of each segment in the folder, checking each name's content hash."""
    found = []
    for path in sorted(folder.glob("seg-*")):
        match = SEGMENT_RE.fullmatch(path.name)
        assert match and match[3] == content_tag(path.read_bytes()), path.name
        found.append((int(match[1]), int(match[2])))
    return found


def _journal(tmp_path: Path, n: int) -> Journal:
    journal = Journal(tmp_path / "j.sqlite3")
    for i in range(n):
        journal.record(incident(i))
    return journal


def test_sync_ships_segments_and_advances_the_cursor(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    journal = _journal(tmp_path, 25)
    result = sync_once(journal, LocalFS(central), max_segment=10)
    assert result.ok and (result.segments, result.records) == (3, 25)
    folder = central / "incidents" / journal.device_id
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("seg-")) == [
        anchor_name(25)
    ]
    assert _ranges(folder) == [(1, 10), (11, 20), (21, 25)]
    assert json.loads((folder / anchor_name(25)).read_text())["seq"] == 25
    assert journal.synced_seq() == 25 and journal.pending() == 0
    review = read_central(LocalFS(central))
    assert [r["seq"] for r in review.records] == list(range(1, 26)) and not review.problems


def test_sync_again_is_idempotent_and_ships_only_new_records(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    journal = _journal(tmp_path, 3)
    sync_once(journal, LocalFS(central))
    assert sync_once(journal, LocalFS(central)).segments == 0
    journal.record(incident())
    assert sync_once(journal, LocalFS(central)).records == 1


def test_interrupted_pass_rebuilds_the_same_segment_and_counts_it_delivered(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    journal = _journal(tmp_path, 3)
    sync_once(journal, LocalFS(central))
    # As if killed after publishing but before the cursor moved, with a record committed since.
    journal.set_meta("synced_seq", "0")
    journal.set_meta("pending_last", "3")
    journal.record(incident())
    result = sync_once(journal, LocalFS(central))
    assert result.ok and result.records == 4  # 1-3 again (identical: delivered), then 4
    assert _ranges(central / "incidents" / journal.device_id) == [(1, 3), (4, 4)]


def test_a_squatted_old_style_name_is_reported_and_never_stalls_the_sync(
    tmp_path: Path,
) -> None:
    """Another machine pre-creates the name the device would have used: it publishes
    under its content-hash name anyway, reports the squat, and its records all arrive."""
    central = tmp_path / "central"
    folder = central / "incidents"
    journal = _journal(tmp_path, 2)
    (folder / journal.device_id).mkdir(parents=True)
    squatter = folder / journal.device_id / segment_name(1, 2)
    squatter.write_bytes(b"not ours\n")
    result = sync_once(journal, LocalFS(central))
    assert result.squats and f"{segment_name(1, 2)} was taken by someone else" in result.squats[0]
    assert not result.alerts and journal.synced_seq() == 2
    assert squatter.read_bytes() == b"not ours\n"  # never replaced
    # The squat is journaled once, and reaches the central folder with the next pass.
    assert journal.pending() == 1 and journal.records()[-1]["state"] == "sync_squatted"
    again = sync_once(journal, LocalFS(central))
    assert again.ok and journal.pending() == 0
    assert [r.get("state") for r in journal.records()].count("sync_squatted") == 1
    review = read_central(LocalFS(central))
    mine = [r for r in review.records if r["device_id"] == journal.device_id]
    assert len(mine) == 3 and mine[-1]["state"] == "sync_squatted"


def test_a_different_segment_under_our_exact_name_is_an_alert(tmp_path: Path) -> None:
    central = tmp_path / "central"
    folder = central / "incidents"
    journal = _journal(tmp_path, 2)
    (folder / journal.device_id).mkdir(parents=True)
    data = ("\n".join(journal.lines_after(0, 10)) + "\n").encode()
    taken = folder / journal.device_id / segment_name(1, 2, data)
    taken.write_bytes(b"not ours\n")  # only someone who knew the records could name it
    result = sync_once(journal, LocalFS(central))
    assert result.alerts and "different content" in result.alerts[0] and not result.ok
    assert taken.read_bytes() == b"not ours\n"
    assert journal.synced_seq() == 0 and journal.pending() >= 2
    assert journal.records()[-1]["state"] == "sync_failing"


def test_missing_central_folder_is_reported_and_never_created(tmp_path: Path) -> None:
    journal = _journal(tmp_path, 2)
    result = sync_once(journal, LocalFS(tmp_path / "absent"), sleep=lambda s: None)
    assert result.error and "unavailable" in result.error and result.pending == 3
    assert not (tmp_path / "absent").exists()
    (tmp_path / "absent" / "incidents").mkdir(parents=True)
    result = sync_once(journal, LocalFS(tmp_path / "absent"))
    assert result.ok and [r["state"] for r in journal.records()][-2:] == [
        "sync_failing",
        "sync_resumed",
    ]


def test_backoff_doubles_on_failure_and_resets() -> None:
    backoff = Backoff(base_s=10, cap_s=60)
    failed, fine = SyncResult(error="down"), SyncResult()
    assert [backoff.next_delay(failed) for _ in range(5)] == [10, 20, 40, 60, 60]
    assert backoff.next_delay(fine) == 10


def test_sync_cli_exit_codes(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = Journal(default_journal_path())
    journal.record(incident())
    assert main(["sync", "--central", str(tmp_path / "nowhere")]) == 4
    assert "sync failed" in capsys.readouterr().err
    (tmp_path / "share" / "incidents").mkdir(parents=True)
    assert main(["sync", "--central", str(tmp_path / "share")]) == 0
    assert "0 pending" in capsys.readouterr().out
    assert main(["incidents", "verify", "--central", str(tmp_path / "share")]) == 0


class CreateOnlyFS(LocalFS):
    """A share where, under incidents/, files can only be created: no replace, no delete,
    and (as NTFS without Delete) no rename of a file that lives there."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.refused: list[str] = []

    def _refuse(self, what: str, rel: str) -> None:
        if rel.startswith("incidents/"):
            self.refused.append(f"{what} {rel}")
            raise PermissionError(13, "create-only", rel)

    def replace(self, tmp_rel: str, final_rel: str) -> None:
        self._refuse("replace", final_rel)
        super().replace(tmp_rel, final_rel)

    def remove(self, rel: str) -> None:
        self._refuse("remove", rel)
        super().remove(rel)

    def publish_noreplace(self, tmp_rel: str, final_rel: str) -> None:
        self._refuse("rename from", tmp_rel)
        super().publish_noreplace(tmp_rel, final_rel)


def test_sync_needs_only_create_rights_with_a_staging_folder(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    (central / "staging").mkdir()
    journal = _journal(tmp_path, 7)
    fs = CreateOnlyFS(central)
    for _ in range(2):  # a second pass re-anchors and finds everything delivered
        result = sync_once(journal, fs, max_segment=3)
        assert result.ok and not result.squats, (result.error, result.alerts)
        journal.record(incident())
    assert fs.refused == []
    assert not list((central / "staging").iterdir())  # temp files moved, none left
    review = read_central(LocalFS(central))
    assert not review.problems and len(review.records) == 8  # the last one is not synced yet


def test_without_a_staging_folder_a_create_only_share_refuses_the_rename(tmp_path: Path) -> None:
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    journal = _journal(tmp_path, 2)
    result = sync_once(journal, CreateOnlyFS(central), sleep=lambda s: None)
    assert result.error and "PermissionError" in result.error and journal.synced_seq() == 0
