"""One PasteWarden per user session: a QLockFile plus a QLocalServer for a tiny IPC.

The first instance holds the lock and listens. A second launch finds the lock taken,
sends `show` (the first shows its status balloon) and exits. `pastewarden run --status`
sends `status` and prints the PHI-free JSON answer (state, policy summary and the recent
journaled decisions: types and counts only). A first line `companion` hands the
connection over for good to the browser companion server (app.ui.companion_server),
which then speaks length-prefixed JSON on it. Server names are derived from the per-user
data folder, so PASTEWARDEN_HOME gives tests their own instance.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.backends.tray_socket import server_name
from policy.paths import data_dir

_TIMEOUT_MS = 3000


class SingleInstance(QObject):
    """`acquire()` True for the first instance; then `listen(handlers)`."""

    def __init__(self) -> None:
        super().__init__()
        folder = data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(folder / "instance.lock"))
        self._lock.setStaleLockTime(0)  # a crashed owner's lock is detected by its pid
        self._server = QLocalServer(self)
        self._handlers: dict[str, Callable[[], str]] = {}
        self._streams: dict[str, Callable[[QLocalSocket], None]] = {}

    def acquire(self) -> bool:
        return bool(self._lock.tryLock(100))

    def listen(
        self,
        handlers: dict[str, Callable[[], str]],
        streams: dict[str, Callable[[QLocalSocket], None]] | None = None,
    ) -> bool:
        """`handlers` answer one line; `streams` take the connection over after their line."""
        self._handlers, self._streams = handlers, streams or {}
        QLocalServer.removeServer(server_name())  # a socket file left by a crash
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        return bool(self._server.listen(server_name()))

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._answer(s))

    def _answer(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        command = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
        if (stream := self._streams.get(command)) is not None:
            socket.readyRead.disconnect()
            stream(socket)
            return
        handler = self._handlers.get(command)
        reply = handler() if handler else json.dumps({"error": "unknown command"})
        socket.write(QByteArray((reply + "\n").encode()))
        socket.flush()
        socket.disconnectFromServer()

    def release(self) -> None:
        self._server.close()
        self._lock.unlock()


def ask(command: str) -> str | None:
    """Send one command to the running instance; its reply, or None if none is running."""
    socket = QLocalSocket()
    socket.connectToServer(server_name())
    if not socket.waitForConnected(_TIMEOUT_MS):
        return None
    socket.write(QByteArray((command + "\n").encode()))
    socket.waitForBytesWritten(_TIMEOUT_MS)
    reply = b""
    while socket.waitForReadyRead(_TIMEOUT_MS) or socket.bytesAvailable():
        reply += bytes(socket.readAll().data())
        if reply.endswith(b"\n"):
            break
    return reply.decode("utf-8", "replace").strip() or None
