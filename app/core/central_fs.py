"""The central folder as a tiny filesystem Protocol, so local paths and SMB share one sync.

Paths are relative, '/'-separated, under the central folder's root. The operations are
exactly what the no-replace publish needs (DESIGN.md §7, §9):
`write_durable` (write + flush to stable storage), `publish_noreplace` (fails with
FileExistsError when the target exists: POSIX `link`, Windows/SMB rename without
replace), `replace` (atomic swap, only for the head anchor and the derived files),
`read_bytes`, `listdir`, `makedirs`, `remove`.
`LocalFS` covers a local folder, a mounted share and a UNC path; `SmbFS`
(app.core.central_smb) talks to smb://user@host[:port]/share/path with smbprotocol.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit


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


class LocalFS:
    """A folder the OS can open directly: local disk, mounted share, UNC path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.location = str(root)

    def _path(self, rel: str) -> Path:
        return self.root.joinpath(*rel.split("/")) if rel else self.root

    def makedirs(self, rel: str) -> None:
        if not self.root.is_dir():  # never create the share root: a missing mount must show
            raise FileNotFoundError(f"central folder {self.root} is not available")
        self._path(rel).mkdir(parents=True, exist_ok=True)

    def write_durable(self, rel: str, data: bytes) -> None:
        path = self._path(rel)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def publish_noreplace(self, tmp_rel: str, final_rel: str) -> None:
        tmp, final = self._path(tmp_rel), self._path(final_rel)
        if sys.platform == "win32":
            os.rename(tmp, final)  # Windows rename never replaces: FileExistsError
        else:
            os.link(tmp, final)  # link never replaces: FileExistsError
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        _fsync_dir(final.parent)

    def replace(self, tmp_rel: str, final_rel: str) -> None:
        os.replace(self._path(tmp_rel), self._path(final_rel))
        _fsync_dir(self._path(final_rel).parent)

    def read_bytes(self, rel: str) -> bytes:
        return self._path(rel).read_bytes()

    def listdir(self, rel: str) -> list[str]:
        return sorted(os.listdir(self._path(rel)))

    def remove(self, rel: str) -> None:
        os.unlink(self._path(rel))

    def mtime(self, rel: str) -> float:
        return self._path(rel).stat().st_mtime


def _fsync_dir(folder: Path) -> None:
    """Make a new directory entry durable (POSIX; Windows has no directory fsync)."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some network filesystems refuse fsync on directories; the file is synced
        pass
    finally:
        os.close(fd)


def open_central(location: str) -> CentralFS:
    """The filesystem for a policy's `central.folder`: a path, UNC path, or smb:// URL."""
    if location.lower().startswith("smb://"):
        from app.core.central_smb import SmbFS

        parts = urlsplit(location)
        return SmbFS.from_url(parts)
    return LocalFS(Path(location).expanduser())
