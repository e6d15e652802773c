"""The office manager's review window: summary, incident table with filters, workstation
health, false alarms, follow-up annotations, CSV export and the audit report.

Reads through app.core.review.source (central folder or local journal) on a loader
thread: the window shows at once, says it is loading, and fills when the records are
read; their digests are checked right after (a record that differs from its digest
makes the loader read everything again with every check), and until then the panels
say so and nothing can be exported, reported or marked. The panels' counts come
computed from that thread too (the GUI thread only assigns them), and a search or sort
asked for before the search index arrives runs when it does. The follow-up note is
redacted by app.core.review.annotations before it is written; the scanner (Presidio: seconds
to build) is built on a thread after the first load, and "Mark reviewed…" stays
disabled until it is ready.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _, ngettext
from app.core.ports import TextScanner
from app.core.review.annotations import (
    Annotation,
)
from app.core.review.display_text import visible
from app.core.review.labels import ACTION_LABELS, action_label
from app.core.review.local_time import zone_caption
from app.core.review.overview import Overview
from app.core.review.reader import Review
from app.core.review.source import ReviewSource
from app.core.review.table import COLUMNS
from app.core.review.weeks import weeks
from app.ui.review_exports import ExportActions, as_date
from app.ui.review_filters import FilterBar
from app.ui.review_follow_up import FollowUpActions
from app.ui.review_loader import BackgroundTask, Loaded, ReviewLoader
from app.ui.review_model import IncidentModel
from app.ui.review_panels import (
    FalseAlarmPanel,
    GapsPanel,
    HealthPanel,
    SummaryStrip,
    plain_label,
)
from app.ui.review_release import Releaser

# The count line while the records are read (again): the table may still hold the last load.
_READING = N_("Loading incidents… (reading and checking every record)")


class ReviewWindow(FollowUpActions, ExportActions, FilterBar, QMainWindow):
    """One window over one ReviewSource; `reload()` reads it again (on the loader thread)."""

    loaded = Signal()  # the records of the latest reload are shown and checked

    def __init__(
        self,
        source: ReviewSource,
        scanner: Callable[[], TextScanner] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        # Qt's paint of the table calls into the Python model thousands of times, each
        # taking the GIL; while a worker runs Python (the index, the note scanner), each
        # take waited up to the 5 ms switch interval: paints of 0.3-0.6 s. 100 us keeps
        # them short and costs the workers nothing when the GUI thread is idle.
        sys.setswitchinterval(min(sys.getswitchinterval(), 1e-4))
        self.source = source
        self._make_scanner = scanner or source.note_scanner
        self._scanner: TextScanner | None = None
        self._scanner_note = _("Preparing the note scanner…")
        self.scanner_task = BackgroundTask("note-scanner", self)
        self.scanner_task.done.connect(self._scanner_ready)
        self.scanner_task.failed.connect(self._scanner_failed)
        self.report_task = BackgroundTask("audit-report", self)
        self._connect_report_task()
        self._now = now or (lambda: datetime.now(UTC))
        self.setWindowTitle(_("PasteWarden: review incidents"))
        self.model = IncidentModel(self)
        self.review: Review | None = None
        self.notes: dict[tuple[str, int], Annotation] = {}
        self.loader = ReviewLoader(self)
        self.releaser = Releaser(self)  # frees a previous load between paints
        self.loader.finished.connect(self._show_loaded)
        self.loader.checked.connect(self._show_checked)
        self.loader.indexed.connect(self._show_indexed)
        self.loader.failed.connect(self._show_failure)
        self._build()
        self.reload()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        self.source_label = plain_label(visible(self.source.label))
        self.zone_label = plain_label(zone_caption(self._now()))  # every time shown is local
        self.summary = SummaryStrip()
        self.tabs = QTabWidget()
        self.health = HealthPanel()
        self.false_alarms = FalseAlarmPanel()
        self.tabs.addTab(self._incidents_tab(), _("Incidents"))
        self._day_counts: Mapping[tuple[str, str], int] = {}
        for edit in (self.start, self.end):  # the weekly chart shows the period picked
            edit.dateChanged.connect(self._show_weeks)
        self.tabs.addTab(self.health, _("Workstations"))
        self.tabs.addTab(self.false_alarms, _("False alarms"))
        self.gaps = GapsPanel()
        self.tabs.addTab(self.gaps, _("Protection gaps"))
        for widget in (self.source_label, self.zone_label, self.summary, self.tabs):
            layout.addWidget(widget)
        layout.setStretch(3, 1)
        self.setCentralWidget(body)
        self.resize(1200, 900)

    def _incidents_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self._filter_bar())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Wide enough for the longest action label and a tool name on two lines; measuring
        # 100,000 rows' contents would block the GUI thread.
        widest = max(
            map(self.table.fontMetrics().horizontalAdvance, map(action_label, ACTION_LABELS))
        )
        self.table.setColumnWidth(COLUMNS.index("Action"), widest + 16)
        self.table.setColumnWidth(COLUMNS.index("Tool"), 150)
        layout.addWidget(self.table)
        layout.addLayout(self._button_bar())
        return tab

    def _button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.shown = plain_label()  # shows load failures and file names: never rich text
        bar.addWidget(self.shown, 1)
        self.buttons: list[QPushButton] = []
        for text, slot in (
            (_("Mark reviewed…"), self.follow_up_selected),
            (_("Export CSV…"), self._ask_csv),
            (_("Audit report…"), self._ask_report),
            (_("Reload"), self.reload),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons.append(button)
        bar.insertWidget(bar.count() - 1, self._report_language_box())  # beside "Audit report…"
        self.mark_button, self.report_button = self.buttons[0], self.buttons[2]
        return bar

    # -- data --------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """True until the latest reload's records are shown and their digests checked."""
        return self._loading

    @property
    def rows_shown(self) -> bool:
        """The latest reload's rows are in the table (their digests may be unchecked)."""
        return self._rows_shown

    def reload(self) -> None:
        """Read the source again on the loader thread; the window stays usable meanwhile."""
        self._loading = True
        self._rows_shown = False
        for button in self.buttons:
            button.setEnabled(False)
        self.shown.setText(_(_READING))
        now = self._now()
        # Started from a zero timer, so Qt first paints the window in its loading state
        # without competing with the reader for the GIL.
        QTimer.singleShot(0, lambda: self.loader.start(self.source, now))

    def _show_failure(self, number: int, message: str) -> None:
        if number != self.loader.number:
            return
        self._loading = False
        self.buttons[-1].setEnabled(True)  # only Reload: there is nothing to act on
        self.shown.setText(
            visible(_("Could not read the incidents: {error}").format(error=message))
        )

    def _show_loaded(self, result: Loaded) -> None:
        """Assign what the loader thread computed: nothing here walks the records."""
        if result.number != self.loader.number:
            return  # a newer reload is on its way
        previous = (self.review, self.model.table)
        self.review, self.notes = result.review, result.notes
        self._fill_filters(result.table, result.overview.days)
        self.model.set_table(result.table, self.criteria())  # the one filter pass
        if not self.report_task.running:  # else the report still reads the previous load
            self.releaser.release(*previous)
        del previous  # the releaser now holds the last references
        self._show_panels(result.overview)
        self._rows_shown = True
        if result.review.digests_pending:
            self._count_shown()  # "… (checking each record against its digest…)"
        else:
            self._finish_load()
        # Check and index once Qt has laid out and painted the rows (posted events run
        # before a zero timer): its calls into the model would otherwise each wait for
        # the GIL while the digests are hashed and the index is built.
        QTimer.singleShot(0, lambda: self.loader.index(result))

    def _show_checked(self, number: int, overview: Overview) -> None:
        """Every digest of the shown load holds: the health panel's final verdicts, buttons on.

        The summary and false-alarm panels already show this load (`digests_checked`)."""
        if number != self.loader.number:
            return
        self.health.show_overview(overview)
        self._finish_load()

    def _show_panels(self, overview: Overview) -> None:
        self._day_counts = overview.day_counts
        self._show_weeks()
        self.summary.show_overview(overview)
        self.health.show_overview(overview)
        self.false_alarms.show_groups(overview.false_alarms, overview.tool_names)
        self.gaps.show_gaps(overview.gaps)

    def _show_weeks(self) -> None:
        """The weekly chart over the dates the filters pick (a few hundred days: cheap)."""
        start, end = as_date(self.start), as_date(self.end)
        shown = weeks(self._day_counts, start, end) if start <= end else []
        self.summary.weeks.set_weeks(shown)

    def _finish_load(self) -> None:
        self._loading = False
        self._count_shown()
        for button in self.buttons:
            button.setEnabled(True)
        self.mark_button.setEnabled(self._scanner is not None)
        self.mark_button.setToolTip("" if self._scanner else self._scanner_note)
        self.loaded.emit()

    def _show_indexed(self, number: int) -> None:
        if number != self.loader.number:
            return
        self.model.table_indexed()  # a waiting search or sort runs now
        self._count_shown()
        if self._scanner is None:  # once per window, after the load's own work
            self.scanner_task.start(self._make_scanner)

    def _count_shown(self) -> None:
        if self._loading and not self._rows_shown:  # a filter changed while reading again
            self.shown.setText(_(_READING))
            return
        total = len(self.model.records)
        text = ngettext(
            "{shown} of {total} incident shown", "{shown} of {total} incidents shown", total
        )
        text = text.format(shown=self.model.rowCount(), total=total)
        if self._loading:
            text += _(" (checking each record against its digest…)")
        elif self.model.search_pending:
            text += _(" (preparing the search: the text filter applies in a moment)")
        self.shown.setText(text)
