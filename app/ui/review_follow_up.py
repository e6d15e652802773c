"""The review window's follow-ups: "Mark reviewed…" on the selected incident.

A mixin of ReviewWindow. The note is redacted by app.core.review.annotations before it
is written, so the note scanner (Presidio: seconds to build) must be ready: the window
builds it on a thread after the first load, and the button stays disabled until then.
With the audit key the annotation is signed; a folder whose follow-ups are signed
refuses an unsigned one before it is stored (it would never show).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, cast

from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView, QWidget

from app.core.i18n import _
from app.core.journal.record_body import AgentInfo
from app.core.ports import TextScanner
from app.core.review.annotation_trust import UnsignedFollowUpError, sign
from app.core.review.annotations import (
    NoteNotScannedError,
    append_annotation,
    make_annotation,
)
from app.core.review.local_time import local_text
from app.core.review.source import ReviewSource
from app.ui.review_model import IncidentModel
from app.ui.review_panels import FollowUpDialog, plain_message


class FollowUpActions:
    """Marks incidents reviewed; needs the window's table, model, source and scanner."""

    table: QTableView
    model: IncidentModel
    source: ReviewSource
    mark_button: QPushButton
    _loading: bool
    _scanner: TextScanner | None
    _scanner_note: str
    _make_scanner: Callable[[], TextScanner]
    _now: Callable[[], datetime]
    reload: Callable[[], None]

    def _scanner_ready(self, scanner: TextScanner) -> None:
        self._scanner = scanner
        self.mark_button.setEnabled(not self._loading)
        self.mark_button.setToolTip("")

    def _scanner_failed(self, message: str) -> None:
        self._scanner_note = _("The note scanner could not start: {error}").format(error=message)
        self.mark_button.setToolTip(self._scanner_note)

    def follow_up_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        window = cast(QWidget, self)
        if not rows:
            plain_message(window, QMessageBox.Icon.Information, _("Select an incident first."))
            return
        record = self.model.record_at(rows[0].row())
        when = local_text(str(record.get("time", "")), seconds=False)
        dialog = FollowUpDialog(f"{when} {record.get('host')}", window)
        if dialog.exec() == FollowUpDialog.DialogCode.Accepted:
            try:
                self.follow_up(record, *dialog.values())
            except (NoteNotScannedError, UnsignedFollowUpError) as error:
                plain_message(window, QMessageBox.Icon.Warning, str(error))

    def follow_up(self, record: Mapping[str, Any], outcome: str, note: str) -> None:
        """Store the annotation (note redacted) and show it.

        The button only calls this once the scanner is built; a direct call before
        that (scripts, tests) builds it here.
        """
        if self._scanner is None:
            self._scanner = self._make_scanner()
        agent = AgentInfo.current()
        annotation = make_annotation(
            record, outcome, note, self._scanner, (agent.user, agent.host), self._now()
        )
        if self.source.audit:
            annotation = sign(annotation, self.source.audit[0])
        elif self.source.trusted_keys():  # it would never show: refuse before storing it
            raise UnsignedFollowUpError(
                _(
                    "Follow-ups are signed with the audit key: open the review with "
                    "pastewarden review --audit-key FILE."
                )
            )
        append_annotation(self.source.fs, annotation)
        self.reload()
