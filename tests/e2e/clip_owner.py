"""Owns the X11 CLIPBOARD with several flavours at once: `python clip_owner.py FILE`.

FILE is JSON `{"mime/type": "text", ...}` (RTF text is encoded as latin-1, the rest as
UTF-8). xclip offers one flavour per process; a word processor offers plain text and RTF
together, which is what the end-to-end tests need. Prints "ready" once it owns the
clipboard and serves it until killed.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QGuiApplication


def main() -> None:
    flavours = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    app = QGuiApplication(sys.argv[:1])
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    mime = QMimeData()
    for kind, text in flavours.items():
        mime.setData(kind, text.encode("latin-1" if "rtf" in kind else "utf-8"))
    QGuiApplication.clipboard().setMimeData(mime)
    print("ready", flush=True)
    timer = QTimer()  # lets Python see SIGTERM while Qt's loop runs
    timer.start(200)
    timer.timeout.connect(lambda: None)
    app.exec()


if __name__ == "__main__":
    main()
