"""The review window's exports: CSV of the rows shown and the audit report (PDF or HTML).

A mixin of ReviewWindow. The report for 10,000 overrides takes seconds to lay out, so
the "Audit report…" button has it written by a short-lived child process
(app.ui.report_process), waited for on a BackgroundTask while the window stays usable;
`export_report` itself (scripts, tests) writes it at once, in this process. The report
is written in the language picked next to the button (the window's own language at
first), whatever the window shows: an office may file its reports in English and read
the window in Spanish.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

from PySide6.QtWidgets import QComboBox, QDateEdit, QFileDialog, QLabel, QPushButton, QWidget

from app.core.i18n import LANGUAGE_NAMES, _, current
from app.core.review.annotations import Annotation
from app.core.review.audit_report import ReportInput
from app.core.review.export import to_csv
from app.core.review.reader import Review
from app.core.review.source import ReviewSource
from app.ui import report_process
from app.ui.report_render import report_kind, write_report
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
    report_language: QComboBox

    def _report_language_box(self) -> QComboBox:
        """The audit report's language: every shipped one, named in its own language."""
        self.report_language = QComboBox()
        self.report_language.setAccessibleName(_("Audit report language"))
        self.report_language.setToolTip(_("Language of the audit report"))
        for code, name in LANGUAGE_NAMES.items():
            self.report_language.addItem(name, code)
        self.report_language.setCurrentIndex(max(0, self.report_language.findData(current())))
        return self.report_language

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
            dict(self.notes),  # a copy: follow-ups saved meanwhile change the window's
            start,
            end,
            self.source.organisation,
            self.source.heartbeat_minutes,
            self._now(),
            self.source.tool_names,
        )

    def export_report(
        self, path: Path, start: date, end: date, language: str | None = None
    ) -> None:
        """PDF when the name ends in .pdf, otherwise standalone HTML (written here, now)."""
        write_report(self.report_input(start, end), path, language or current(), report_kind(path))

    def _connect_report_task(self) -> None:
        self.report_task.done.connect(self._report_written)
        self.report_task.failed.connect(self._report_failed)

    def _ask_csv(self) -> None:
        parent = cast(QWidget, self)
        name, _kind = QFileDialog.getSaveFileName(
            parent, _("Export CSV"), _("incidents.csv"), "CSV (*.csv)"
        )
        if name:
            self.export_csv(Path(name))

    def _ask_report(self) -> None:
        name, _kind = QFileDialog.getSaveFileName(
            cast(QWidget, self),
            _("Audit report for the dates shown"),
            _("audit-report.pdf"),
            "PDF (*.pdf);;HTML (*.html)",
        )
        if name:
            self.write_report_in_background(Path(name), as_date(self.start), as_date(self.end))

    def write_report_in_background(self, path: Path, start: date, end: date) -> None:
        """The report in the language picked, by a child process the report task waits
        for; the button is off until it is written."""
        data = self.report_input(start, end)
        language = str(self.report_language.currentData() or current())
        self.report_button.setEnabled(False)
        self.shown.setText(_("Writing the audit report to {file}…").format(file=path.name))

        def work() -> Path:
            return report_process.write_in_child(data, path, language)

        self.report_task.start(work)

    def _report_written(self, path: Path) -> None:
        self.report_button.setEnabled(True)
        self.shown.setText(_("Audit report written: {path}").format(path=path))

    def _report_failed(self, message: str) -> None:
        self.report_button.setEnabled(True)
        self.shown.setText(_("Could not write the audit report: {error}").format(error=message))


def as_date(edit: QDateEdit) -> date:
    return date.fromisoformat(edit.date().toString("yyyy-MM-dd"))
