"""Plain data passed between the core pipeline's stages (DESIGN.md §1). No Qt, no OS calls."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ForegroundWindow:
    """The window in front, as a backend reports it.

    `app` is the Windows image name (chrome.exe), the macOS bundle id (com.google.Chrome)
    or the Linux process name; `url` is set only when the backend could read the
    browser's address. `app_class` is a second name for the same app where the OS has
    one (X11's WM_CLASS class, e.g. "firefox" for the instance "Navigator"); matching
    tries it when `app` matches nothing. The title may contain PHI (an e-mail subject, a
    patient's chart): it is used for matching in memory and never written anywhere.
    """

    app: str
    title: str
    pid: int | None = None
    url: str | None = None
    app_class: str | None = None
