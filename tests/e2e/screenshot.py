"""Saves a PNG of one X11 window (or a screen region): `python screenshot.py OUT WID [X Y W H]`.

Runs as its own process with the xcb platform, so the pytest process (whose GUI tests use
the offscreen platform) never needs a second QGuiApplication.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication


def main() -> int:
    out, wid = sys.argv[1], int(sys.argv[2], 0)
    app = QGuiApplication(["screenshot", "-platform", "xcb"])
    screen = app.primaryScreen()
    x, y, w, h = (int(v) for v in sys.argv[3:7]) if len(sys.argv) >= 7 else (0, 0, -1, -1)
    image = screen.grabWindow(wid, x, y, w, h)
    return 0 if not image.isNull() and image.save(out, "PNG") else 1


if __name__ == "__main__":
    sys.exit(main())
