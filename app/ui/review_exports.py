"""The review window's exports: CSV of the rows shown and the audit report (PDF or HTML).

A mixin of ReviewWindow. The report for 10,000 overrides takes seconds to lay out, so
the "Audit report…" button writes it on a BackgroundTask while the window stays usable;
`export_report` itself (scripts, tests) writes it at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import QDateEdit, QFileDialog, QLabel, QPushButton, QWidget

from app.core.review.annotations import Annotation
from app.core.review.audit_report import ReportInput
from app.core.review.export import to_csv
from app.core.review.reader import Review
from app.core.review.source import ReviewSource
from app.ui.report_render import write_html, write_pdf
from app.ui.review_loader import BackgroundTask
from app.ui.review_model import IncidentModel


class ExportActions:
    """CSV and audit report; needs the window's review, notes, source, model and dates."""

    review: Review | None
    notes: dict[tuple[str, int], Annotation]
    source: ReviewSource
    model: IncidentModel
    start: QDateEdit
    end: QDateEdit
    shown: QLabel
    report_button: QPushButton
    report_task: BackgroundTask
    _now: Callable[[], datetime]

    def visible_records(self) -> list[Mapping[str, Any]]:
        return [self.model.record_at(row) for row in range(self.model.rowCount())]

    def export_csv(self, path: Path) -> int:
        records = self.visible_records()
        flagged = self.review.flagged_devices if self.review is not None else set()
        path.write_bytes(to_csv(records, flagged, self.source.tool_names))
        return len(records)

    def report_input(self, start: date, end: date) -> ReportInput:
        if self.review is None:
            raise ValueError("the incidents are still loading")
        return ReportInput(
            self.review,
            self.notes,
            start,
            end,
            self.source.organisation,
            self.source.heartbeat_minutes,
            self._now(),
            self.source.tool_names,
        )

    def export_report(self, path: Path, start: date, end: date) -> None:
        """PDF when the name ends in .pdf, otherwise standalone HTML (written here, now)."""
        _write(self.report_input(start, end), path)

    def _connect_report_task(self) -> None:
        self.report_task.done.connect(self._report_written)
        self.report_task.failed.connect(self._report_failed)

    def _ask_csv(self) -> None:
        parent = cast(QWidget, self)
        name, _ = QFileDialog.getSaveFileName(parent, "Export CSV", "incidents.csv", "CSV (*.csv)")
        if name:
            self.export_csv(Path(name))

    def _ask_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            cast(QWidget, self),
            "Audit report for the dates shown",
            "audit-report.pdf",
            "PDF (*.pdf);;HTML (*.html)",
        )
        if name:
            self.write_report_in_background(Path(name), as_date(self.start), as_date(self.end))

    def write_report_in_background(self, path: Path, start: date, end: date) -> None:
        """The report on the report task; the button is off until it is written."""
        data = self.report_input(start, end)
        self.report_button.setEnabled(False)
        self.shown.setText(f"Writing the audit report to {path.name}…")

        def work() -> Path:
            _write(data, path)
            return path

        self.report_task.start(work)

    def _report_written(self, path: Path) -> None:
        self.report_button.setEnabled(True)
        self.shown.setText(f"Audit report written: {path}")

    def _report_failed(self, message: str) -> None:
        self.report_button.setEnabled(True)
        self.shown.setText(f"Could not write the audit report: {message}")


def _write(data: ReportInput, path: Path) -> None:
    if path.suffix.lower() == ".pdf":
        write_pdf(data, path)
    else:
        write_html(data, path)


def as_date(edit: QDateEdit) -> date:
    return date.fromisoformat(edit.date().toString("yyyy-MM-dd"))
