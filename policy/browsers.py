"""Which apps are web browsers, and how to read the page title out of a browser's window title.

Window titles decorate the page title: Windows and Linux append the browser
(" - Google Chrome", " — Mozilla Firefox"), Edge inserts the profile and a tab count
("ChatGPT and 2 more pages - Personal - Microsoft\u200b Edge", with a zero-width space),
Chrome marks incognito windows, and sites prefix unread counters ("(3) Inbox"). The
decorations are removed before title patterns run, so a pattern only ever sees the
page's own title. A profile segment is only recognised when its name is known (the
usual defaults plus the names the policy lists): an unknown last segment could be part
of the page title ("chatgpt - Google Search") and stripping it would cause a false match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_TITLE_CHARS = 512

# Process names (Windows, Linux), macOS bundle ids and display names, lower case.
# Sources: each vendor's installer layout; bundle ids as used by macOS automation tools.
BROWSER_APPS: dict[str, frozenset[str]] = {
    "chrome": frozenset(
        [
            "chrome.exe",
            "chrome",
            "google-chrome",
            "google-chrome-stable",
            "google-chrome-beta",
            "com.google.chrome",
            "com.google.chrome.beta",
            "com.google.chrome.canary",
            "chromium",
            "chromium.exe",
            "chromium-browser",
            "org.chromium.chromium",
            "google chrome",
        ]
    ),
    "edge": frozenset(
        [
            "msedge.exe",
            "msedge",
            "microsoft-edge",
            "microsoft-edge-stable",
            "microsoft-edge-beta",
            "microsoft-edge-dev",
            "com.microsoft.edgemac",
            "com.microsoft.edgemac.beta",
            "com.microsoft.edgemac.dev",
            "com.microsoft.edgemac.canary",
            "microsoft edge",
        ]
    ),
    "firefox": frozenset(
        [
            "firefox.exe",
            "firefox",
            "firefox-esr",
            "firefox-bin",
            "org.mozilla.firefox",
            "org.mozilla.firefoxdeveloperedition",
            "org.mozilla.nightly",
        ]
    ),
    "safari": frozenset(
        [
            "safari",
            "com.apple.safari",
            "com.apple.safaritechnologypreview",
        ]
    ),
    "brave": frozenset(
        [
            "brave.exe",
            "brave",
            "brave-browser",
            "brave-browser-stable",
            "com.brave.browser",
            "brave browser",
        ]
    ),
    "arc": frozenset(
        [
            "arc.exe",
            "arc",
            "company.thebrowser.browser",
            "thebrowsercompany.arc",
        ]
    ),
    "opera": frozenset(
        [
            "opera.exe",
            "opera",
            "com.operasoftware.opera",
            "com.operasoftware.operagx",
        ]
    ),
    "vivaldi": frozenset(
        [
            "vivaldi.exe",
            "vivaldi",
            "vivaldi-stable",
            "vivaldi-bin",
            "com.vivaldi.vivaldi",
        ]
    ),
}
# macOS installed web apps (PWAs) get their own bundle ids under the browser's.
PWA_BUNDLE_PREFIXES = (
    "com.google.chrome.app.",
    "com.microsoft.edgemac.app.",
    "com.brave.browser.app.",
    "com.apple.safari.webapp.",
)
_ALL_BROWSER_APPS = frozenset().union(*BROWSER_APPS.values())

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_BROWSER_SUFFIX = re.compile(
    r"\s+[-\u2013\u2014]\s+(?:Google Chrome|Chromium|Microsoft Edge|Mozilla Firefox"
    r"(?: Private Browsing)?|Firefox Developer Edition|Firefox Nightly|Brave|Opera|Vivaldi"
    r"|Safari|Arc)\s*$",
    re.IGNORECASE,
)
_STATE_SUFFIX = re.compile(
    r"\s+-\s+(?:Audio playing|Audio muted|Network error|Camera or microphone recording"
    r"|Camera recording|Microphone recording|Pinned)\s*$",
    re.IGNORECASE,
)
_DEFAULT_PROFILE = re.compile(
    r"^(?:Personal|Work|School|Default|Guest|Profile \d+|Person \d+|\[?InPrivate\]?"
    r"|Incognito|Private|Private Browsing)$",
    re.IGNORECASE,
)
_MORE_TABS = re.compile(r"\s+and \d+ (?:more|other) (?:pages?|tabs?)\s*$", re.IGNORECASE)
_COUNTER = re.compile(r"^\(\d+\+?\)\s+")
_SEGMENT = re.compile(r"^(?P<rest>.*?)\s+[-\u2013\u2014]\s+(?P<last>[^-\u2013\u2014]+?)\s*$")


@dataclass(frozen=True)
class PageTitle:
    """A window title with the browser's decorations removed."""

    page: str
    profile: str | None = None
    had_browser_suffix: bool = False


_PROFILE_SUFFIX = re.compile(r"\s*\(.*\)$")


def normalize_app(app: str | None) -> str:
    """'C:\\Program Files\\Google\\Chrome\\chrome.exe' -> 'chrome.exe'; case-folded.

    A profile suffix is dropped first: Chromium started with `--user-data-dir=D` names its
    X11 instance 'chromium (D)'.
    """
    if not app:
        return ""
    name = re.split(r"[\\/]", _PROFILE_SUFFIX.sub("", app.strip()))[-1]
    return name.removesuffix(".app").casefold()


def is_browser(app_key: str) -> bool:
    """True for a known browser process or bundle id, or an installed web app of one."""
    return app_key in _ALL_BROWSER_APPS or app_key.startswith(PWA_BUNDLE_PREFIXES)


def page_title(title: str, extra_profiles: Iterable[str] = ()) -> PageTitle:
    """Strip browser suffix, profile, tab count, tab state and unread counter."""
    text = " ".join(_INVISIBLE.sub("", title[:MAX_TITLE_CHARS]).split())
    text, count = _BROWSER_SUFFIX.subn("", text)
    known = {p.casefold() for p in extra_profiles}
    profile = None
    segment = _SEGMENT.match(text)
    if segment and (_DEFAULT_PROFILE.match(segment["last"]) or segment["last"].casefold() in known):
        text, profile = segment["rest"], segment["last"]
    text = _STATE_SUFFIX.sub("", _MORE_TABS.sub("", text))
    text = _COUNTER.sub("", text).strip()
    return PageTitle(text, profile, had_browser_suffix=count > 0)
