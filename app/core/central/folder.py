"""The central folder as a tiny filesystem Protocol, so local paths and SMB share one sync.

Paths are relative, '/'-separated, under the central folder's root. The operations are
exactly what the no-replace publish needs (DESIGN.md §7, §9):
`write_durable` (write + flush to stable storage), `publish_noreplace` (fails with
FileExistsError when the target exists: POSIX `link`, Windows/SMB rename without
replace), `replace` (atomic swap, only for the head anchor and the derived files),
`read_bytes`, `listdir`, `makedirs`, `remove`.
The reader also needs `read_bounded` and `entries`: they never follow a link and never
read more than a limit, so a hostile share (a link to /dev/zero, a 3 GB file, a folder
where a file should be) is a refused entry, not a hang or a MemoryError.
The implementations are OS code in app/backends: `LocalFS` (app.backends.central_folders)
covers a local folder, a mounted share and a UNC path; `SmbFS` (app.backends.central_smb)
talks to smb://user@host[:port]/share/path with smbprotocol.
"""

from __future__ import annotations

import errno
import stat
from typing import Literal, Protocol

EntryKind = Literal["dir", "file", "other"]


class EntryRefused(OSError):
    """An entry the reader will not read: a link, not a regular file, or larger than allowed."""


class CentralFS(Protocol):
    """The operations the sync and the reader need from the central folder."""

    location: str

    def makedirs(self, rel: str) -> None: ...
    def write_durable(self, rel: str, data: bytes) -> None: ...
    def publish_noreplace(self, tmp_rel: str, final_rel: str) -> None: ...
    def replace(self, tmp_rel: str, final_rel: str) -> None: ...
    def read_bytes(self, rel: str) -> bytes: ...
    def listdir(self, rel: str) -> list[str]: ...
    def remove(self, rel: str) -> None: ...
    def mtime(self, rel: str) -> float: ...
    def read_bounded(self, rel: str, limit: int) -> bytes: ...
    def entries(self, rel: str, limit: int) -> list[tuple[str, EntryKind]]: ...


def too_large(rel: str, size: int, limit: int) -> EntryRefused:
    return EntryRefused(errno.EFBIG, f"larger than {limit} bytes ({size} or more)", rel)


def refuse_kind(rel: str, mode: int) -> EntryRefused | None:
    """Why an entry of this lstat mode is not read as a file (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    what = "a link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "no file"
    return EntryRefused(errno.EINVAL, f"{what}, not a regular file", rel)
