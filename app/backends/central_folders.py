"""The central folder on a local path, a mounted share or a UNC path, and the choice of folder.

`LocalFS` implements app.core.central.folder.CentralFS with plain file calls: a durable
write is fsync'ed (and so is its folder on POSIX), the no-replace publish is a POSIX
`link` or a Windows rename, and the reader's bounded reads never follow a link.
`open_central` picks it or app.backends.central_smb.SmbFS for a policy's folder.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import stat
import sys
from pathlib import Path
from urllib.parse import urlsplit

from app.core.central.folder import CentralFS, EntryKind, EntryRefused, refuse_kind, too_large

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# A FIFO must not block the open; regular files ignore the flag.
_OPEN_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


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

    def read_bounded(self, rel: str, limit: int) -> bytes:
        """The file's bytes if it is a regular file of at most `limit` bytes reached
        without any link on the way; EntryRefused otherwise."""
        fd = self._open_nofollow(rel)
        try:
            refused = refuse_kind(rel, os.fstat(fd).st_mode)
            if refused is not None:
                raise refused
            if os.fstat(fd).st_size > limit:
                raise too_large(rel, os.fstat(fd).st_size, limit)
            return _read_at_most(fd, rel, limit)
        finally:
            os.close(fd)

    def _open_nofollow(self, rel: str) -> int:
        """Open each component with O_NOFOLLOW from the root, so no link is followed."""
        parts = [p for p in rel.split("/") if p]
        if os.open not in os.supports_dir_fd or not _NOFOLLOW:  # Windows: lstat each step
            for depth in range(1, len(parts) + 1):
                step = "/".join(parts[:depth])
                refused = _link_refused(step, self._path(step))
                if refused is not None:
                    raise refused
            return os.open(self._path(rel), _OPEN_FLAGS)
        folder = os.open(self.root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            for part in parts[:-1]:
                inner = _open_at(part, os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW, folder, rel)
                os.close(folder)
                folder = inner
            return _open_at(parts[-1], _OPEN_FLAGS, folder, rel)
        finally:
            os.close(folder)

    def entries(self, rel: str, limit: int) -> list[tuple[str, EntryKind]]:
        """Up to `limit` names in the folder (sorted) with what each is, links as "other"."""
        found: list[tuple[str, EntryKind]] = []
        with os.scandir(self._path(rel)) as listing:
            for entry in itertools.islice(listing, limit):
                found.append((entry.name, _kind(entry)))
        return sorted(found)

    def remove(self, rel: str) -> None:
        os.unlink(self._path(rel))

    def mtime(self, rel: str) -> float:
        return self._path(rel).stat().st_mtime


def _kind(entry: os.DirEntry[str]) -> EntryKind:
    if entry.is_symlink():
        return "other"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def _open_at(name: str, flags: int, folder: int, rel: str) -> int:
    try:
        return os.open(name, flags, dir_fd=folder)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            raise EntryRefused(errno.ELOOP, "a link or no folder on the way", rel) from error
        raise


def _link_refused(rel: str, path: Path) -> EntryRefused | None:
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return EntryRefused(errno.ELOOP, "a link", rel)
    return None


def _read_at_most(fd: int, rel: str, limit: int) -> bytes:
    """Read to the end, refusing once more than `limit` bytes came (the file may grow)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, min(1 << 20, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise too_large(rel, total, limit)
    return b"".join(chunks)


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
        from app.backends.central_smb import SmbFS

        parts = urlsplit(location)
        return SmbFS.from_url(parts)
    return LocalFS(Path(location).expanduser())
