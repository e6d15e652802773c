"""Pieces of the review window: the summary strip, workstation health, false alarms, and
the follow-up dialog. Each fills itself from a Review; none holds PHI (records carry
types and counts; notes and justifications were redacted before they were stored).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import review_stats as stats
from app.core.annotations import OUTCOMES, Annotation
from app.core.audit_report import host_names
from app.core.review import Review
from app.ui.charts import BarChart


def fill_table(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeColumnsToContents()


class SummaryStrip(QWidget):
    """Headline counts for the week and the month with trends, and the two bar charts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        self.counts = QLabel()
        self.counts.setAccessibleName("Incident counts")
        self.by_tool = BarChart("Incidents by AI tool")
        self.by_type = BarChart("Incidents by identifier type")
        for widget in (self.counts, self.by_tool, self.by_type):
            layout.addWidget(widget, 1)

    def show_review(self, records: Sequence[Mapping[str, Any]], now: datetime) -> None:
        grid = ["<table cellspacing='4'><tr><th></th><th>Last 7 days</th><th>Last 30 days</th>"]
        for week, month in zip(
            stats.trends(records, now, 7), stats.trends(records, now, 30), strict=True
        ):
            grid.append(f"<tr><td>{week.label}</td><td>{week.text()}</td><td>{month.text()}</td>")
        self.counts.setText("".join(grid) + "</table>")
        self.by_tool.set_bars(stats.by_tool(records))
        self.by_type.set_bars(stats.by_type(records))


class HealthPanel(QWidget):
    """Per workstation: last heartbeat, silent, policy version, chain status; problems list."""

    HEADERS = (
        "Workstation",
        "Records",
        "Last heartbeat (UTC)",
        "Last record (UTC)",
        "Status",
        "Policy version",
        "Chain",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.verdict = QLabel()
        self.verdict.setAccessibleName("Chain verification")
        self.table = QTableWidget()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        for widget in (self.verdict, self.table, QLabel("Problems found:"), self.problems):
            layout.addWidget(widget)

    def show_review(self, review: Review) -> None:
        hosts = host_names(review.records)
        beats: dict[str, str] = {}
        for record in review.records:
            if record.get("kind") == "heartbeat":
                beats[str(record["device_id"])] = str(record["time"])
        rows = []
        for d in sorted(review.devices.values(), key=lambda d: hosts.get(d.device_id, "")):
            chain = f"{len(d.problems)} problem(s)" if d.problems else "verified"
            rows.append(
                (
                    hosts.get(d.device_id, d.device_id),
                    d.records,
                    _when(beats.get(d.device_id)),
                    _when(d.last_time),
                    "SILENT" if d.silent else "reporting",
                    d.policy_version or "unknown",
                    chain,
                )
            )
        fill_table(self.table, self.HEADERS, rows)
        silent = [hosts.get(d, d) for d in review.silent_devices]
        verdict = (
            f"TAMPERED or incomplete: {len(review.problems)} problem(s)"
            if review.problems
            else "Chain verified: no gaps, no tampering"
        )
        self.verdict.setText(
            f"<b>{verdict}</b>. Silent workstations: {', '.join(silent) or 'none'}."
        )
        self.problems.setPlainText("\n".join(review.problems) or "None.")


def _when(text: str | None) -> str:
    return (text or "never")[:19].replace("T", " ")


class FalseAlarmPanel(QWidget):
    """False alarms grouped by identifier type: what IT tunes the allow-list with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                "False-alarm reports and reviewed false alarms, by identifier "
                "type. Frequent types are candidates for the policy's "
                "allow-list (detection.allow)."
            )
        )
        self.table = QTableWidget()
        layout.addWidget(self.table)

    def show_review(
        self, records: Sequence[Mapping[str, Any]], notes: Mapping[tuple[str, int], Annotation]
    ) -> None:
        rows = [
            (
                g.type,
                g.reports,
                ", ".join(f"{t} {n}" for t, n in g.tools.most_common()),
                ", ".join(sorted(g.devices)),
            )
            for g in stats.false_alarms(records, notes)
        ]
        fill_table(self.table, ("Identifier type", "Reports", "Tools", "Workstations"), rows)


class FollowUpDialog(QDialog):
    """Outcome pick-list and a note (the note is scanned for PHI before it is stored)."""

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark reviewed")
        form = QFormLayout()
        self.outcome = QComboBox()
        for code, label in OUTCOMES.items():
            self.outcome.addItem(label, code)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("What was done. Do not type patient details.")
        form.addRow("Incident:", QLabel(summary))
        form.addRow("Outcome:", self.outcome)
        form.addRow("Note:", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        grid = QGridLayout(self)
        grid.addLayout(form, 0, 0)
        grid.addWidget(buttons, 1, 0)

    def values(self) -> tuple[str, str]:
        return str(self.outcome.currentData()), self.note.toPlainText()
