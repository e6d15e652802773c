"""A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (fds 3 and 4).

Used where a person's action cannot be reproduced with xdotool under Xvfb: Chromium's
X11 drag and drop does not start from synthetic pointer events, so the drop case sends
a trusted drag through `Input.dispatchDragEvent` (the renderer sees isTrusted events,
exactly as from the OS). Messages are JSON separated by NUL bytes.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any


class Cdp:
    """`call(method, params, session)` -> result; the browser end is given to Popen."""

    def __init__(self) -> None:
        self._to_browser_r, self._to_browser_w = os.pipe()
        self._from_browser_r, self._from_browser_w = os.pipe()
        self._next = 0
        self._replies: dict[int, dict[str, Any]] = {}
        self._cond = threading.Condition()

    def child_setup(self) -> None:
        """Run in the child (Popen preexec_fn): the pipes become fds 3 and 4."""
        os.dup2(self._to_browser_r, 3)
        os.dup2(self._from_browser_w, 4)

    def fds(self) -> tuple[int, int]:
        return (self._to_browser_r, self._from_browser_w)

    def started(self) -> None:
        """After Popen: close the child's ends here and start reading."""
        os.close(self._to_browser_r)
        os.close(self._from_browser_w)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser_r, 65536):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._cond:
                        self._replies[message["id"]] = message
                        self._cond.notify_all()

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        self._next += 1
        number = self._next
        message: dict[str, Any] = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser_w, json.dumps(message).encode() + b"\0")
        with self._cond:
            if not self._cond.wait_for(lambda: number in self._replies, timeout=20):
                raise TimeoutError(method)
            reply = self._replies.pop(number)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return dict(reply.get("result", {}))

    def page_session(self, url_prefix: str) -> str:
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page" and t["url"].startswith(url_prefix))
        attached = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}
        )
        return str(attached["sessionId"])

    def drop_text(self, session: str, x: float, y: float, text: str) -> None:
        """A trusted drag of `text` entering at (x, y) and dropped there (CSS pixels)."""
        data = {"items": [{"mimeType": "text/plain", "data": text}], "dragOperationsMask": 1}
        self._drag(session, x, y, data)

    def drop_files(self, session: str, x: float, y: float, paths: list[str]) -> None:
        """A trusted drag of files (as from a file manager) dropped at (x, y)."""
        self._drag(session, x, y, {"items": [], "files": paths, "dragOperationsMask": 1})

    def _drag(self, session: str, x: float, y: float, data: dict[str, Any]) -> None:
        for kind in ("dragEnter", "dragOver", "drop"):
            params = {"type": kind, "x": x, "y": y, "data": data}
            self.call("Input.dispatchDragEvent", params, session)
