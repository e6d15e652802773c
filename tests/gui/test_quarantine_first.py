"""Quarantine first, then scan; a copy made while a dialog is open is never left pasteable.

Offscreen, with a real Scanner in its worker and a fake clipboard that records the app's
writes. The notice replaces unchecked content synchronously, before the worker answers;
a clean verdict restores the original flavours; a second copy while the dialog is open
is held at once, the open dialog says so, and a second decision follows. Values are
invented.
"""

from __future__ import annotations

from collections.abc import Callable

from gui_support import CHAT, PHI_TEXT, Rig
from pytestqt.qtbot import QtBot

from app.core.protect.pipeline import NOTICE
from app.ui.bridge import NEWER_CLEAN, NEWER_ELSEWHERE, NEWER_HELD, NEWER_PHI
from app.ui.warning_dialog import WarningDialog

SECOND_PHI = "Re: Octavio Brannagh, MRN 7731925, DOB 11/02/1948, new cough."
CLEAN = "Please summarise the attached policy on hand hygiene."
RTF_PHI = rb"{\rtf1\ansi Pt: Ren\'e9e Ostrowsk\u105?, DOB 0\u51?/14/1952, SSN 219-09-9999\par}"


def _chat(rig: Rig) -> None:
    assert rig.watcher.on_change is not None
    rig.watcher.on_change(CHAT)


def _copy(rig: Rig, text: str) -> None:
    rig.clipboard.text = text
    rig.bridge.on_clipboard_changed()


def _dialog(rig: Rig, qtbot: QtBot) -> WarningDialog:
    qtbot.waitUntil(lambda: rig.bridge.pending is not None, timeout=10_000)
    dialog = rig.bridge.pending.dialog  # type: ignore[union-attr]
    assert dialog is not None
    return dialog


def _blocked(rig: Rig, qtbot: QtBot) -> tuple[Rig, WarningDialog]:
    """ChatGPT in front, PHI copied: the rig and the dialog that opened."""
    _chat(rig)
    _copy(rig, PHI_TEXT)
    return rig, _dialog(rig, qtbot)


def _incidents(rig: Rig) -> list[str]:
    return [e.action for e in rig.sink.events if e.kind == "incident"]  # type: ignore[attr-defined]


def test_the_notice_is_there_before_the_scan_answers(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    _chat(rig)
    _copy(rig, PHI_TEXT)
    assert rig.clipboard.text == NOTICE and rig.bridge._scanning  # still scanning
    _dialog(rig, qtbot)


def test_clean_content_is_restored_with_every_flavour(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig = make_rig()
    _chat(rig)
    flavours = {"text/plain": CLEAN.encode(), "text/html": f"<p>{CLEAN}</p>".encode()}
    rig.clipboard.set_formats(flavours)
    rig.bridge.on_clipboard_changed()
    assert rig.clipboard.text == NOTICE
    qtbot.waitUntil(lambda: rig.clipboard.restores == 1, timeout=10_000)
    assert rig.clipboard.formats == flavours and rig.bridge.pending is None
    rig.bridge.on_clipboard_changed()  # the restore's own change event: nothing happens
    _chat(rig)  # nor when the window comes to the front again
    assert rig.clipboard.writes == [NOTICE] and _incidents(rig) == []


def test_a_second_phi_copy_while_the_dialog_is_open_is_held_and_asked_about(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig, first = _blocked(make_rig(), qtbot)
    _copy(rig, SECOND_PHI)
    assert rig.clipboard.text == NOTICE  # at once, while the first dialog is still open
    assert first.clipboard_label.text() == NEWER_HELD
    qtbot.waitUntil(lambda: first.clipboard_label.text() == NEWER_PHI, timeout=10_000)
    first.reject()  # Cancel the first
    qtbot.waitUntil(lambda: rig.bridge.pending is not None, timeout=10_000)
    second = _dialog(rig, qtbot)
    assert second is not first and "Octavio" not in second.model.preview  # type: ignore[operator]
    assert rig.clipboard.text == NOTICE
    second.reject()
    qtbot.waitUntil(lambda: len(_incidents(rig)) == 2, timeout=5_000)
    assert _incidents(rig) == ["blocked", "blocked"] and rig.clipboard.text == NOTICE


def test_a_clean_second_copy_comes_back_and_the_first_choice_leaves_it_alone(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig, first = _blocked(make_rig(), qtbot)
    _copy(rig, CLEAN)
    qtbot.waitUntil(lambda: rig.clipboard.text == CLEAN, timeout=10_000)
    assert first.clipboard_label.text() == NEWER_CLEAN
    first.redacted_button.click()  # a copy of the earlier text must not replace the newer
    assert _incidents(rig) == ["redacted_copy"] and rig.clipboard.text == CLEAN


def test_a_copy_made_elsewhere_keeps_the_dialog_true(
    make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    rig, first = _blocked(make_rig(), qtbot)
    assert rig.watcher.on_change is not None
    rig.watcher.on_change(None)  # the user went to another app and copied there
    _copy(rig, SECOND_PHI)
    assert first.clipboard_label.text() == NEWER_ELSEWHERE
    first.reject()
    assert rig.clipboard.text == SECOND_PHI  # not a blocked tool: untouched


def test_phi_only_in_rtf_escapes_is_quarantined(make_rig: Callable[..., Rig], qtbot: QtBot) -> None:
    rig = make_rig()
    _chat(rig)
    rig.clipboard.set_formats({"text/plain": b"Harmless summary", "text/rtf": RTF_PHI})
    rig.bridge.on_clipboard_changed()
    dialog = _dialog(rig, qtbot)
    assert rig.clipboard.text == NOTICE and "name" in dialog.wording.found
