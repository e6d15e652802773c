"""The system clipboard through Qt (ClipboardPort): read every text flavour, quarantine, restore.

Reads happen on the GUI thread through QClipboard, which never deadlocks on our own
X11 selection (DESIGN.md §8; pyperclip is never used in the app). A snapshot copies the
raw flavours only (50 MB of text in about 0.2 s on X11); turning HTML and RTF into text
happens in the scan worker (app.core.protect.clipboard_text), so a paste of any flavour is
covered without blocking the GUI. Everything the
app writes is marked excluded from clipboard history: on Windows the
ExcludeClipboardContentFromMonitorProcessing / CanIncludeInClipboardHistory=0 /
CanUploadToCloudClipboard=0 formats, on macOS org.nspasteboard.ConcealedType (through
the macOS backend), on Linux KDE's x-kde-passwordManagerHint=secret.
"""

from __future__ import annotations

import hmac
import secrets
import sys
from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication

from app.core.protect.clipboard_text import ClipboardSnapshot

_SKIP_FORMATS = {
    "TARGETS",
    "MULTIPLE",
    "TIMESTAMP",
    "SAVE_TARGETS",
    "application/x-pastewarden-own",
}
_MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024
_ZERO_DWORD = b"\x00\x00\x00\x00"
OWN_FORMAT = "application/x-pastewarden-own"


def _win(name: str) -> str:
    return f'application/x-qt-windows-mime;value="{name}"'


def history_exclusion_formats(platform: str) -> dict[str, bytes]:
    """Extra clipboard formats that keep our writes out of clipboard history and sync."""
    if platform.startswith("win"):
        return {
            _win("ExcludeClipboardContentFromMonitorProcessing"): b"",
            _win("CanIncludeInClipboardHistory"): _ZERO_DWORD,
            _win("CanUploadToCloudClipboard"): _ZERO_DWORD,
        }
    if platform.startswith("linux"):
        return {"x-kde-passwordManagerHint": b"secret"}
    return {}  # macOS: ConcealedType is added through NSPasteboard (app.backends.macos)


class QtClipboard(QObject):
    """ClipboardPort over QClipboard; `changed` fires on every clipboard change."""

    changed = Signal()

    def __init__(
        self,
        platform: str = sys.platform,
        poll_change_count: Callable[[], bool] | None = None,
        after_write: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._platform = platform
        self._after_write = after_write
        self._token = secrets.token_bytes(16)
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self.changed)
        self._timer: QTimer | None = None
        if poll_change_count is not None:  # macOS: Qt misses changes while inactive
            self._timer = QTimer(self)
            self._timer.setInterval(250)
            self._poll = poll_change_count
            self._timer.timeout.connect(self._poll_once)
            self._timer.start()

    def _poll_once(self) -> None:
        if self._poll():
            self.changed.emit()

    def snapshot(self) -> ClipboardSnapshot:
        """Every flavour as raw bytes, up to _MAX_SNAPSHOT_BYTES in all (then `truncated`)."""
        mime = self._clipboard.mimeData()
        if mime is None:
            return ClipboardSnapshot()
        kept: dict[str, bytes] = {}
        total = 0
        for kind in mime.formats():
            if kind in _SKIP_FORMATS:
                continue
            data = bytes(mime.data(kind).data())
            total += len(data)
            if total > _MAX_SNAPSHOT_BYTES:
                return ClipboardSnapshot(kept, truncated=True)
            kept[kind] = data
        # formats listed but nothing delivered (the owner timed out): unknown, not empty
        return ClipboardSnapshot(kept, truncated=bool(kept) and total == 0)

    def owns(self) -> bool:
        """True while the clipboard holds what this object wrote (notice, copy, restore).

        Every write carries a private format whose value is drawn at random per run, so a
        copy made elsewhere, even of our notice's text, never counts as ours.
        """
        mime = self._clipboard.mimeData()
        if mime is None or not mime.hasFormat(OWN_FORMAT):
            return False
        return hmac.compare_digest(bytes(mime.data(OWN_FORMAT).data()), self._token)

    def write_text(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        self._set(mime)

    def restore(self, snapshot: ClipboardSnapshot) -> None:
        mime = QMimeData()
        for kind, data in snapshot.formats.items():
            if kind != OWN_FORMAT:
                mime.setData(kind, data)
        mime.setData(OWN_FORMAT, self._token)  # restored as it was, plus our private mark
        self._clipboard.setMimeData(mime)

    def _set(self, mime: QMimeData) -> None:
        for kind, data in history_exclusion_formats(self._platform).items():
            mime.setData(kind, data)
        mime.setData(OWN_FORMAT, self._token)
        self._clipboard.setMimeData(mime)
        if self._after_write is not None:
            self._after_write()
