"""Moves a browser's decisions to paste time while its companion is connected.

Wraps the OS window watcher. A window of a browser whose companion extension is
connected is passed on as "no window", so the focus-time clipboard quarantine does not
run for it: the extension asks at paste, drop and send time instead, with the page's
real address. Desktop apps and browsers without a companion are passed on unchanged.
It also remembers which browser family was last in front without its companion, for
the degraded state the policy may ask for (browser_companion.required).
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.models import ForegroundWindow
from app.core.ports import WindowWatcher
from policy.browsers import BROWSER_APPS, normalize_app

# Families the companion exists for (policy.browsers names).
COMPANION_FAMILIES = ("chrome", "edge", "firefox")


def browser_family(app: str | None) -> str | None:
    """'chromium' -> 'chrome', 'msedge.exe' -> 'edge', ...; None for other apps.

    X11 reports Chromium started with --user-data-dir D as the instance "chromium (D)".
    """
    key = normalize_app(app)  # drops a profile suffix too
    return next((f for f in COMPANION_FAMILIES if key in BROWSER_APPS[f]), None)


class CompanionAwareWatcher:
    """A WindowWatcher that hides companion-covered browser windows from the pipeline."""

    def __init__(self, inner: WindowWatcher, connected: Callable[[], set[str]]) -> None:
        self.inner, self._connected = inner, connected
        self.name = inner.name
        self.uncovered: str | None = None  # family in front without its companion

    @property
    def limitation(self) -> str | None:
        return self.inner.limitation

    @limitation.setter
    def limitation(self, value: str | None) -> None:
        self.inner.limitation = value

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        self.inner.start(lambda window: on_change(self.filter(window)))

    def stop(self) -> None:
        self.inner.stop()

    def current(self) -> ForegroundWindow | None:
        return self.filter(self.inner.current())

    def filter(self, window: ForegroundWindow | None) -> ForegroundWindow | None:
        family = None
        if window is not None:  # X11: Firefox's instance is "Navigator", its class "firefox"
            family = browser_family(window.app) or browser_family(window.app_class)
        covered = family is not None and family in self._connected()
        self.uncovered = None if covered else family
        return None if covered else window
