"""The tray's side of the browser companion: connections handed over by app.ui.instance.

Each `pastewarden native-host` connects to the tray's local socket (same user only),
sends the line `companion` and then length-prefixed JSON frames (app.core.companion.framing).
This module decodes them, keeps the companions' PHI-free bookkeeping
(app.core.companion.protocol.Companions), journals a companion connecting or going away as an
agent_state record, pushes the guarded hosts on connect and after a policy change, and
hands paste, drop, send and file checks to CompanionDecider. The focused tab's address
(reported on every change) stays in memory; it stands in for a check that arrives
without its page's address.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalSocket

from app.core.companion.framing import (
    MAX_TO_BROWSER,
    FrameDecoder,
    FrameError,
    FramingError,
    encode,
)
from app.core.companion.protocol import (
    BadRequest,
    CheckRequest,
    Companions,
    FileRequest,
    Hello,
    UrlReport,
    config_message,
    parse_request,
    verdict,
)
from app.core.i18n import _
from app.ui.companion_decisions import CompanionDecider
from policy.catalog import ToolCatalog
from policy.schema import Policy

log = logging.getLogger(__name__)
TOO_LARGE = "PasteWarden's answer was too large for the browser, so it was held back."


class _Connection:
    def __init__(self, number: int, socket: QLocalSocket) -> None:
        self.number, self.socket = number, socket
        self.decoder = FrameDecoder()
        self.browser: str | None = None
        self.url: str | None = None  # the focused tab's address: memory only


class CompanionServer(QObject):
    """Accepts companion connections; `changed` fires when one connects or goes away."""

    changed = Signal()

    def __init__(
        self,
        decider: CompanionDecider,
        record_state: Callable[[str], bool],
        policy: Callable[[], Policy],
    ) -> None:
        super().__init__()
        self.decider, self._record_state, self._policy = decider, record_state, policy
        decider.catalog = ToolCatalog(policy())
        self.companions = Companions()
        self._connections: dict[int, _Connection] = {}
        self._numbers = itertools.count(1)

    def accept(self, socket: QLocalSocket) -> None:
        """Take over a socket whose first line was `companion`."""
        connection = _Connection(next(self._numbers), socket)
        self._connections[connection.number] = connection
        socket.setParent(self)
        socket.readyRead.connect(lambda: self._read(connection))
        socket.disconnected.connect(lambda: self._gone(connection))
        if socket.bytesAvailable():
            self._read(connection)

    def set_policy(self, policy: Policy) -> None:
        """A new policy: match with it and send every companion its hosts and file rule."""
        self.decider.catalog = ToolCatalog(policy)
        for connection in self._connections.values():
            if connection.browser is not None:
                self._send(connection, self._config())

    def _config(self) -> dict[str, object]:
        policy = self._policy()
        return config_message(policy, policy.browser_companion.files)

    def companions_text(self) -> str:
        """For the tray menu and About: "chromium 0.1.0 (connected)", or "none"."""
        line = _("{browser} {version} (connected)"), _("{browser} {version} (gone)")
        return ", ".join(
            line[0 if c["connected"] else 1].format(browser=c["browser"], version=c["version"])
            for c in self.companions.summary()
        ) or _("none")

    def connected_families(self) -> set[str]:
        return self.companions.connected_families()

    # -- frames --------------------------------------------------------------------
    def _read(self, connection: _Connection) -> None:
        data = bytes(connection.socket.readAll().data())
        for item in connection.decoder.feed(data):
            if isinstance(item, FrameError):
                self._send(connection, {"type": "error", "error": item.code})
                continue
            try:
                request = parse_request(item)
            except BadRequest as error:
                self._send(connection, {"type": "error", "error": str(error), "id": item.get("id")})
                continue
            self._handle(connection, request)

    def _handle(self, connection: _Connection, request: object) -> None:
        now = datetime.now(UTC)
        self.companions.seen(connection.number, now)
        if isinstance(request, Hello):
            first = connection.browser is None
            connection.browser = request.browser
            self.companions.hello(connection.number, request, now)
            if first:
                self._record_state("browser_companion_connected")
                log.info("companion connected: %s %s", request.browser, request.version)
                self.changed.emit()
            self._send(connection, self._config())
            return
        browser = connection.browser
        if browser is None:
            self._send(connection, {"type": "error", "error": "hello first"})
            return
        reply = lambda message: self._send(connection, message)  # noqa: E731
        if isinstance(request, UrlReport):
            connection.url = request.url
        elif isinstance(request, CheckRequest):
            if not request.url:  # a frame without its own address: the focused tab's
                request = replace(request, url=connection.url or "")
            self.companions.checked(connection.number)
            self.decider.check(request, browser, reply)
        elif isinstance(request, FileRequest):
            self.companions.checked(connection.number)
            self.decider.file(request, browser, reply)

    def _send(self, connection: _Connection, message: dict[str, object]) -> None:
        if connection.socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            return
        try:
            frame = encode(message, MAX_TO_BROWSER)
        except FramingError:
            frame = encode(verdict(_int(message.get("id")), "cancel", notice=TOO_LARGE))
        connection.socket.write(QByteArray(frame))
        connection.socket.flush()

    def _gone(self, connection: _Connection) -> None:
        self._connections.pop(connection.number, None)
        connection.url = None
        if self.companions.lost(connection.number, datetime.now(UTC)) is not None:
            self._record_state("browser_companion_lost")
            log.info("companion lost: %s", connection.browser)
            self.changed.emit()
        with contextlib.suppress(RuntimeError):  # at exit Qt may have deleted it already
            connection.socket.deleteLater()


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
