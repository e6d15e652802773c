"""The companion protocol and bookkeeping (app.core.companion: protocol and watch)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.core.companion.protocol import (
    BadRequest,
    CheckRequest,
    Companions,
    FileRequest,
    Hello,
    UrlReport,
    guarded_hosts,
    parse_request,
)
from app.core.companion.watch import CompanionAwareWatcher, browser_family
from app.core.models import ForegroundWindow
from policy.schema import Policy

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_requests_parse() -> None:
    assert parse_request({"type": "hello", "browser": "Chromium", "version": "1"}) == Hello(
        "chromium", "1"
    )
    assert parse_request({"type": "url", "url": "https://a.example/x"}) == UrlReport(
        "https://a.example/x"
    )
    check = parse_request(
        {"type": "check", "id": 4, "kind": "send", "url": "https://a.example/", "text": "t"}
    )
    assert check == CheckRequest(4, "send", "https://a.example/", "t")
    files = parse_request({"type": "file", "id": 5, "kind": "drop", "url": "", "count": 2})
    assert files == FileRequest(5, "drop", "", 2)


@pytest.mark.parametrize(
    "message",
    [
        {"type": "nope"},
        {"type": "hello", "browser": "lynx", "version": "1"},
        {"type": "check", "id": "1", "kind": "paste", "url": "", "text": "t"},
        {"type": "check", "id": True, "kind": "paste", "url": "", "text": "t"},
        {"type": "check", "id": 1, "kind": "print", "url": "", "text": "t"},
        {"type": "check", "id": 1, "kind": "paste", "url": "", "text": 5},
        {"type": "file", "id": 1, "kind": "drop", "url": "", "count": 0},
        {"type": "url", "url": "https://x/" + "a" * 5000},
    ],
)
def test_bad_requests_are_refused(message: dict[str, object]) -> None:
    with pytest.raises(BadRequest):
        parse_request(message)


def _policy(tools: list[dict[str, object]]) -> Policy:
    return Policy.model_validate(
        {"schema": "pastewarden.policy/1", "version": 1, "organization": {"name": "T"},
         "use_builtin_catalog": False, "tools": tools}
    )  # fmt: skip


def test_guarded_hosts_are_the_hosts_of_tools_not_allowed() -> None:
    policy = _policy(
        [
            {"id": "a", "name": "A", "category": "consumer_ai",
             "match": {"domains": ["chat.a.example", "a.example/chat"]}},
            {"id": "b", "name": "B", "category": "approved_baa",
             "match": {"domains": ["b.example"]}, "action": "allow"},
        ]
    )  # fmt: skip
    assert guarded_hosts(policy) == ["a.example", "chat.a.example"]


def test_companions_summary_prefers_the_connected_one() -> None:
    companions = Companions()
    companions.hello(1, Hello("chromium", "1"), NOW)
    companions.lost(1, NOW)
    companions.hello(2, Hello("chromium", "2"), NOW)
    companions.hello(3, Hello("firefox", "1"), NOW)
    summary = companions.summary()
    assert summary == [
        {"browser": "chromium", "version": "2", "connected": True,
         "last_seen": "2026-01-02T03:04:05Z", "checks": 0},
        {"browser": "firefox", "version": "1", "connected": True,
         "last_seen": "2026-01-02T03:04:05Z", "checks": 0},
    ]  # fmt: skip
    assert companions.connected_families() == {"chrome", "firefox"}
    assert companions.lost(1, NOW) is None  # already gone: reported once


@pytest.mark.parametrize(
    ("app", "family"),
    [("chromium", "chrome"), ("chromium (/tmp/profile)", "chrome"), ("msedge.exe", "edge"),
     ("firefox-esr", "firefox"), ("epic", None), ("", None)],
)  # fmt: skip
def test_browser_family(app: str, family: str | None) -> None:
    assert browser_family(app) == family


class _Watcher:
    name, limitation = "fake", None

    def start(self, on_change: object) -> None:
        self.on_change = on_change

    def stop(self) -> None:
        pass

    def current(self) -> ForegroundWindow | None:
        return None


def test_a_browser_with_its_companion_is_left_to_paste_time() -> None:
    connected: set[str] = {"chrome"}
    watcher = CompanionAwareWatcher(_Watcher(), lambda: connected)
    seen: list[ForegroundWindow | None] = []
    watcher.start(seen.append)
    chat = ForegroundWindow("chromium (/tmp/p)", "ChatGPT - Chromium")
    ehr = ForegroundWindow("epic", "Epic")
    fox = ForegroundWindow("firefox", "ChatGPT — Mozilla Firefox")
    for window in (chat, ehr, fox):
        watcher.inner.on_change(window)  # type: ignore[attr-defined]
    assert seen == [None, ehr, fox]
    assert watcher.uncovered == "firefox"  # in front without its companion
    connected.clear()
    assert watcher.filter(chat) == chat


def test_a_browser_known_by_its_window_class_is_covered_too() -> None:
    """X11 names Firefox's windows instance 'Navigator', class 'firefox'."""
    connected: set[str] = {"firefox"}
    watcher = CompanionAwareWatcher(_Watcher(), lambda: connected)
    fox = ForegroundWindow("navigator", "Drug question — Mozilla Firefox", app_class="firefox")
    assert watcher.filter(fox) is None and watcher.uncovered is None
    connected.clear()
    assert watcher.filter(fox) == fox and watcher.uncovered == "firefox"


def test_a_browser_without_its_companion_is_a_degraded_reason_when_listed() -> None:
    from app.core.protect.status import Facts, tray_state

    note = "Firefox is running without the PasteWarden browser companion"
    facts = Facts(browser_notes=(note,))
    assert tray_state(facts) == "degraded"
    assert note in facts.degraded_reasons()
    assert tray_state(Facts()) == "protecting"
