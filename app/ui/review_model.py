"""The incident table behind the review window: a QAbstractTableModel over an IncidentTable.

Built for 100,000 records: the model shows a list of record indices (the filter result in
the sorted order), so filtering and sorting are one model reset with no per-row Python
callback (a QSortFilterProxyModel asked filterAcceptsRow() 100,000 times per filter);
cells are formatted only for the rows a view paints (app.core.review.table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.core.i18n import _
from app.core.review.display_text import tooltip_html, visible
from app.core.review.table import COLUMNS, Criteria, IncidentTable, Notes

__all__ = ["COLUMNS", "RECORD_ROLE", "Criteria", "IncidentModel"]
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class IncidentModel(QAbstractTableModel):
    """Incidents (not heartbeats) with their follow-up, filtered and sorted."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.table = IncidentTable([], {})
        self.criteria = Criteria()
        self.visible: list[int] = []  # record indices shown, in row order
        self._sort: tuple[int, bool] | None = None  # the last sort asked for
        # Set while a text search waits for the loader thread's search index: the rows
        # meanwhile pass every other filter, and `table_indexed` applies the text.
        self.search_pending = False

    @property
    def records(self) -> list[Mapping[str, Any]]:
        return self.table.records

    @property
    def rows(self) -> list[tuple[str, ...]]:
        return self.table.rows

    def load(self, records: Sequence[Mapping[str, Any]], notes: Notes) -> None:
        """Show these records (tests and benches: builds the table and its index here)."""
        table = IncidentTable(records, notes)
        table.index()
        self.set_table(table)

    def set_table(self, table: IncidentTable, criteria: Criteria | None = None) -> None:
        """Show a table built elsewhere (the loader thread builds it off the GUI thread),
        filtered by `criteria` (default: the current ones).

        The last sort asked for is applied at once if the table is indexed, else when
        `table_indexed` is called.
        """
        self.table = table
        if self._sort and table.indexed:
            table.sort(*self._sort)
        self.set_criteria(criteria or self.criteria)

    def table_indexed(self) -> None:
        """The loader thread finished the table's index: apply a waiting sort and search."""
        if self._sort:
            self.table.sort(*self._sort)
        self.set_criteria(self.criteria)

    def set_criteria(self, criteria: Criteria) -> int:
        """Filter; returns the number of rows shown. Never builds the search index here."""
        self.beginResetModel()
        self.criteria = criteria
        self.search_pending = bool(criteria.text.strip()) and not self.table.indexed
        self.visible = self.table.matching(
            replace(criteria, text="") if self.search_pending else criteria
        )
        self.endResetModel()
        return len(self.visible)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return visible(self.table.row(self.visible[index.row()])[index.column()])
        if role == Qt.ItemDataRole.ToolTipRole:  # Qt guesses a tooltip's format: never data's
            return tooltip_html(self.table.row(self.visible[index.row()])[index.column()])
        if role == RECORD_ROLE:
            return self.visible[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Stable sort by the column's text; the filter result keeps the new order.

        Before the table is indexed the sort is only remembered (`table_indexed` does it).
        """
        if column < 0:
            return
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        if self.table.indexed:
            self.table.sort(*self._sort)
            self.set_criteria(self.criteria)

    def record_at(self, row: int) -> Mapping[str, Any]:
        """The record shown in row `row`."""
        return self.table.records[self.visible[row]]

    def distinct(self, column: int) -> list[str]:
        return self.table.distinct(column)
