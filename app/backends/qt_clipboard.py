"""The system clipboard through Qt (ClipboardPort): read every text flavour, quarantine, restore.

Reads happen on the GUI thread through QClipboard, which never deadlocks on our own
X11 selection (DESIGN.md §8; pyperclip is never used in the app). Text is gathered from
the plain, HTML and RTF flavours so a paste of any of them is covered. Everything the
app writes is marked excluded from clipboard history: on Windows the
ExcludeClipboardContentFromMonitorProcessing / CanIncludeInClipboardHistory=0 /
CanUploadToCloudClipboard=0 formats, on macOS org.nspasteboard.ConcealedType (through
the macOS backend), on Linux KDE's x-kde-passwordManagerHint=secret.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QGuiApplication, QTextDocumentFragment

_RTF_TYPES = ("text/rtf", "application/rtf", "text/richtext")
_SKIP_FORMATS = {"TARGETS", "MULTIPLE", "TIMESTAMP", "SAVE_TARGETS"}
_MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024
_ZERO_DWORD = b"\x00\x00\x00\x00"


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


def rtf_to_text(rtf: str) -> str:
    """A rough plain-text view of RTF for scanning: control words and groups removed."""
    text = re.sub(r"\\'[0-9a-fA-F]{2}", " ", rtf)
    text = re.sub(r"\\u-?\d+\??", " ", text)
    text = re.sub(r"\\par[d]?\b", "\n", text)
    text = re.sub(r"\\[a-zA-Z]+-?\d* ?", "", text)
    return re.sub(r"[{}]", "", text)


@dataclass
class Snapshot:
    """Every flavour of the clipboard, in memory only; dropped when the dialog closes."""

    formats: dict[str, bytes] = field(default_factory=dict, repr=False)


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

    def read_text(self) -> str:
        """Plain, HTML and RTF text, de-duplicated, joined by newlines."""
        mime = self._clipboard.mimeData()
        if mime is None:
            return ""
        parts = [mime.text()] if mime.hasText() else []
        if mime.hasHtml():
            parts.append(QTextDocumentFragment.fromHtml(mime.html()).toPlainText())
        for kind in _RTF_TYPES:
            if mime.hasFormat(kind):
                parts.append(rtf_to_text(bytes(mime.data(kind).data()).decode("latin-1")))
                break
        unique = [p for i, p in enumerate(parts) if p.strip() and p not in parts[:i]]
        return "\n".join(unique)

    def snapshot(self) -> Snapshot:
        mime = self._clipboard.mimeData()
        kept = Snapshot()
        if mime is None:
            return kept
        total = 0
        for kind in mime.formats():
            if kind in _SKIP_FORMATS:
                continue
            data = bytes(mime.data(kind).data())
            total += len(data)
            if total > _MAX_SNAPSHOT_BYTES:
                break
            kept.formats[kind] = data
        return kept

    def write_text(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        self._set(mime)

    def restore(self, snapshot: object) -> None:
        if not isinstance(snapshot, Snapshot):
            raise TypeError("not a clipboard snapshot")
        mime = QMimeData()
        for kind, data in snapshot.formats.items():
            mime.setData(kind, data)
        self._clipboard.setMimeData(mime)  # restored as it was: not marked by us

    def _set(self, mime: QMimeData) -> None:
        for kind, data in history_exclusion_formats(self._platform).items():
            mime.setData(kind, data)
        self._clipboard.setMimeData(mime)
        if self._after_write is not None:
            self._after_write()
