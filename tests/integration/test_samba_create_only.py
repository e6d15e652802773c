"""The Samba create-only recipe of docs/deploy.md against a real smbd: workstations can
create segments, escrows and anchors (the sync needs nothing else), but once a file is
older than the grace period nobody can delete, overwrite, append to or rename it, and
later syncs still work."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import smbclient
from journal_testkit import MemoryKeyring, incident
from samba_server import PASSWORD, USER, SambaServer, running_samba
from smbclient._io import SMBFileTransaction, SMBRawIO, set_info
from smbprotocol.file_info import FileAttributes, FileBasicInformation
from smbprotocol.open import FilePipePrinterAccessMask
from test_samba_sync import URL

from app.backends.central_folders import open_central
from app.core.central.sync import sync_once
from app.core.journal.audit_key import generate
from app.core.journal.key import CENTRAL_SERVICE
from app.core.journal.store import Journal
from app.core.review.reader import read_central

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("as_root")]
GRACE_S = 2
# The recipe's share lines (docs/deploy.md), with a short grace period for the test.
RECIPE = f"""    vfs objects = worm
    worm:grace_period = {GRACE_S}
"""


def _clear_readonly(path: str, kw: dict[str, object]) -> None:
    """What a determined client does before deleting: clear the read-only attribute."""
    access = FilePipePrinterAccessMask.FILE_WRITE_ATTRIBUTES
    raw = SMBRawIO(path, mode="r", share_access="rwd", desired_access=access, **kw)
    with SMBFileTransaction(raw) as transaction:
        info = FileBasicInformation()
        for name in ("creation_time", "last_access_time", "last_write_time", "change_time"):
            info[name] = 0
        info["file_attributes"] = FileAttributes.FILE_ATTRIBUTE_NORMAL
        set_info(transaction, info)


@pytest.fixture
def worm_share() -> Iterator[SambaServer]:
    with running_samba(RECIPE) as server:
        yield server


def test_create_only_share_keeps_what_was_written(
    tmp_path: Path, worm_share: SambaServer, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(CENTRAL_SERVICE, f"{USER}@127.0.0.1", PASSWORD)
    audit = generate()
    journal = Journal(tmp_path / "j.sqlite3", audit=audit.public)
    for i in range(6):
        journal.record(incident(i))
    fs = open_central(URL)
    first = sync_once(journal, fs, max_segment=3, sleep=lambda s: None)
    assert first.ok, (first.error, first.alerts)
    folder = f"incidents/{journal.device_id}"
    names = fs.listdir(folder)
    segment = next(n for n in names if n.startswith("seg-"))
    assert any(n.startswith("escrow-") for n in names) and any(n.startswith("head-") for n in names)
    time.sleep(GRACE_S + 1.5)

    path = f"{folder}/{segment}"
    with pytest.raises(OSError):  # worm: no attribute change on an old file either
        _clear_readonly(fs._p(path), fs._kw())  # type: ignore[attr-defined]
    with pytest.raises(PermissionError):
        fs.remove(path)
    for mode in ("ab", "r+b"):
        with (
            pytest.raises(OSError),
            smbclient.open_file(fs._p(path), mode=mode, **fs._kw()) as handle,  # type: ignore[attr-defined]
        ):
            handle.write(b"forged\n")
    with pytest.raises(OSError):
        smbclient.rename(fs._p(path), fs._p(f"{folder}/moved.jsonl"), **fs._kw())  # type: ignore[attr-defined]
    fs.write_durable(f"{folder}/.tmp-new.part", b"x\n")  # creating is allowed...
    with pytest.raises(OSError):  # ...replacing an old file is not
        fs.replace(f"{folder}/.tmp-new.part", path)

    for i in range(2):
        journal.record(incident(i))
    later = sync_once(journal, fs, max_segment=3, sleep=lambda s: None)
    assert later.records == 2 and later.error is None and not later.alerts
    review = read_central(open_central(URL), audit=[audit])
    assert len(review.records) == 8
    assert [p for p in review.problems if "unexpected file .tmp" not in p] == []
