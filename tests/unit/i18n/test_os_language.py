"""The tray's language from the OS (Qt's QLocale reads LANGUAGE/LC_ALL/LC_MESSAGES/LANG on
Linux) and from the policy, in a fresh process as at a real start, Qt's own qtbase_es.qm
included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from app.ui.language import install_language
from app.core.protect.status import Facts, status_line
chosen = install_language(None if sys.argv[1] == "-" else sys.argv[1])
print(chosen, "|", status_line(Facts()), "|", QCoreApplication.translate("QPlatformTheme", "Save"))
"""


def start(policy_language: str, **env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_"))}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, policy_language],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    return [part.strip() for part in done.stdout.strip().splitlines()[-1].split("|")]


def test_a_spanish_workstation_gets_spanish_and_qts_own_words() -> None:
    assert start("-", LANG="es_US.UTF-8") == ["es", "PasteWarden: protección activa", "Guardar"]
    assert start("auto", LANGUAGE="es_MX:en", LANG="en_US.UTF-8")[0] == "es"


def test_other_workstations_get_english_and_the_policy_wins() -> None:
    assert start("-", LANG="fr_FR.UTF-8") == ["en", "PasteWarden: protecting", "Save"]
    assert start("en", LANG="es_US.UTF-8")[0] == "en"
    assert start("es", LANG="en_US.UTF-8")[:2] == ["es", "PasteWarden: protección activa"]
