"""The tray app's parts that need no Agent state: scanner, keeper, clipboard, links.

app.ui.agent builds the running app from these; each takes what it needs as arguments,
so a test can build one part alone (the keeper from a policy, without a tray).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app.backends.choose import choose_clipboard_hooks
from app.core.central.syslog_sink import settings_from_policy
from app.core.journal.keeper import JournalKeeper, KeeperSettings
from app.core.journal.store import Journal
from app.core.ports import TextScanner
from app.ui.qt_clipboard import QtClipboard
from policy.loader import LoadResult
from policy.scan_settings import policy_to_scan_settings


def make_scanner(loaded: LoadResult) -> TextScanner:
    from detectors.scanner import Scanner  # heavy import: only in the worker thread

    return Scanner(policy_to_scan_settings(loaded.policy))


def keeper_settings(loaded: LoadResult) -> KeeperSettings:
    """What the journal keeper needs from the policy in force."""
    policy = loaded.policy
    return KeeperSettings(
        central_folder=policy.central.folder,
        heartbeat_minutes=policy.heartbeat_minutes,
        local_retention_days=policy.central.local_retention_days,
        policy_version=policy.version,
        policy_signed=loaded.signature == "verified",
        syslog=settings_from_policy(policy.central.syslog),
    )


def make_keeper(
    journal: Journal | None, settings: Callable[[], KeeperSettings]
) -> JournalKeeper | None:
    """A keeper for the real journal; none without one."""
    from app.backends.syslog_socket import connect

    if journal is None:
        return None
    return JournalKeeper(journal.path, settings, connect_syslog=connect)


def make_clipboard() -> QtClipboard:
    hooks = choose_clipboard_hooks()
    return QtClipboard(poll_change_count=hooks.poll_change_count, after_write=hooks.after_write)


def open_url(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


def set_audit_key(journal: Journal | None, loaded: LoadResult) -> None:
    """The policy's audit key to the journal: forward sealing starts at its next record."""
    if journal is not None:
        journal.set_audit(loaded.policy.audit.public_key)
