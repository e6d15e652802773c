"""Rich text in every label: a forged workstation whose user, host, tool, identifier
types, reason and a file name are HTML (an image and a green "All workstations
reporting") and carry bidi and NUL characters. The window, its charts, the table's
tooltips, the Mark-reviewed dialog, message boxes and the load-failure line show them
as text, never as markup."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from journal_testkit import isolated_central

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.incident import Detection, IncidentEvent, Justification, ToolRef
from app.core.journal.record_body import AgentInfo
from app.core.journal.store import Journal
from app.core.review.source import central_source
from app.core.review.table import COLUMNS
from app.ui.charts import BarChart
from app.ui.review_panels import FollowUpDialog
from app.ui.review_window import ReviewWindow

RICH = "<img src='file:///tmp/x.png'><b style='color:green'>All workstations reporting</b>"
HIDDEN = "\u202etxt.exe\x00"
MARK = "<img"


class _NoScanner:
    def scan(self, text: str) -> object:  # never called: no note is saved here
        raise AssertionError("not expected")


@pytest.fixture
def forged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    past = datetime.now(UTC) - timedelta(days=2)  # silent now: its host is in the verdict
    for central in isolated_central(tmp_path, monkeypatch):
        agent = AgentInfo(user=RICH + HIDDEN, host=RICH + HIDDEN, agent_version=RICH)
        journal = Journal(tmp_path / "j.sqlite3", agent=agent, clock=lambda: past)
        for _ in range(3):
            journal.record(
                IncidentEvent(
                    kind="incident",
                    action="overridden",
                    tool=ToolRef(RICH, "consumer_ai", "x.example", RICH),
                    detections=(Detection(RICH + HIDDEN, 1, 0.9),),
                    justification=Justification("clinical_need", RICH),
                )
            )
        assert sync_once(journal, LocalFS(central)).ok
        (central / "incidents" / journal.device_id / "<img src=x>.txt").write_text("x")
        yield central


@pytest.fixture
def window(forged: Path, qtbot: object) -> ReviewWindow:
    source = central_source(str(forged), 60, RICH)
    win = ReviewWindow(source, scanner=_NoScanner)  # type: ignore[arg-type]
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    qtbot.waitUntil(lambda: not win.loading, timeout=20_000)  # type: ignore[attr-defined]
    return win


def _labels_showing_data(win: object) -> list[QLabel]:
    labels = win.findChildren(QLabel)  # type: ignore[attr-defined]
    return [label for label in labels if MARK in label.text() or "\\u202e" in label.text()]


def test_every_label_with_data_is_plain_text(window: ReviewWindow) -> None:
    shown = _labels_showing_data(window)
    assert shown, "the forged data should appear in some label (the verdict, the problems)"
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert "\u202e" not in "".join(label.text() for label in window.findChildren(QLabel))


def test_table_cells_and_tooltips_show_markup_as_text(window: ReviewWindow) -> None:
    model = window.model
    assert model.rowCount() == 3
    for column in range(len(COLUMNS)):
        index = model.index(0, column)
        cell = str(model.data(index, Qt.ItemDataRole.DisplayRole))
        tip = str(model.data(index, Qt.ItemDataRole.ToolTipRole))
        assert "\u202e" not in cell and "\x00" not in cell
        assert MARK not in tip  # escaped inside explicit rich text
        if MARK in cell:
            assert "&lt;img" in tip
    hosts = [str(model.data(model.index(0, c))) for c in range(len(COLUMNS))]
    assert any("\\u202etxt.exe\\x00" in text for text in hosts)


def test_chart_tooltips_and_health_tables_are_not_markup(window: ReviewWindow) -> None:
    charts = window.findChildren(BarChart)
    assert charts
    for chart in charts:
        assert MARK not in chart.toolTip()
    assert any("&lt;img" in chart.toolTip() for chart in charts)
    problems = window.health.problems.toPlainText()
    assert "unexpected file <img src=x>.txt" in problems


def test_the_mark_reviewed_dialog_and_message_boxes_are_plain(
    window: ReviewWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = FollowUpDialog(f"2026-01-01 {RICH}{HIDDEN}", window)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    shown = _labels_showing_data(dialog)
    assert shown and all(lab.textFormat() == Qt.TextFormat.PlainText for lab in shown)
    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box) or 0)
    window.table.clearSelection()
    window.follow_up_selected()  # nothing selected: a message box
    assert boxes and boxes[0].textFormat() == Qt.TextFormat.PlainText


def test_a_load_failure_message_is_plain_text(window: ReviewWindow) -> None:
    window._show_failure(window.loader.number, RICH)  # what a hostile error text would be
    assert window.shown.textFormat() == Qt.TextFormat.PlainText
    assert MARK in window.shown.text()
