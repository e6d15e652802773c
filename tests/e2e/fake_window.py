"""A stand-in application window for the end-to-end tests: `python fake_window.py TITLE CLASS`.

Creates a plain X11 window with the given _NET_WM_NAME/WM_NAME, WM_CLASS (instance and
class) and _NET_WM_PID, maps it, prints its window id and waits until killed. It is the
"browser" ("ChatGPT - Google Chrome", WM_CLASS google-chrome) and the "EHR" (Epic).
"""

from __future__ import annotations

import os
import signal
import sys

from Xlib import X, Xatom, display


def main() -> None:
    title, klass = sys.argv[1], sys.argv[2]
    d = display.Display()
    screen = d.screen()
    window = screen.root.create_window(
        50, 80, 640, 360, 1, screen.root_depth,
        background_pixel=screen.white_pixel,
        event_mask=X.ExposureMask | X.StructureNotifyMask,
    )  # fmt: skip
    window.set_wm_name(title)
    window.change_property(
        d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"), 8, title.encode()
    )
    window.set_wm_class(klass, klass.title())
    window.change_property(d.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [os.getpid()])
    window.map()
    d.sync()
    print(window.id, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        d.next_event()


if __name__ == "__main__":
    main()
