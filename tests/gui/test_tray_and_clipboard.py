"""The tray menu and the Qt clipboard adapter, offscreen."""

from __future__ import annotations

import dataclasses

from gui_support import gui_policy
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.core.protect.clipboard_text import extract_text
from app.core.protect.status import Facts
from app.ui.check_text import CheckTextDialog
from app.ui.qt_clipboard import QtClipboard, history_exclusion_formats
from app.ui.tray import REVIEW_TOOLTIP, Tray
from detectors.models import ScanReport


def test_tray_states_menu_and_policy_switches(qtbot: QtBot) -> None:
    tray = Tray(gui_policy(), lambda: "Last sync: never")
    texts = [a.text() for a in tray.menu.actions()]
    assert "Check some text…" in texts and "Review incidents" in texts
    review = next(a for a in tray.menu.actions() if a.text() == "Review incidents")
    assert review.isEnabled() and review.toolTip() == REVIEW_TOOLTIP
    assert tray.pause_action.isVisible() and tray.quit_action.isVisible()
    tray.update(Facts())
    assert tray.state == "protecting" and tray.status_action.text() == "PasteWarden: protecting"
    tray.update(Facts(window_limitation="Wayland"))
    assert tray.state == "degraded" and "Wayland" in tray.icon.toolTip()
    tray.update(Facts(paused=True))
    assert tray.pause_action.text() == "Resume protection"
    tray.update(Facts(blocked_just_now=True))
    assert tray.state == "blocked"
    locked = dataclasses.replace(gui_policy(), pause_allowed=False, quit_allowed=False)
    tray.set_policy(locked)
    assert not tray.pause_action.isVisible() and not tray.quit_action.isVisible()
    assert "version 3" in tray.about_text() and "Last sync" in tray.about_text()


def test_clipboard_reads_every_flavour_and_restores_a_snapshot(qtbot: QtBot) -> None:
    board = QtClipboard(platform="linux")
    mime = QMimeData()
    mime.setText("plain part")
    mime.setHtml("<p>html <b>Wendell</b> part</p>")
    QGuiApplication.clipboard().setMimeData(mime)
    kept = board.snapshot()
    text = extract_text(kept).text
    assert "plain part" in text and "html Wendell part" in text
    assert not board.owns()
    board.write_text("notice")
    assert board.owns() and extract_text(board.snapshot()).text == "notice"
    written = QGuiApplication.clipboard().mimeData()
    assert bytes(written.data("x-kde-passwordManagerHint").data()) == b"secret"
    board.restore(kept)
    assert "html Wendell part" in extract_text(board.snapshot()).text


def test_history_exclusion_formats_per_os() -> None:
    win = history_exclusion_formats("win32")
    assert any("ExcludeClipboardContentFromMonitorProcessing" in k for k in win)
    assert b"\x00\x00\x00\x00" in win.values()
    assert history_exclusion_formats("darwin") == {}


def test_check_text_shows_types_and_a_deidentified_copy(qtbot: QtBot) -> None:
    from gui_support import PHI_TEXT, PLANTED, shared_scanner

    def scan_for(text: str, answer: object) -> None:
        answer(shared_scanner().scan(text))  # type: ignore[operator]

    dialog = CheckTextDialog(scan_for)
    qtbot.addWidget(dialog)
    dialog.input.setPlainText(PHI_TEXT)
    dialog.check()
    assert "Would be blocked" in dialog.verdict.text() and "1 name" in dialog.verdict.text()
    assert all(v not in dialog.preview.toPlainText() for v in PLANTED)
    dialog.reject()
    assert dialog.input.toPlainText() == "" and dialog.preview.toPlainText() == ""
    dialog._show("x", None)
    assert "could not finish" in dialog.verdict.text()
    assert isinstance(shared_scanner().scan("hi"), ScanReport)
