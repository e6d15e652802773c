"""Sync through smb:// to a real Samba server, credentials from the keyring, server stopped
mid-sync and restarted: nothing lost, nothing twice, a squatted segment name is
reported and never stalls the sync."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from journal_testkit import MemoryKeyring, incident
from samba_server import PASSWORD, PORT, SHARE, USER, SambaServer, running_samba

from app.backends.central_folders import open_central
from app.core.central.folder import CentralFS
from app.core.central.sync import segment_name, sync_once
from app.core.journal.key import CENTRAL_SERVICE
from app.core.journal.store import Journal
from app.core.review.reader import read_central, write_derived

URL = f"smb://{USER}@127.0.0.1:{PORT}/{SHARE}/clinic"
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("as_root")]


@pytest.fixture
def samba() -> Iterator[SambaServer]:
    with running_samba() as server:
        yield server


class StopServerBefore:
    """Wraps the SMB filesystem and stops the real server before the n-th publish."""

    def __init__(self, fs: CentralFS, server: SambaServer, n: int) -> None:
        self.fs, self.server, self.left = fs, server, n
        self.location = fs.location

    def publish_noreplace(self, tmp_rel: str, final_rel: str) -> None:
        self.left -= 1
        if self.left == 0:
            self.server.stop()
        self.fs.publish_noreplace(tmp_rel, final_rel)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.fs, name)


def test_smb_sync_survives_a_server_stop_mid_sync(
    samba: SambaServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(CENTRAL_SERVICE, f"{USER}@127.0.0.1", PASSWORD)
    journal = Journal(tmp_path / "j.sqlite3")
    for i in range(45):
        journal.record(incident(i))
    flaky = StopServerBefore(open_central(URL), samba, n=3)
    result = sync_once(journal, flaky, max_segment=10, sleep=lambda s: None)  # type: ignore[arg-type]
    assert result.error and result.pending > 0 and journal.synced_seq() == 20
    for i in range(5):
        journal.record(incident(i))
    samba.start()
    result = sync_once(journal, open_central(URL), max_segment=10)
    assert result.ok, result
    review = read_central(open_central(URL))
    assert review.problems == []
    assert [r["seq"] for r in review.records] == list(range(1, journal.head()["seq"] + 1))
    write_derived(open_central(URL), review)
    derived = (samba.share_dir / "clinic" / "incidents.jsonl").read_text().splitlines()
    assert [json.loads(line)["seq"] for line in derived] == [r["seq"] for r in review.records]


def test_smb_a_squatted_segment_name_is_reported_and_does_not_stall(
    samba: SambaServer, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(CENTRAL_SERVICE, f"{USER}@127.0.0.1", PASSWORD)
    journal = Journal(tmp_path / "j.sqlite3")
    journal.record(incident())
    assert sync_once(journal, open_central(URL)).ok
    journal.record(incident())
    squat = samba.share_dir / "clinic" / "incidents" / journal.device_id / segment_name(2, 2)
    squat.write_bytes(b"someone else's\n")
    samba.prepare("clinic")  # written through the share by its user, as a real squatter would
    result = sync_once(journal, open_central(URL), sleep=lambda s: None)
    assert result.squats and "was taken by someone else" in result.squats[0]
    assert not result.alerts and journal.synced_seq() == 2  # published under its own name
    assert squat.read_bytes() == b"someone else's\n"


def test_smb_without_a_keyring_password_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PermissionError, match="no password"):
        open_central(URL)
