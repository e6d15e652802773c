"""Pieces of the review window: the summary strip, workstation health, false alarms, and
the follow-up dialog. Each shows an app.core.review.overview.Overview computed on the
loader thread, so filling them costs the GUI thread no counting; none holds PHI (records
carry types and counts; notes and justifications were redacted before they were stored).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.core.review import stats
from app.core.review.annotations import OUTCOMES
from app.core.review.audit_report import FALSE_ALARM_HEAD
from app.core.review.display_text import html_text, visible, visible_lines
from app.core.review.gaps import HEADERS as GAP_HEADERS
from app.core.review.labels import (
    HEADLINE,
    action_label,
    action_meaning,
    tool_label,
)
from app.core.review.overview import HEALTH_HEADERS, Overview
from app.ui.charts import BarChart
from app.ui.week_chart import WeekChart


def fill_table(table: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else visible(str(value))))
    table.resizeColumnsToContents()


def plain_label(text: str = "") -> QLabel:
    """A label that never interprets its text as rich text (it shows data)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_message(parent: QWidget, icon: QMessageBox.Icon, text: str, title: str = "") -> None:
    """A message box whose text is never interpreted as rich text."""
    title = title or _("Mark reviewed")
    box = QMessageBox(icon, title, visible(text), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def meanings_tooltip(actions: Sequence[str]) -> str:
    """What each action's count means, as an explicit rich-text tooltip of our own words."""
    lines = (html_text(f"{action_label(a)}: {action_meaning(a)}") for a in actions)
    return "<p>" + "<br>".join(lines) + "</p>"


class SummaryStrip(QWidget):
    """The weekly chart, headline counts for the week and the month with trends, and the
    two bar charts; the weekly chart follows the date filters (the window sets it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.weeks = WeekChart()  # on top, the whole width: managers look for the trend first
        layout.addWidget(self.weeks)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.counts = QLabel()  # rich text of our own labels and numbers only
        self.counts.setAccessibleName(_("Incident counts"))
        self.counts.setToolTip(meanings_tooltip(HEADLINE))
        self.by_tool = BarChart(_("Incidents by AI tool"))
        self.by_type = BarChart(_("Incidents by identifier type"))
        for widget in (self.counts, self.by_tool, self.by_type):
            row.addWidget(widget, 1)

    def show_overview(self, summary: Overview) -> None:
        """Show counts and charts computed on the loader thread (nothing is counted here)."""
        seven, thirty = html_text(_("Last 7 days")), html_text(_("Last 30 days"))
        grid = [f"<table cellspacing='4'><tr><th></th><th>{seven}</th><th>{thirty}</th>"]
        for week, month in zip(summary.week, summary.month, strict=True):
            grid.append(f"<tr><td>{week.label}</td><td>{week.text()}</td><td>{month.text()}</td>")
        self.counts.setText("".join(grid) + "</table>")
        names = summary.tool_names
        self.by_tool.set_bars([(tool_label(t, names), n) for t, n in summary.by_tool])
        self.by_type.set_bars(summary.by_type)


class HealthPanel(QWidget):
    """Per workstation: last heartbeat, silent, policy version, chain status, browser
    protection; problems list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.verdict = plain_label()  # holds host names: never rich text
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setAccessibleName(_("Chain verification"))
        self.table = QTableWidget()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        for widget in (self.verdict, self.table, QLabel(_("Problems found:")), self.problems):
            layout.addWidget(widget)

    def show_overview(self, summary: Overview) -> None:
        fill_table(self.table, tuple(map(_, HEALTH_HEADERS)), summary.health)
        silent = ", ".join(summary.silent_hosts) or _("none")
        line = _("{verdict}. Silent workstations: {hosts}.")
        self.verdict.setText(visible(line.format(verdict=summary.verdict, hosts=silent)))
        self.problems.setPlainText(visible_lines(summary.problems) or _("None."))


class FalseAlarmPanel(QWidget):
    """False alarms grouped by identifier type: what IT tunes the allow-list with."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "False-alarm reports and reviewed false alarms, by identifier "
                    "type. Frequent types are candidates for the policy's "
                    "allow-list (detection.allow)."
                )
            )
        )
        self.table = QTableWidget()
        layout.addWidget(self.table)

    def show_groups(
        self, groups: Sequence[stats.FalseAlarmGroup], names: Mapping[str, str]
    ) -> None:
        rows = [
            (
                g.type,
                g.reports,
                ", ".join(f"{tool_label(t, names)} {n}" for t, n in g.tools.most_common()),
                ", ".join(sorted(g.devices)),
            )
            for g in groups
        ]
        fill_table(self.table, tuple(map(_, FALSE_ALARM_HEAD)), rows)


class GapsPanel(QWidget):
    """Protection gaps per workstation: who, from when, to when, how long, why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                _(
                    "Times PasteWarden did not protect a workstation: paused, quit, stopped, "
                    "shut down, or ended without a stop record (killed or crashed)."
                )
            )
        )
        self.table = QTableWidget()
        layout.addWidget(self.table)

    def show_gaps(self, rows: Sequence[Sequence[object]]) -> None:
        fill_table(self.table, tuple(map(_, GAP_HEADERS)), rows)


class FollowUpDialog(QDialog):
    """Outcome pick-list and a note (the note is scanned for PHI before it is stored)."""

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mark reviewed"))
        form = QFormLayout()
        self.outcome = QComboBox()
        for code, label in OUTCOMES.items():
            self.outcome.addItem(_(label), code)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(_("What was done. Do not type patient details."))
        form.addRow(_("Incident:"), plain_label(visible(summary)))
        form.addRow(_("Outcome:"), self.outcome)
        form.addRow(_("Note:"), self.note)
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
