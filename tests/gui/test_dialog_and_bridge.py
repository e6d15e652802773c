"""The warning dialog and the bridge, offscreen: contents, every action, keyboard, timeout.

A real Scanner finds the planted values; the clipboard and window watcher are fakes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_support import CHAT, PHI_TEXT, PLANTED, Rig
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.protect.events import UNSCANNED_REASON
from app.core.protect.pipeline import NOTICE
from app.ui.warning_dialog import DialogModel, WarningDialog
from tests.unit.tray.tray_fakes import FailingSink


def blocked(rig: Rig, qtbot: QtBot, text: str = PHI_TEXT) -> WarningDialog:
    """Put `text` on the clipboard with ChatGPT in front; wait for the dialog."""
    assert rig.watcher.on_change is not None
    rig.watcher.on_change(CHAT)
    rig.clipboard.text = text
    rig.bridge.on_clipboard_changed()
    qtbot.waitUntil(lambda: rig.bridge.pending is not None, timeout=10_000)
    dialog = rig.bridge.pending.dialog  # type: ignore[union-attr]
    assert dialog is not None
    dialog.activateWindow()  # the bridge owns (and deletes) the dialog, not qtbot
    qtbot.waitActive(dialog)  # Alt+letter mnemonics only work in the active window
    return dialog


def press(qtbot: QtBot, dialog: WarningDialog, key: Qt.Key, mod: Qt.KeyboardModifier) -> None:
    """A key press; mnemonics click their button with a short animation, so wait it out."""
    QTest.keyClick(dialog, key, mod)
    qtbot.wait(200)


def all_text(widget: QWidget) -> str:
    """Every string the dialog can show or announce."""
    parts = [widget.windowTitle(), widget.accessibleName()]
    for child in widget.findChildren(QWidget):
        parts += [child.accessibleName(), child.toolTip()]
        if isinstance(child, (QLabel, QAbstractButton, QLineEdit)):
            parts.append(child.text())
        if isinstance(child, QPlainTextEdit):
            parts.append(child.toPlainText())
        if isinstance(child, QComboBox):
            parts += [child.itemText(i) for i in range(child.count())]
    return "\n".join(parts)


def events(rig: Rig) -> list:  # type: ignore[type-arg]
    return [e for e in rig.sink.events if e.kind == "incident"]  # type: ignore[attr-defined]


def test_quarantine_happens_before_the_dialog_and_it_never_shows_a_value(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    dialog = blocked(rig, qtbot)
    assert rig.clipboard.text == NOTICE and rig.clipboard.writes[0] == NOTICE
    text = all_text(dialog)
    assert "ChatGPT" in text and "Business Associate Agreement" in text
    assert "1 name" in text and "Social Security number" in text
    assert "[NAME]" in text  # the de-identified preview is there
    for value in PLANTED:
        assert value not in text
    assert PHI_TEXT not in repr(dialog.model)


def test_every_control_has_an_accessible_name(make_rig: Callable[..., Rig], qtbot: QtBot) -> None:
    dialog = blocked(make_rig(), qtbot)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)
    controls = [w for w in dialog.findChildren(QWidget) if isinstance(w, kinds)]
    assert len(controls) >= 8
    assert [w for w in controls if not w.accessibleName()] == []


@pytest.mark.parametrize(
    ("button", "action", "clipboard"),
    [
        ("cancel_button", "blocked", NOTICE),
        ("approved_button", "blocked", NOTICE),
        ("redacted_button", "redacted_copy", "redacted"),
        ("false_alarm_button", "false_alarm_reported", PHI_TEXT),
    ],
)
def test_each_action_journals_then_releases_the_clipboard(
    make_rig: Callable[..., Rig], qtbot: QtBot, button: str, action: str, clipboard: str
) -> None:
    rig = make_rig()
    dialog = blocked(rig, qtbot)
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert rig.bridge.pending is None and not dialog.isVisible()
    assert [e.action for e in events(rig)] == [action]
    if clipboard == "redacted":
        assert "[NAME]" in rig.clipboard.text and "Wendell" not in rig.clipboard.text
    else:
        assert rig.clipboard.text == clipboard
    assert rig.opened == (["https://clinic-ai.example/"] if button == "approved_button" else [])


def test_keyboard_only_override_scans_the_reason(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    dialog = blocked(rig, qtbot)
    assert dialog.cancel_button.hasFocus() or dialog.cancel_button.isDefault()
    press(qtbot, dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert dialog.override_panel.isVisible()
    QTest.keyClick(dialog.reason_box, Qt.Key.Key_Tab)
    QTest.keyClicks(dialog.reason_text, "short")
    QTest.keyClick(dialog.reason_text, Qt.Key.Key_Return)
    assert dialog.isVisible()  # too short: Enter does nothing (and never cancels)
    QTest.keyClicks(dialog.reason_text, " note for Wendell Purcell")
    QTest.keyClick(dialog.reason_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(events(rig)), timeout=10_000)
    event = events(rig)[0]
    assert event.action == "overridden" and rig.clipboard.text == PHI_TEXT
    assert event.justification.code == "Text is not PHI"
    assert "Wendell" not in event.justification.text and "<NAME>" in event.justification.text


@pytest.mark.parametrize(("key", "mod", "action"), [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier, "blocked"),
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "blocked"),
    (Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier, "redacted_copy"),
    (Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier, "false_alarm_reported"),
])  # fmt: skip
def test_keyboard_shortcuts(
    make_rig: Callable[..., Rig], qtbot: QtBot, key: Qt.Key, mod: Qt.KeyboardModifier, action: str
) -> None:
    rig = make_rig()
    dialog = blocked(rig, qtbot)
    press(qtbot, dialog, key, mod)
    assert [e.action for e in events(rig)] == [action]


def test_no_override_button_when_the_policy_forbids(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig(override=False)
    dialog = blocked(rig, qtbot)
    assert not dialog.override_button.isVisible()
    press(qtbot, dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert rig.clipboard.text == NOTICE  # a false-alarm report does not release it either


def test_dialog_times_out_to_cancel(make_rig: Callable[..., Rig], qtbot: QtBot) -> None:
    rig = make_rig(timeout_s=1)
    dialog = blocked(rig, qtbot)
    with qtbot.waitSignal(dialog.chosen, timeout=5000) as signal:
        pass
    assert signal.args[0] == "timeout"
    assert [e.action for e in events(rig)] == ["blocked"] and rig.clipboard.text == NOTICE


def test_journal_failure_keeps_the_clipboard_quarantined(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig(sink=FailingSink())
    dialog = blocked(rig, qtbot)
    press(qtbot, dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert rig.clipboard.text == NOTICE
    assert not rig.bridge.pipeline.journal_ok


def test_warn_only_tool_notifies_without_blocking(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig(action="warn")
    assert rig.watcher.on_change is not None
    rig.watcher.on_change(CHAT)
    rig.clipboard.text = PHI_TEXT
    rig.bridge.on_clipboard_changed()
    qtbot.waitUntil(lambda: bool(rig.notes), timeout=10_000)
    assert rig.bridge.pending is None and rig.clipboard.text == PHI_TEXT
    assert [e.enforcement for e in events(rig)] == ["notification"]
    assert all(value not in str(rig.notes) for value in PLANTED)


def test_window_coming_to_front_triggers_and_clean_text_passes(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    rig.clipboard.text = "Please summarise the attached policy on hand hygiene."
    assert rig.watcher.on_change is not None
    rig.watcher.on_change(CHAT)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: not rig.bridge._scanning, timeout=10_000)
    assert rig.bridge.pending is None and events(rig) == []
    rig.clipboard.text = PHI_TEXT
    rig.watcher.on_change(CHAT)
    qtbot.waitUntil(lambda: rig.bridge.pending is not None, timeout=10_000)


def test_unfinished_reason_scan_withholds_the_text(qtbot: QtBot) -> None:
    model = DialogModel("ChatGPT", "Clinic", "1 name", None, unchecked=True, override_allowed=True,
                        reasons=("Other",), min_chars=3, timeout_s=60)  # fmt: skip
    dialog = WarningDialog(model)
    qtbot.addWidget(dialog)
    assert not dialog.redacted_button.isEnabled()
    assert "could not finish" in all_text(dialog)
    assert UNSCANNED_REASON.startswith("<")
