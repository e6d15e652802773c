"""The review window as its own program (`pastewarden review`): shown until it is closed.

The command (app.commands.review_cmd) finds and checks the source; the Qt application
is made here, so Qt stays in app/ui.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.core.review.source import ReviewSource
from app.ui.language import install_language
from app.ui.review_window import ReviewWindow


def run_review_window(source: ReviewSource, language: str | None = None) -> str | None:
    """Show the window and wait until it is closed; why it could not open, if it could not.

    `language` is installed again once the application exists: Qt's own translations
    (standard buttons) need it."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_language(language)
    try:
        window = ReviewWindow(source)
    except (OSError, ValueError) as error:
        return str(error)
    window.show()
    app.exec()
    return None
