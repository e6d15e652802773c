"""The tray's single-instance local socket as seen from outside Qt (the native host).

The tray listens with QLocalServer under `server_name()` and the option that limits the
socket to its own user. QLocalServer puts the socket in Qt's temp folder on macOS and
Linux ($TMPDIR, else /tmp) and uses a named pipe on Windows. `pastewarden native-host`
starts in well under a second without importing Qt, so it connects here with the
standard library, and refuses a socket owned by another user (someone else's socket
planted under our name must not receive a page's text).
Verified on Linux only; the Windows named-pipe path follows Qt's documented naming.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import os
import socket
import sys
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from policy.paths import data_dir


def server_name() -> str:
    """The tray's local server name: per user and per data folder (PASTEWARDEN_HOME)."""
    seed = f"{getpass.getuser()}|{data_dir().resolve()}".encode()
    return "pastewarden-" + hashlib.sha256(seed).hexdigest()[:16]


class TrayUnreachable(OSError):
    """No tray is listening for this user (or the socket is not this user's)."""


class TrayStream(Protocol):
    """A connected byte stream to the tray: read and write from two threads."""

    reader: BinaryIO
    writer: BinaryIO

    def close(self) -> None: ...


class _SocketStream:
    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self.reader = cast(BinaryIO, sock.makefile("rb", buffering=0))
        self.writer = cast(BinaryIO, sock.makefile("wb", buffering=0))

    def close(self) -> None:
        for closable in (self.reader, self.writer, self._sock):
            with contextlib.suppress(OSError):
                closable.close()


def socket_path(name: str) -> Path:
    """Where QLocalServer puts a relative server name on macOS and Linux."""
    temp = os.environ.get("TMPDIR") or "/tmp"
    return Path(os.path.normpath(temp)) / name


def connect_tray(name: str | None = None) -> TrayStream:
    """Connect to this user's running tray; TrayUnreachable when there is none."""
    name = name or server_name()
    if sys.platform == "win32":  # pragma: no cover - Windows only, unverified here
        return _connect_pipe(name)
    path = socket_path(name)
    try:
        owner = path.stat().st_uid
    except OSError as error:
        raise TrayUnreachable("the tray is not running") from error
    if owner != os.getuid():
        raise TrayUnreachable("the tray socket belongs to another user")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError as error:
        sock.close()
        raise TrayUnreachable("the tray is not answering") from error
    return _SocketStream(sock)


class _PipeStream:  # pragma: no cover - Windows only
    def __init__(self, handle: BinaryIO) -> None:
        self.reader = handle
        self.writer = handle

    def close(self) -> None:
        self.reader.close()


def _connect_pipe(name: str) -> TrayStream:  # pragma: no cover - Windows only
    try:
        handle = open(rf"\\.\pipe\{name}", "r+b", buffering=0)  # noqa: SIM115 - kept open
    except OSError as error:
        raise TrayUnreachable("the tray is not running") from error
    return _PipeStream(handle)
