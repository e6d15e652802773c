"""The override panel shows the reason as it will be stored while staff type it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.core.protect.reason_filter import strict_reason
from app.ui.warning_dialog import DialogModel, WarningDialog

TYPED = "for OCTAVIA BRANNIGAN's appeal, chart 7788992 seen 3/4/21"


def test_the_stored_reason_is_shown_before_it_is_confirmed(qtbot: QtBot) -> None:
    model = DialogModel("ChatGPT", "Clinic", "1 name", None, override_allowed=True,
                        reasons=("Other",), min_chars=3, timeout_s=60)  # fmt: skip
    dialog = WarningDialog(model)
    qtbot.addWidget(dialog)
    dialog.present()
    dialog.override_button.click()
    preview = dialog.reason_preview
    assert preview.isVisibleTo(dialog) and preview.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClicks(dialog.reason_text, TYPED)
    expected = "Stored in the log as: for <WORD> <WORD> appeal, chart <NUMBER> seen <NUMBER>"
    qtbot.waitUntil(lambda: preview.text() == expected, timeout=10_000)
    assert preview.text().endswith(strict_reason(TYPED))
    for secret in ("OCTAVIA", "BRANNIGAN", "7788992", "3/4/21"):
        assert secret not in preview.text()
    dialog.reason_text.clear()  # what the dialog does when it closes: nothing lingers
    assert "BRANNIGAN" not in preview.text()
