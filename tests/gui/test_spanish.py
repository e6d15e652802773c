"""PasteWarden in Spanish: the warning dialog, the tray menu, the review window and the PDF
audit report, rendered for real (offscreen Qt, pdftotext) with the compiled catalogue and
Qt's own qtbase_es.qm. Each surface is saved as PNG (the run's tmp; with
PW_DOCS_IMAGES=1 docs/images/*-es.png for the README) and checked for Spanish words on
screen, no English leftovers in what was translated, and English back afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from gui_support import CHAT, PHI_TEXT, Rig, gui_policy, shared_scanner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / d) for d in ("unit/review", "support")]
import test_review_window as review_tests  # noqa: E402
from review_kit import PLANTED  # noqa: E402

from app.core.protect.status import Facts  # noqa: E402
from app.core.protect.wording import findings_sentence  # noqa: E402
from app.core.review.source import central_source  # noqa: E402
from app.ui.language import install_language  # noqa: E402
from app.ui.review_panels import FollowUpDialog  # noqa: E402
from app.ui.review_window import ReviewWindow  # noqa: E402
from app.ui.tray import Tray  # noqa: E402
from app.ui.warning_dialog import DialogModel, WarningDialog  # noqa: E402

DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"
site = review_tests.site  # the same three workstations, one tampered and one silent


@pytest.fixture
def spanish(qapp: QApplication) -> Iterator[str]:
    """The app switched to Spanish the way the tray does it at start; English afterwards."""
    assert install_language("es") == "es"
    yield "es"
    assert install_language("en") == "en"


@pytest.fixture
def images(tmp_path: Path) -> Path:
    """docs/images with PW_DOCS_IMAGES=1 (refresh the README's pictures), else tmp."""
    return DOCS if os.environ.get("PW_DOCS_IMAGES") == "1" else tmp_path


def save(widget: QWidget, path: Path) -> None:
    image = widget.grab()
    assert not image.isNull() and image.save(str(path)), path
    assert path.stat().st_size > 5_000  # a real picture, not an empty frame


def texts(widget: QWidget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) + widget.findChildren(QPushButton)]


def test_the_warning_dialog_in_spanish(spanish: str, qtbot: object, images: Path) -> None:
    model = DialogModel(
        tool_name="ChatGPT (consumer)",
        organization="Clínica Familiar del Valle",
        findings=findings_sentence({"NAME": 2, "DATE": 1, "SSN": 1}),
        preview="Pt <NAME>, DOB <DATE>, SSN <SSN>.",
        override_allowed=True,
        reasons=("Treatment",),
        approved_name="Microsoft 365 Copilot (work account)",
        approved_url="https://copilot.example",
    )
    dialog = WarningDialog(model)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.present()
    shown = "\n".join(texts(dialog))
    assert dialog.windowTitle() == "PasteWarden: se bloqueó el pegado"
    assert "No se puede pegar información de pacientes en ChatGPT (cuenta personal)" in shown
    assert "Clínica Familiar del Valle solo puede compartir información de pacientes" in shown
    assert "2 nombres, 1 fecha relacionada con una persona" in shown
    assert "1 número de Seguro Social" in shown
    assert "&Cancelar (no dejarlo en el portapapeles)" in shown
    assert "&Abrir Microsoft 365 Copilot (work account)" in shown
    assert "Esta ventana se cerrará como Cancelar en 120 segundos." in shown
    assert "Patient information" not in shown and "Cancel (keep" not in shown
    save(dialog, images / "tray-dialog-es.png")
    dialog.reject()


def test_the_tray_menu_in_spanish(spanish: str, qtbot: object, images: Path) -> None:
    tray = Tray(gui_policy(), lambda: "")
    tray.update(Facts())
    entries = [action.text() for action in tray.menu.actions() if not action.isSeparator()]
    assert entries == [
        "PasteWarden: protección activa",
        "Extensiones del navegador: ninguna",
        "Revisar un texto…",
        "Revisar incidentes",
        "Pausar la protección por 15 minutos",
        "Acerca de PasteWarden",
        "Salir",
    ]
    tray.update(Facts(paused=True))
    assert tray.icon.toolTip() == "PasteWarden: protección en pausa"
    assert tray.pause_action.text() == "Reanudar la protección"
    tray.update(Facts())
    tray.menu.adjustSize()
    save(tray.menu, images / "tray-menu-es.png")


def test_qt_standard_buttons_come_from_qtbase_es(spanish: str, qtbot: object) -> None:
    dialog = FollowUpDialog("2026-03-02 09:10 FRONT-DESK")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    box = dialog.findChild(QDialogButtonBox)
    labels = {button.text().replace("&", "") for button in box.buttons()}
    assert labels == {"Guardar", "Cancelar"}  # Qt's own words, from qtbase_es.qm
    assert dialog.windowTitle() == "Marcar como revisado"


def open_window(site: object, qtbot: object) -> ReviewWindow:
    window = ReviewWindow(central_source(str(site.central), 60, "Maple Clinic"), shared_scanner)  # type: ignore[attr-defined]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    review_tests.wait_loaded(window, qtbot)
    return window


def test_the_review_window_in_spanish(
    spanish: str, site: object, qtbot: object, images: Path
) -> None:
    window = open_window(site, qtbot)
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == [
        "Incidentes",
        "Estaciones de trabajo",
        "Falsas alarmas",
        "Períodos sin protección",
    ]
    assert [b.text() for b in window.buttons] == [
        "Marcar como revisado…", "Exportar CSV…", "Informe de auditoría…", "Volver a cargar",
    ]  # fmt: skip
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:5] == ["Hora", "Usuario", "Estación de trabajo", "Herramienta", "Acción"]
    actions = {row[4] for row in window.model.rows}
    assert "Bloqueado, no quedó en el portapapeles" in actions
    assert window.shown.text().endswith("incidentes")
    assert "Últimos 7 días" in window.summary.counts.text()
    assert window.report_language.currentData() == "es"
    window.action.setCurrentIndex(0)
    save(window, images / "review-window-es.png")


def pdf_text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(unicodedata.normalize("NFKC", out.stdout.decode()).split())


def test_the_audit_report_in_spanish_from_an_english_window(
    site: object, qtbot: object, tmp_path: Path, images: Path
) -> None:
    window = open_window(site, qtbot)  # the window speaks English
    today = window._now().date()
    pdf = tmp_path / "informe.pdf"
    window.export_report(pdf, today - timedelta(days=30), today, language="es")
    text = pdf_text(pdf)
    for heading in (
        "Informe de auditoría HIPAA", "Totales", "Incidentes por mes",
        "Incidentes por herramienta de IA", "Cobertura de las estaciones de trabajo",
        "Verificación de la cadena", "Lo que este registro no contiene",
    ):  # fmt: skip
        assert heading in text, heading
    assert f"Total de incidentes {len(window.model.records)}" in text
    assert "Bloqueado, no quedó en el portapapeles" in text
    assert "Total incidents" not in text and "What this log does not contain" not in text
    assert all(value not in text for value in PLANTED)
    assert window.tabs.tabText(0) == "Incidents"  # the report's language stayed on its thread
    window.export_report(tmp_path / "report.pdf", today - timedelta(days=30), today)
    assert "Total incidents" in pdf_text(tmp_path / "report.pdf")
    page = ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")]
    subprocess.run(page, check=True)
    page1 = next(tmp_path.glob("p*.png"))
    assert page1.stat().st_size > 10_000
    if images == DOCS:
        page1.replace(DOCS / "audit-report-page1-es.png")


def test_a_blocked_copy_in_spanish_end_to_end(
    spanish: str, make_rig: Callable[..., Rig], qtbot: QtBot
) -> None:
    """The real bridge and scanner: the clipboard notice and the dialog's findings come
    out in Spanish, counted by the scanner."""
    rig = make_rig()
    assert rig.watcher.on_change is not None
    rig.watcher.on_change(CHAT)
    rig.clipboard.text = PHI_TEXT
    rig.bridge.on_clipboard_changed()
    assert rig.clipboard.text.startswith("[PasteWarden] Se retuvo este contenido")
    qtbot.waitUntil(lambda: rig.bridge.pending is not None, timeout=10_000)
    dialog = rig.bridge.pending.dialog  # type: ignore[union-attr]
    assert dialog is not None
    found = dialog.wording.found
    assert found.startswith("Lo que se copió parece contener información de pacientes: ")
    assert "nombre" in found and "Seguro Social" in found
    dialog.reject()
