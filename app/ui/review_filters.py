"""The review window's filter bar: date range, action, tool, user, workstation, search.

A mixin of ReviewWindow. The pick-lists are refilled from each load and keep what the
manager had chosen; the search box applies 200 ms after the last key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit

from app.core.i18n import N_, _
from app.core.review.display_text import tooltip_html, visible
from app.core.review.labels import (
    ACTION_LABELS,
    action_label,
    action_meaning,
    tool_label,
)
from app.core.review.table import IncidentTable
from app.ui.review_model import Criteria, IncidentModel

ANY = N_("Any")


class FilterBar:
    """The filter widgets and what they select; needs the window's model and clock."""

    model: IncidentModel
    _now: Callable[[], datetime]
    _count_shown: Callable[[], None]  # the window's "N of M incidents shown"

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.apply_filters)
        self.action, self.tool, self.user, self.host = (QComboBox() for _ in range(4))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search user, workstation, tool, types, justification…"))
        self._debounce = QTimer(singleShot=True, interval=200)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _: self._debounce.start())
        for label, widget in (
            (N_("From"), self.start),
            (N_("to"), self.end),
            (N_("Action"), self.action),
            (N_("Tool"), self.tool),
            (N_("User"), self.user),
            (N_("Workstation"), self.host),
            (N_("Search"), self.search),
        ):
            bar.addWidget(QLabel(_(label)))
            bar.addWidget(widget)
        for combo in (self.action, self.tool, self.user, self.host):
            combo.currentIndexChanged.connect(self.apply_filters)
        return bar

    def _fill_filters(self, table: IncidentTable, days: tuple[str, str] | None) -> None:
        """Refill the pick-lists from the data; a reload keeps what the manager had chosen."""
        keep = self.criteria() if table.records and self.action.count() else None
        self._filling = True
        lists = (
            (self.action, [(code, action_label(code)) for code in ACTION_LABELS]),
            (self.tool, [(v, tool_label(v, table.tool_names)) for v in table.distinct(3)]),
            (self.user, [(v, v) for v in table.distinct(1)]),
            (self.host, [(v, v) for v in table.distinct(2)]),
        )
        for combo, items in lists:
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(_(ANY), "")
            for code, label in items:
                combo.addItem(visible(label), code)  # controls and bidi spelled out
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if keep else 0)
        for index, code in enumerate(ACTION_LABELS, start=1):  # what each action means
            self.action.setItemData(
                index, tooltip_html(action_meaning(code)), Qt.ItemDataRole.ToolTipRole
            )
        if keep is None:
            today = self._now().date().isoformat()
            first, last = days or (today, today)
            self.start.setDate(QDate.fromString(first, "yyyy-MM-dd"))
            self.end.setDate(QDate.fromString(last, "yyyy-MM-dd"))
        self._filling = False

    def criteria(self) -> Criteria:
        return Criteria(
            start=self.start.date().toString("yyyy-MM-dd"),
            end=self.end.date().toString("yyyy-MM-dd"),
            action=str(self.action.currentData() or ""),
            tool=str(self.tool.currentData() or ""),
            user=str(self.user.currentData() or ""),
            host=str(self.host.currentData() or ""),
            text=self.search.text(),
        )

    def apply_filters(self) -> int:
        if getattr(self, "_filling", False):
            return self.model.rowCount()
        shown = self.model.set_criteria(self.criteria())
        self._count_shown()
        return shown
