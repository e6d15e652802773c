"""Shows the warning dialog in its own process and reports how its text fits, as JSON.

`python dialog_at_scale.py OUT.png` with QT_SCALE_FACTOR and QT_QPA_PLATFORM set by the
caller (tests/gui/test_dialog_scaling.py): Qt reads both once, at QApplication start, so
the scaled dialog cannot share the GUI tests' own application. Saves the dialog as PNG.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QPushButton

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.ui.dialog_parts import Preview
from app.ui.warning_dialog import DialogModel, WarningDialog

PREVIEW = "Pt <NAME>, DOB <DATE>, seen today for a follow-up.\nCall her daughter at <PHONE>."
MODEL = DialogModel(
    tool_name="ChatGPT (consumer)",
    organization="Lakeside Family Practice",
    findings="1 name, 1 date tied to a person (such as a birth date), 1 phone or fax number",
    preview=PREVIEW,
    override_allowed=True,
    reasons=("Treatment",),
    approved_name="Microsoft 365 Copilot (work account)",
    approved_url="https://copilot.example",
)


def measure(dialog: WarningDialog) -> dict[str, object]:
    screen = dialog.screen()
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible()]
    buttons = [button for button in dialog.findChildren(QPushButton) if button.isVisible()]
    [preview] = dialog.findChildren(Preview)
    frame = dialog.frameGeometry()
    return {
        "dpr": screen.devicePixelRatio(),
        "screen": screen.availableGeometry().getRect(),
        "dialog": frame.getRect(),
        "labels": [
            {
                "name": label.objectName() or label.accessibleName(),
                "text": label.text(),
                "height": label.height(),
                "needed": label.heightForWidth(label.width())
                if label.wordWrap()
                else label.sizeHint().height(),
                "width": label.width(),
                "needed_width": 0 if label.wordWrap() else label.sizeHint().width(),
            }
            for label in labels
        ],
        "buttons": [
            {"text": b.text(), "width": b.width(), "needed": b.sizeHint().width()} for b in buttons
        ],
        "preview_lines_shown": preview.viewport().height() // preview.fontMetrics().lineSpacing(),
        "preview_lines": PREVIEW.count("\n") + 1,
    }


def main() -> int:
    app = QApplication(sys.argv[:1])
    dialog = WarningDialog(MODEL)
    dialog.present()
    for _ in range(10):
        app.processEvents()
    image = dialog.grab()
    ok = image.save(sys.argv[1], "PNG")
    print(json.dumps({**measure(dialog), "saved": ok, "image": [image.width(), image.height()]}))
    dialog.reject()
    return 0


if __name__ == "__main__":
    sys.exit(main())
