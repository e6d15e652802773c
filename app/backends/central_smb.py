"""The central folder on an SMB share, spoken directly with smbprotocol (no kernel mount).

`smb://user@host[:port]/share/path`: the password comes from the OS keyring
(app.core.journal.key.central_password), never from the policy or the URL. Sessions
require signing (DESIGN.md §9: Samba refuses unsigned tree connects, and signing stops
a man in the middle from altering records in transit). A rename without replace fails
with STATUS_OBJECT_NAME_COLLISION, which is mapped to FileExistsError so the sync can
compare the existing segment. After a connection error the pooled connection is
dropped, so the next pass reconnects (a restarted server is picked up).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import SplitResult, unquote

import smbclient
from smbprotocol.exceptions import SMBException, SMBOSError, SMBResponseException

from app.core.central.folder import EntryKind, EntryRefused, refuse_kind, too_large
from app.core.journal.key import central_password

_COLLISION = 0xC0000035  # STATUS_OBJECT_NAME_COLLISION
_BY_ERRNO: dict[int, type[OSError]] = {
    errno.EEXIST: FileExistsError,
    errno.ENOENT: FileNotFoundError,
    errno.EACCES: PermissionError,
}
_ACCESS_DENIED = 0xC0000022  # arrives without an errno
T = TypeVar("T")


class SmbFS:
    """One share folder; every call maps SMB errors onto OSError subclasses."""

    def __init__(self, host: str, port: int, share_path: str, user: str, password: str) -> None:
        self.host, self.port, self.user = host, port, user
        self._password = password
        self.root = "\\\\" + host + "\\" + share_path.strip("/").replace("/", "\\")
        self.location = f"smb://{user}@{host}:{port}/{share_path.strip('/')}"

    @classmethod
    def from_url(cls, parts: SplitResult) -> SmbFS:
        if not parts.hostname or not parts.username or not parts.path.strip("/"):
            raise ValueError("central folder URL must be smb://user@host[:port]/share[/path]")
        user = unquote(parts.username)
        password = central_password(user, parts.hostname)
        return cls(parts.hostname, parts.port or 445, unquote(parts.path), user, password)

    def _kw(self) -> dict[str, Any]:
        return {
            "username": self.user,
            "password": self._password,
            "port": self.port,
            "require_signing": True,
            "connection_timeout": 10,
        }

    def _p(self, rel: str) -> str:
        return self.root + ("\\" + rel.replace("/", "\\") if rel else "")

    def _call(self, fn: Callable[[], T]) -> T:
        try:
            return fn()
        except EntryRefused:  # the reader's own refusal, no connection trouble
            raise
        except SMBOSError as error:
            # An OSError with an errno, but not of the builtin subclasses the sync catches.
            exact = _BY_ERRNO.get(error.errno or 0)
            if getattr(error, "ntstatus", None) == _ACCESS_DENIED:
                exact = PermissionError
            if exact is not None:
                raise exact(error.errno, str(error)) from error
            raise
        except (SMBException, SMBResponseException, ConnectionError, TimeoutError) as error:
            self.disconnect()
            if getattr(error, "status", None) == _COLLISION:
                raise FileExistsError(str(error)) from error
            raise ConnectionError(f"central share {self.host}:{self.port}: {error}") from error
        except (ValueError, OSError) as error:
            self.disconnect()
            raise ConnectionError(f"central share {self.host}:{self.port}: {error}") from error

    def disconnect(self) -> None:
        """Drop the pooled connection so the next call reconnects."""
        # A dead connection may fail in any way while closing; it is dropped either way.
        with contextlib.suppress(Exception):
            smbclient.delete_session(self.host, port=self.port)

    def makedirs(self, rel: str) -> None:
        self._call(lambda: smbclient.makedirs(self._p(rel), exist_ok=True, **self._kw()))

    def write_durable(self, rel: str, data: bytes) -> None:
        def write() -> None:
            with smbclient.open_file(self._p(rel), mode="xb", **self._kw()) as handle:
                handle.write(data)
                handle.flush()  # SMB2 FLUSH: the server syncs the file to disk

        self._call(write)

    def publish_noreplace(self, tmp_rel: str, final_rel: str) -> None:
        try:
            self._call(lambda: smbclient.rename(self._p(tmp_rel), self._p(final_rel), **self._kw()))
        except PermissionError:
            # Samba answers ACCESS_DENIED instead of NAME_COLLISION when the existing target
            # belongs to someone else: if the target exists, it is a collision all the same.
            if self._exists(final_rel):
                raise FileExistsError(errno.EEXIST, f"{final_rel} exists") from None
            raise

    def _exists(self, rel: str) -> bool:
        try:
            self.mtime(rel)
        except FileNotFoundError:
            return False
        return True

    def replace(self, tmp_rel: str, final_rel: str) -> None:
        self._call(lambda: smbclient.replace(self._p(tmp_rel), self._p(final_rel), **self._kw()))

    def read_bytes(self, rel: str) -> bytes:
        def read() -> bytes:
            with smbclient.open_file(self._p(rel), mode="rb", **self._kw()) as handle:
                return bytes(handle.read())

        return self._call(read)

    def read_bounded(self, rel: str, limit: int) -> bytes:
        """The file's bytes if lstat says a regular file of at most `limit` bytes.

        SMB has no O_NOFOLLOW: the entry is lstat'ed first (a link or reparse point is
        refused), and at most `limit` + 1 bytes are ever read from it.
        """

        def read() -> bytes:
            info = smbclient.lstat(self._p(rel), **self._kw())
            refused = refuse_kind(rel, info.st_mode)
            if refused is not None:
                raise refused
            if info.st_size > limit:
                raise too_large(rel, info.st_size, limit)
            with smbclient.open_file(self._p(rel), mode="rb", **self._kw()) as handle:
                data = bytes(handle.read(limit + 1))
            if len(data) > limit:
                raise too_large(rel, len(data), limit)
            return data

        return self._call(read)

    def entries(self, rel: str, limit: int) -> list[tuple[str, EntryKind]]:
        """Up to `limit` names with what each is (links and reparse points as "other")."""

        def listing() -> list[tuple[str, EntryKind]]:
            found: list[tuple[str, EntryKind]] = []
            for entry in itertools.islice(smbclient.scandir(self._p(rel), **self._kw()), limit):
                kind: EntryKind = "other"
                if entry.is_symlink():
                    kind = "other"
                elif entry.is_dir(follow_symlinks=False):
                    kind = "dir"
                elif entry.is_file(follow_symlinks=False):
                    kind = "file"
                found.append((entry.name, kind))
            return sorted(found)

        return self._call(listing)

    def listdir(self, rel: str) -> list[str]:
        return sorted(self._call(lambda: smbclient.listdir(self._p(rel), **self._kw())))

    def remove(self, rel: str) -> None:
        self._call(lambda: smbclient.remove(self._p(rel), **self._kw()))

    def mtime(self, rel: str) -> float:
        return float(self._call(lambda: smbclient.stat(self._p(rel), **self._kw())).st_mtime)
