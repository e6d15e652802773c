"""The review window as its own program (`pastewarden review`): shown until it is closed.

The command (app.commands.review_cmd) finds and checks the source; the Qt application
is made here, so Qt stays in app/ui.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.core.review.source import ReviewSource
from app.ui.review_window import ReviewWindow


def run_review_window(source: ReviewSource) -> str | None:
    """Show the window and wait until it is closed; why it could not open, if it could not."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        window = ReviewWindow(source)
    except (OSError, ValueError) as error:
        return str(error)
    window.show()
    app.exec()
    return None
