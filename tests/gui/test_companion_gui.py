"""The tray side of the browser companion (offscreen): decisions, dialog, journal, menu.

CompanionDecider is driven with the same Bridge, worker, real Scanner and pipeline as
the clipboard path (gui_support's Rig); replies are what the page would receive.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_support import PHI_TEXT, Rig, gui_policy
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.core.companion.protocol import CheckRequest, FileRequest
from app.core.journal.incident import IncidentEvent
from app.core.ports import MemoryIncidentSink
from app.ui.companion_decisions import HELD, UNRECORDED, CompanionDecider
from app.ui.tray import Tray
from app.ui.warning_dialog import WarningDialog
from policy.schema import Policy

URL = "https://chatgpt.com/c/abc"


class UrlMatcher:
    """The catalog as the decider uses it: by URL (the window title is empty)."""

    def match(self, app: str | None, title: str, url: str | None = None) -> object:
        from policy.catalog import MatchedTool

        if url and "chatgpt.com" in url:
            return MatchedTool("chatgpt", "ChatGPT", "consumer_ai", "block_with_override",
                               "url", "chatgpt.com")  # fmt: skip
        return None


def _policy(files: str) -> Policy:
    return Policy.model_validate(
        {"schema": "pastewarden.policy/1", "version": 1, "organization": {"name": "T"},
         "browser_companion": {"files": files}}
    )  # fmt: skip


def _decider(rig: Rig, files: str = "warn") -> CompanionDecider:
    policy = _policy(files)
    decider = CompanionDecider(
        rig.bridge.pipeline, rig.bridge, rig.sink, lambda t, m: None, lambda: policy
    )
    decider.catalog = UrlMatcher()  # type: ignore[assignment]
    return decider


def _ask(call: Callable[[Callable[[dict[str, object]], None]], None]) -> list:
    replies: list[dict[str, object]] = []
    call(replies.append)
    return replies


def _dialog(qtbot: QtBot) -> WarningDialog:
    from PySide6.QtWidgets import QApplication

    def find() -> WarningDialog | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, WarningDialog) and w.isVisible()]  # fmt: skip
        return found[0] if found else None

    qtbot.waitUntil(lambda: find() is not None, timeout=10000)
    dialog = find()
    assert dialog is not None
    return dialog


def _events(rig: Rig) -> list[IncidentEvent]:
    assert isinstance(rig.sink, MemoryIncidentSink)
    return rig.sink.events


def test_harmless_text_is_allowed_and_not_journaled(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    decider = _decider(rig)
    request = CheckRequest(1, "paste", URL, "Please tidy up this meeting agenda.")
    replies = _ask(lambda reply: decider.check(request, "chromium", reply))
    qtbot.waitUntil(lambda: bool(replies), timeout=10000)
    assert replies == [{"type": "verdict", "id": 1, "verdict": "allow"}]
    assert _events(rig) == []


def test_other_sites_are_allowed_without_a_scan(make_rig: Callable[..., Rig], qtbot: QtBot) -> None:
    decider = _decider(make_rig())
    replies = _ask(lambda r: decider.check(
        CheckRequest(2, "paste", "https://example.org/", PHI_TEXT), "chromium", r))  # fmt: skip
    assert replies == [{"type": "verdict", "id": 2, "verdict": "allow"}]  # at once


@pytest.mark.parametrize(
    ("choice", "verdict"), [("cancel", "cancel"), ("redacted_copy", "replace")]
)
def test_phi_shows_the_dialog_and_the_choice_answers_the_page(
    make_rig: Callable[..., Rig], qtbot: QtBot, choice: str, verdict: str
) -> None:
    rig = make_rig()
    decider = _decider(rig)
    replies = _ask(lambda r: decider.check(
        CheckRequest(3, "send", URL, PHI_TEXT), "chromium", r))  # fmt: skip
    dialog = _dialog(qtbot)
    assert rig.bridge.other_dialog  # no clipboard dialog on top of this one
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "It was not sent" in texts and "This text looks like" in texts
    assert "clipboard" not in texts.lower()
    dialog._finish(choice)
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    assert replies[0]["verdict"] == verdict and replies[0]["id"] == 3
    if verdict == "replace":
        assert "Purcell" not in str(replies[0]["text"]) and "[NAME]" in str(replies[0]["text"])
    else:
        assert replies[0]["notice"] == HELD
    event = _events(rig)[-1]
    assert event.enforcement == "browser_send" and event.tool is not None
    assert (event.tool.id, event.tool.domain, event.tool.process) == (
        "chatgpt", "chatgpt.com", "chromium")  # fmt: skip
    assert not rig.bridge.other_dialog


class BrokenSink:
    def record(self, event: IncidentEvent) -> None:
        raise OSError("disk full")


def test_an_unrecorded_override_fails_closed(make_rig: Callable[..., Rig], qtbot: QtBot) -> None:
    rig = make_rig(sink=BrokenSink())
    decider = _decider(rig)
    replies = _ask(lambda r: decider.check(
        CheckRequest(4, "paste", URL, PHI_TEXT), "chromium", r))  # fmt: skip
    _dialog(qtbot)._finish("false_alarm")
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    assert replies[0]["verdict"] == "cancel" and replies[0]["notice"] == UNRECORDED
    assert rig.bridge.pipeline.journal_ok is False


def test_files_block_policy_answers_at_once_and_records(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    decider = _decider(rig, files="block")
    replies = _ask(lambda r: decider.file(FileRequest(5, "attach", URL, 2), "firefox", r))
    assert replies[0]["verdict"] == "cancel"
    event = _events(rig)[-1]
    assert (event.enforcement, event.action, event.chars_bucket) == ("browser_file", "blocked", "0")
    allowed = _ask(lambda r: _decider(rig, files="allow").file(
        FileRequest(6, "drop", URL, 1), "firefox", r))  # fmt: skip
    assert allowed == [{"type": "verdict", "id": 6, "verdict": "allow"}]


def test_the_tray_menu_lists_companions(qtbot: QtBot) -> None:
    tray = Tray(gui_policy(), lambda: "")
    assert tray.browsers_action.text() == "Browser companions: none"
    tray.set_companions("Browser companions: chromium 0.1.0 (connected)")
    assert tray.browsers_action.text() == "Browser companions: chromium 0.1.0 (connected)"
    assert not tray.browsers_action.isEnabled()
