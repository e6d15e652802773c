"""Where the review window reads from: the central folder, or this computer's journal.

With a central folder every workstation's records are read through app.core.review.reader and
annotations go to `<central>/annotations/`. Without one (a single-computer practice)
the local journal is verified and shown as one workstation, and annotations go to
`<data_dir>/annotations/`. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import system
from app.core.central.folder import CentralFS
from app.core.i18n import _
from app.core.journal.audit_key import AuditPrivate, AuditPublic, audit_public
from app.core.journal.store import Journal, default_journal_path
from app.core.journal.verify import verify_journal
from app.core.ports import TextScanner
from app.core.review.annotation_trust import trusted_latest
from app.core.review.annotations import Annotation, read_all_annotations
from app.core.review.labels import builtin_tool_names, policy_tool_names
from app.core.review.memory import (
    apply_memory,
    load_seen,
    memory_path,
    remember_read,
    save_seen,
    seen_path,
)
from app.core.review.reader import DeviceSummary, Review, read_central
from detectors.settings import ScanSettings
from policy.paths import data_dir

if TYPE_CHECKING:
    from policy.schema import Policy


@dataclass
class ReviewSource:
    """A loadable review plus the folder that holds its annotations."""

    fs: CentralFS
    label: str
    heartbeat_minutes: int = 60
    organisation: str = "Unknown organisation"
    journal_path: Path | None = None  # set for the local journal, None for a central folder
    # The policy's detection settings (allow-list included) for scanning follow-up notes;
    # None: the window reads the default policy, as the tray does.
    scan_settings: ScanSettings | None = None
    # This reviewer machine's memory of the folder (app.core.review.memory); None: none.
    memory: Path | None = None
    # The office manager's audit keys: every forward-sealed record is verified with them.
    audit: list[AuditPrivate] = field(default_factory=list)
    audit_public: AuditPublic | None = None  # the policy's audit key: follow-ups must be signed
    # Tool id → name for the window and the report: the built-in catalog's, or the policy's.
    tool_names: dict[str, str] = field(default_factory=builtin_tool_names)

    def trusted_keys(self) -> list[AuditPublic] | None:
        """The keys a follow-up must be signed with; None when no audit key is in use."""
        keys = [k for k in (self.audit_public, *(a.public for a in self.audit)) if k]
        return keys or None

    def note_scanner(self) -> TextScanner:
        """The PHI scanner for follow-up notes, with the policy's detection settings.

        Like the tray's scan it honours detection.allow: the practice's own name, phone
        and staff names stay readable in a note instead of becoming <NAME> or <PHONE>.
        """
        from detectors.scanner import Scanner  # heavy (Presidio): only when a note is saved

        # settle_heap=False: its one full collection would walk the whole loaded review.
        return Scanner(self.scan_settings or _default_policy_settings(), settle_heap=False)

    def load(self, check_digests: bool = True) -> tuple[Review, dict[tuple[str, int], Annotation]]:
        """The review and its annotations; `check_digests=False`: see read_central."""
        if self.journal_path is not None:
            review = _local_review(self.journal_path)
        else:
            review = read_central(
                self.fs, self.heartbeat_minutes, check_digests=check_digests, audit=self.audit
            )
            if self.memory is not None:  # remembered only once every digest was checked
                apply_memory(review, self.memory, datetime.now(UTC), not review.digests_pending)
        found = read_all_annotations(self.fs, problems=review.folder_problems)
        return review, self._notes(found, review)

    def _notes(self, found: list[Annotation], review: Review) -> dict[tuple[str, int], Annotation]:
        """The follow-ups to show: trusted ones, latest by when this machine first saw them."""
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        where = seen_path(self.memory) if self.memory is not None else None
        seen = load_seen(where) if where is not None else {}
        notes, refused = trusted_latest(found, self.trusted_keys(), seen, now)
        if refused:
            review.folder_problems.append(
                f"annotations: {refused} follow-up note(s) not signed with the audit key "
                "(not shown as follow-up)"
            )
        fresh = {a.annotation_id: now for a in found if a.annotation_id not in seen}
        if where is not None and fresh:
            save_seen(where, {**seen, **fresh})
        return notes

    def remember(self, review: Review) -> None:
        """Remember a read whose digests were checked after it was shown."""
        if self.memory is not None and self.journal_path is None:
            remember_read(review, self.memory, datetime.now(UTC))


def central_source(folder: str, heartbeat_minutes: int, organisation: str) -> ReviewSource:
    return ReviewSource(
        system().open_central(folder),
        _("Central folder: {folder}").format(folder=folder),
        heartbeat_minutes,
        organisation,
    )


def local_source(journal_path: Path, heartbeat_minutes: int, organisation: str) -> ReviewSource:
    folder = journal_path.parent
    folder.mkdir(parents=True, exist_ok=True)
    label = _("This computer's journal (no central folder is set)")
    return ReviewSource(
        system().local_folder(folder), label, heartbeat_minutes, organisation, journal_path
    )


def policy_source(policy: Policy, folder: str | None = None) -> ReviewSource:
    """The review of `policy` (the command's, or the one the tray runs with).

    One place for both, so the note scanner always gets the policy's own detection
    settings: the tray used to leave them out, and notes were scanned with the default
    policy's allow-list instead of the one given with `--policy`.
    """
    from policy.scan_settings import policy_to_scan_settings

    organisation = policy.organization.name
    chosen = folder or policy.central.folder
    if chosen:
        source = central_source(chosen, policy.heartbeat_minutes, organisation)
        source.memory = memory_path(data_dir(), chosen)
    else:
        source = local_source(default_journal_path(), policy.heartbeat_minutes, organisation)
    source.scan_settings = policy_to_scan_settings(policy)  # the note scan honours the allow-list
    source.audit_public = audit_public(policy.audit.public_key)
    source.tool_names = policy_tool_names(policy)
    return source


def _default_policy_settings() -> ScanSettings:
    """The detection settings of the policy the tray would load."""
    from policy.loader import load_policy
    from policy.locations import default_locations
    from policy.scan_settings import policy_to_scan_settings

    return policy_to_scan_settings(load_policy(default_locations(None)).policy)


def _local_review(path: Path) -> Review:
    journal = Journal(path)
    records = journal.records()
    report = verify_journal(journal)
    summary = DeviceSummary(journal.device_id, records=len(records), problems=list(report.problems))
    if records:
        summary.last_seq = int(records[-1]["seq"])
        summary.last_time = max(str(r["time"]) for r in records)
        versions = [(r.get("policy") or {}).get("version") for r in records]
        summary.policy_version = next((v for v in reversed(versions) if v), None)
    return Review(records, {journal.device_id: summary})
