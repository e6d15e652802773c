"""The window watcher for desktops where PasteWarden cannot see the window in front.

Wayland sessions (by design, no app may read other apps' windows), Linux without any
display (a plain SSH or CI shell), X11 without an EWMH window manager, and unknown
platforms. Protection is then limited, and the tray says so (in the tray's language:
the sentences are marked for the catalogue and translated where shown): it is never
silently off.
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.i18n import N_
from app.core.models import ForegroundWindow

WAYLAND = N_(
    "This desktop (Wayland) does not let PasteWarden see which window is in front, "
    "so pastes into AI tools cannot be caught. Ask IT for an X11 session."
)
UNKNOWN = N_("PasteWarden cannot watch windows on this system, so protection is limited.")
NO_DISPLAY = N_(
    "no display is set (DISPLAY and WAYLAND_DISPLAY are empty), so PasteWarden cannot see "
    "which window is in front: run it inside a desktop session"
)


class UnsupportedWatcher:
    """Never reports a window; `limitation` explains why."""

    name = "unsupported"

    def __init__(self, limitation: str = UNKNOWN) -> None:
        self.limitation: str | None = limitation

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        on_change(None)

    def stop(self) -> None:
        return None

    def current(self) -> ForegroundWindow | None:
        return None
