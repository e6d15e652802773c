"""Real faults on the central folder and the journal's own disk (root: mount, tmpfs).

Missing (an unmounted share's empty mount point), read-only (a read-only bind mount;
chmod does not stop root) and full (a 256 KiB tmpfs): nothing is lost, the state is
reported, and sync resumes once the fault clears. A full disk under the journal makes
`record` raise JournalError (the tray fails closed) without damaging what was stored.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from journal_testkit import incident

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.store import Journal, JournalError
from app.core.journal.verify import verify_journal
from app.core.review.reader import read_central

pytestmark = pytest.mark.usefixtures("as_root")


def _sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True)


@pytest.fixture
def mounts() -> Iterator[list[Path]]:
    """Mount points to unmount at the end, innermost last."""
    points: list[Path] = []
    yield points
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def _tmpfs(point: Path, size: str, mounts: list[Path]) -> None:
    point.mkdir(parents=True, exist_ok=True)
    _sh("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point))
    mounts.append(point)


def _fill(path: Path) -> None:
    """Write zeros until the filesystem is full (unbuffered, so close cannot fail again)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        with pytest.raises(OSError, match="No space left"):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)


def _journal(tmp_path: Path, n: int) -> Journal:
    journal = Journal(tmp_path / "home" / "j.sqlite3")
    for i in range(n):
        journal.record(incident(i))
    return journal


def _all_central(journal: Journal, central: Path) -> None:
    review = read_central(LocalFS(central))
    assert review.problems == []
    seqs = [r["seq"] for r in review.records]
    assert seqs == list(range(1, journal.head()["seq"] + 1))


def test_unmounted_share_is_reported_and_its_mount_point_stays_empty(
    tmp_path: Path, mounts: list[Path]
) -> None:
    share = tmp_path / "share"
    _tmpfs(share, "4m", mounts)
    (share / "incidents").mkdir()
    journal = _journal(tmp_path, 20)
    assert sync_once(journal, LocalFS(share)).ok
    _sh("umount", str(share))
    mounts.remove(share)
    for i in range(10):
        journal.record(incident(i))
    result = sync_once(journal, LocalFS(share), sleep=lambda s: None)
    assert result.error and "not mounted" in result.error and result.pending == 11
    assert list(share.iterdir()) == []  # nothing written onto the local disk underneath
    _sh("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(share))  # back, but empty:
    mounts.append(share)
    (share / "incidents").mkdir()  # (a fresh share; the old segments are on the old one)
    journal.set_meta("synced_seq", "0")
    assert sync_once(journal, LocalFS(share)).ok
    _all_central(journal, share)


def test_read_only_share_keeps_records_pending_until_writable(
    tmp_path: Path, mounts: list[Path]
) -> None:
    source, share = tmp_path / "source", tmp_path / "share"
    (source / "incidents").mkdir(parents=True)
    share.mkdir()
    _sh("mount", "--bind", str(source), str(share))
    mounts.append(share)
    _sh("mount", "-o", "remount,bind,ro", str(share))
    journal = _journal(tmp_path, 30)
    result = sync_once(journal, LocalFS(share), sleep=lambda s: None)
    assert result.error and "Read-only file system" in result.error
    assert result.pending == 31 and journal.synced_seq() == 0
    assert journal.records()[-1]["state"] == "sync_failing"
    _sh("mount", "-o", "remount,bind,rw", str(share))
    result = sync_once(journal, LocalFS(share))
    assert result.ok, result
    _all_central(journal, share)
    assert verify_journal(journal).ok


def test_full_share_keeps_records_pending_and_resumes_after_space_is_freed(
    tmp_path: Path, mounts: list[Path]
) -> None:
    share = tmp_path / "share"
    _tmpfs(share, "256k", mounts)
    (share / "incidents").mkdir()
    filler = share / "filler.bin"
    _fill(filler)
    journal = _journal(tmp_path, 200)
    result = sync_once(journal, LocalFS(share), sleep=lambda s: None)
    assert result.error and "No space left" in result.error and result.pending >= 200
    assert not list(share.rglob(".tmp-*"))  # a half-written temp file is removed
    assert read_central(LocalFS(share)).problems == []  # and never a partial segment
    filler.unlink()
    assert sync_once(journal, LocalFS(share)).ok
    _all_central(journal, share)


def test_full_journal_disk_fails_the_write_loudly_and_keeps_what_was_stored(
    tmp_path: Path, mounts: list[Path]
) -> None:
    disk = tmp_path / "home"
    _tmpfs(disk, "512k", mounts)
    journal = _journal(tmp_path, 5)
    filler = disk / "filler.bin"
    _fill(filler)
    with pytest.raises(JournalError):
        for i in range(2000):  # the WAL's free pages may absorb a few records first
            journal.record(incident(i))
    filler.unlink()
    stored = Journal(disk / "j.sqlite3")
    assert verify_journal(stored).ok
    stored.record(incident())  # works again once space is back
    assert verify_journal(stored).ok
