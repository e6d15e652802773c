"""Helpers for the GUI tests: a real Scanner (built once), fakes for the clipboard and the
window watcher, the test policy, and the Rig that wires a Bridge to them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.models import ForegroundWindow
from app.core.ports import IncidentSink
from app.core.protect.clipboard_text import ClipboardSnapshot
from app.core.protect.decision import PolicyView
from app.ui.bridge import Bridge
from detectors.scanner import Scanner
from policy.catalog import MatchedTool

PLANTED = ("Wendell Purcell", "03/22/1951", "219-09-9999", "1EG4-TE5-MK73")
PHI_TEXT = (
    "Mr. Wendell Purcell (DOB 03/22/1951), SSN 219-09-9999, Medicare 1EG4-TE5-MK73, "
    "seen today for COPD exacerbation."
)
CHAT = ForegroundWindow("google-chrome", "ChatGPT - Google Chrome", 4242)


@functools.lru_cache(maxsize=1)
def shared_scanner() -> Scanner:
    return Scanner()


class FakeClipboard:
    """ClipboardPort in memory: `text` is what a paste would get.

    Setting `text` (or `formats`) is a copy by the user; `write_text` and `restore` are
    the app's own writes, which `owns()` reports until the user copies again.
    """

    def __init__(self, text: str = "") -> None:
        self.formats: dict[str, bytes] = {}
        self.text = text
        self.writes: list[str] = []
        self.restores = 0

    @property
    def text(self) -> str:
        return self.formats.get("text/plain", b"").decode()

    @text.setter
    def text(self, value: str) -> None:
        self.set_formats({"text/plain": value.encode()})

    def set_formats(self, formats: dict[str, bytes]) -> None:
        self.formats, self.owned = dict(formats), False

    def snapshot(self) -> ClipboardSnapshot:
        return ClipboardSnapshot(dict(self.formats))

    def owns(self) -> bool:
        return self.owned

    def write_text(self, text: str) -> None:
        self.writes.append(text)
        self.formats, self.owned = {"text/plain": text.encode()}, True

    def restore(self, snapshot: ClipboardSnapshot) -> None:
        self.restores += 1
        self.formats, self.owned = dict(snapshot.formats), True


class FakeWatcher:
    name = "fake"
    limitation: str | None = None

    def __init__(self) -> None:
        self.on_change: Callable[[ForegroundWindow | None], None] | None = None

    def start(self, on_change: Callable[[ForegroundWindow | None], None]) -> None:
        self.on_change = on_change

    def stop(self) -> None:
        return None

    def current(self) -> ForegroundWindow | None:
        return None


def gui_policy(override: bool = True) -> PolicyView:
    return PolicyView(
        version=3,
        signed=False,
        source="override",
        organization="Test Clinic",
        override_allowed=override,
        override_reasons=("Text is not PHI", "Other (explain)"),
        override_min_chars=10,
        approved_name="Clinic AI",
        approved_url="https://clinic-ai.example/",
        pause_allowed=True,
    )


class Matcher:
    def __init__(self, action: str = "block_with_override") -> None:
        self.action = action

    def match(self, app: str | None, title: str, url: str | None = None) -> MatchedTool | None:
        if "ChatGPT" in title:
            return MatchedTool("chatgpt", "ChatGPT", "consumer_ai", self.action, "title")  # type: ignore[arg-type]
        return None


@dataclass
class Rig:
    bridge: Bridge
    clipboard: FakeClipboard
    watcher: FakeWatcher
    sink: IncidentSink
    opened: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
