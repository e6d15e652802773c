"""The bounded reader over a real Samba share: links, oversize files, folders where files
should be and plain files where folders should be are per-entry problems, and the
honest workstation's records all load (smbd on loopback, see samba_server.py)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from journal_testkit import MemoryKeyring, incident
from samba_server import PASSWORD, USER, SambaServer
from test_samba_sync import URL, samba  # noqa: F401  (the real-server fixture)

from app.backends.central_folders import open_central
from app.core.central.sync import sync_once
from app.core.journal.key import CENTRAL_SERVICE
from app.core.journal.store import Journal
from app.core.review.limits import ReadLimits
from app.core.review.reader import read_central

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("as_root")]


def test_a_hostile_share_is_read_bounded_over_smb(
    tmp_path: Path, request: pytest.FixtureRequest, memory_keyring: MemoryKeyring
) -> None:
    server: SambaServer = request.getfixturevalue("samba")
    memory_keyring.set_password(CENTRAL_SERVICE, f"{USER}@127.0.0.1", PASSWORD)
    journal = Journal(tmp_path / "j.sqlite3")
    for i in range(6):
        journal.record(incident(i))
    assert sync_once(journal, open_central(URL), max_segment=3).ok
    incidents = server.share_dir / "clinic" / "incidents"
    other = incidents / "other-device"
    other.mkdir()
    with (other / "seg-000000000001-000000000003.jsonl").open("wb") as handle:
        handle.truncate(2 << 20)  # sparse, over the test's 1 MiB cap
    (other / "seg-000000000004-000000000006.jsonl").mkdir()
    (other / "head.json").mkdir()
    (incidents / "notes.txt").write_text("a plain file")
    os.symlink("/etc/passwd", other / "seg-000000000007-000000000009.jsonl")
    subprocess.run(["chown", "-R", USER, str(server.share_dir)], check=True)

    review = read_central(open_central(URL), limits=ReadLimits(segment_bytes=1 << 20))
    assert sum(r["device_id"] == journal.device_id for r in review.records) == 6
    assert review.devices[journal.device_id].problems == []
    problems = review.problems
    for expected in (
        "incidents/notes.txt: a plain file, not a workstation folder",
        "other-device: seg-000000000001-000000000003.jsonl not read: larger than",
        "other-device: seg-000000000004-000000000006.jsonl not read: a folder",
        "other-device: head.json not read: a folder, not a regular file",
    ):
        assert any(p.startswith(expected) for p in problems), (expected, problems)
    # Samba hides a link that leaves the share (wide links = no): /etc/passwd is
    # never read as records.
    assert not any(r["device_id"] == "other-device" for r in review.records)
