"""`pastewarden native-host`: the browser companion's native-messaging host.

The browser starts it over stdio (Chrome passes the extension's origin as an argument,
Firefox the manifest path and the add-on id; neither is needed). It relays frames
between the extension and this user's running tray over the tray's local socket
(first line `companion`, then the same length-prefixed JSON). It holds no state beyond
the last `hello`, which it repeats when the tray comes back. Page text passes through in
memory only. When the tray cannot be reached, every `check` is answered at once with
verdict `unreachable`, so the page blocks and says why (fail closed); a malformed frame
gets an `error` reply and the host carries on.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import BinaryIO

from app.backends.tray_socket import TrayStream, TrayUnreachable, connect_tray
from app.core.companion.framing import (
    MAX_INBOUND,
    MAX_TO_BROWSER,
    FrameError,
    FramingError,
    Message,
    encode,
    read_frame,
)

RETRY_S = 2.0
HANDOVER = b"companion\n"


class Relay:
    """Browser stdio <-> tray socket; `run()` returns when the browser closes stdin."""

    def __init__(
        self,
        stdin: BinaryIO,
        stdout: BinaryIO,
        connect: Callable[[], TrayStream] = connect_tray,
    ) -> None:
        self._stdin, self._stdout = stdin, stdout
        self._connect = connect
        self._out_lock = threading.Lock()
        self._tray_lock = threading.Lock()
        self._tray: TrayStream | None = None
        self._hello: Message | None = None
        self._closing = threading.Event()

    # -- browser side ------------------------------------------------------------------
    def run(self) -> int:
        self._try_connect()
        threading.Thread(target=self._reconnect_loop, name="tray-retry", daemon=True).start()
        while (item := read_frame(self._stdin, MAX_INBOUND)) is not None:
            if isinstance(item, FrameError):
                self.to_browser({"type": "error", "error": item.code})
            else:
                self._from_browser(item)
        self._closing.set()
        self._drop_tray()
        return 0

    def _from_browser(self, message: Message) -> None:
        if not isinstance(message.get("type"), str):
            self.to_browser({"type": "error", "error": "no_type", "id": message.get("id")})
            return
        if message["type"] == "hello":
            self._hello = message
        if not self._to_tray(message):
            self._answer_unreachable(message)

    def _answer_unreachable(self, message: Message) -> None:
        if message["type"] in ("check", "file"):
            reply = {"type": "verdict", "id": message.get("id"), "verdict": "unreachable"}
            self.to_browser(reply)
        elif message["type"] == "hello":
            self.to_browser({"type": "tray", "connected": False})

    def to_browser(self, message: Message) -> None:
        try:
            frame = encode(message, MAX_TO_BROWSER)
        except FramingError:
            frame = encode({"type": "error", "error": "reply_too_large", "id": message.get("id")})
        with self._out_lock:
            self._stdout.write(frame)
            self._stdout.flush()

    # -- tray side ---------------------------------------------------------------------
    def _to_tray(self, message: Message) -> bool:
        with self._tray_lock:
            tray = self._tray
            if tray is None:
                return False
            try:
                tray.writer.write(encode(message, MAX_INBOUND))
                return True
            except (OSError, FramingError):
                pass
        self._drop_tray()
        return False

    def _try_connect(self) -> bool:
        try:
            tray = self._connect()
            tray.writer.write(HANDOVER)
            if self._hello is not None:
                tray.writer.write(encode(self._hello, MAX_INBOUND))
        except (TrayUnreachable, OSError):
            return False
        with self._tray_lock:
            self._tray = tray
        threading.Thread(target=self._pump, args=(tray,), name="tray-read", daemon=True).start()
        if self._hello is not None:
            self.to_browser({"type": "tray", "connected": True})
        return True

    def _pump(self, tray: TrayStream) -> None:
        while (item := read_frame(tray.reader, MAX_INBOUND)) is not None:
            if not isinstance(item, FrameError):
                self.to_browser(item)
        if self._drop_tray(tray) and not self._closing.is_set():
            self.to_browser({"type": "tray", "connected": False})

    def _drop_tray(self, which: TrayStream | None = None) -> bool:
        with self._tray_lock:
            tray = self._tray
            if tray is None or (which is not None and tray is not which):
                return False
            self._tray = None
        tray.close()
        return True

    def _reconnect_loop(self) -> None:
        while not self._closing.wait(RETRY_S):
            if self._tray is None:
                self._try_connect()


def run_native_host() -> int:
    """Entry point: relay until the browser closes the pipe."""
    return Relay(sys.stdin.buffer, sys.stdout.buffer).run()
