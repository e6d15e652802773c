"""Chooses the language of the tray app once, at start, and loads Qt's own translations.

The policy's `agent.language` wins when it names a language; "auto" follows the
workstation: Qt's QLocale.system().uiLanguages() reads the user's language list the
native way on each OS (LANGUAGE/LC_ALL/LC_MESSAGES/LANG on Linux, the display
language on Windows and macOS). Qt's qtbase_<lang>.qm translates what Qt itself draws
(standard buttons, context menus of text fields).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core import i18n

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []  # a translator must outlive its installation


def os_languages() -> list[str]:
    """The user's languages, most preferred first ('es-US', 'es', 'en-US' ...)."""
    return list(QLocale.system().uiLanguages())


def install_language(requested: str | None) -> str:
    """Use `requested` (or the OS's language for None/"auto"); returns the one in use."""
    language = i18n.use(i18n.resolve(requested, os_languages()))
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    if language != i18n.SOURCE_LANGUAGE and app is not None:
        translator = QTranslator()
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("Qt's own %s translations not found in %s", language, folder)
    log.info("language: %s (policy: %s)", language, requested or "auto")
    return language
