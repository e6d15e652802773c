"""`pastewarden status [--json]`: is this workstation protected, and if not, why.

Asks the running tray over the single-instance IPC (app.ui.instance) first; when no tray
answers, reads the files instead: the policy in force and the journal's pending count.
IT uses `status --json` to verify a workstation after deployment (docs/deploy.md).
Exit 0 when protected (a tray runs and says "protecting"), 1 otherwise.
Everything printed is PHI-free: states, policy summary, counts.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.commands.syslog_report import summary_line, syslog_summary
from app.core.central.syslog_sink import settings_from_policy
from app.core.journal.store import Journal, JournalError, default_journal_path
from app.core.protect.advice import memory_key_note
from app.core.protect.status import policy_refusal
from policy.loader import LoadResult

EXIT_PROTECTED, EXIT_NOT_PROTECTED = 0, 1
NOT_RUNNING = "the PasteWarden tray app is not running in this session"
LAST_SYNC_META = "last_sync"  # journal setting written by `pastewarden sync` (sync_cmd)
NO_CENTRAL = "no central folder is set"


def ask_running_tray() -> dict[str, Any] | None:
    """The running tray's status report, or None when no tray answers."""
    from app.ui.instance import ask  # the IPC is a Qt local socket: only app.ui knows Qt

    reply = ask("status")
    if not reply:
        return None
    try:
        answer = json.loads(reply)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def policy_summary(loaded: LoadResult) -> dict[str, Any]:
    """Source, version and signature of the policy in force, and its errors (PHI-free)."""
    return {
        "source": loaded.source,
        "version": loaded.policy.version,
        "signature": loaded.signature,
        "signed": loaded.signature == "verified",
        "path": str(loaded.path) if loaded.path else None,
        "organization": loaded.policy.organization.name,
        "errors": [str(problem) for problem in loaded.errors],
    }


def journal_summary() -> dict[str, Any]:
    """Pending records and sync facts from the local journal, without creating one.

    `last_sync` is when `pastewarden sync` last finished a pass (the tray reports its own).
    """
    path = default_journal_path()
    summary: dict[str, Any] = {"path": str(path), "exists": path.exists()}
    if not path.exists():
        return {
            **summary,
            "pending": 0,
            "last_heartbeat": None,
            "last_sync": None,
            "sync_failing": False,
        }
    try:
        journal = Journal(path)
    except JournalError as error:
        return {**summary, "error": str(error)}
    try:
        return {
            **summary,
            "pending": journal.pending(),
            "last_heartbeat": journal.meta("last_heartbeat"),
            "last_sync": journal.meta(LAST_SYNC_META),
            "sync_failing": journal.meta("sync_failing") == "1",
            "degraded": [memory_key_note(journal.key.problem)] if journal.degraded else [],
        }
    finally:
        journal.close()


def build_status(tray: dict[str, Any] | None, loaded: LoadResult) -> dict[str, Any]:
    """The `status --json` document from the tray's answer (or None) and the files."""
    if tray is None:
        state, why = "not_running", [NOT_RUNNING]
    else:
        state = str(tray.get("state", "unknown"))
        why = [str(reason) for reason in tray.get("degraded", [])]
        if state == "paused":
            why.insert(0, "protection is paused by the user")
    refusal = policy_refusal(loaded)
    if refusal and not any(reason.startswith("Policy problem") for reason in why):
        why.append(f"Policy problem: {refusal}")
    journal = journal_summary()
    return {
        "protected": state == "protecting",
        "running": tray is not None,
        "state": state,
        "why": why,
        "policy": policy_summary(loaded),
        "tray_policy": tray.get("policy") if tray else None,
        "backend": tray.get("backend") if tray else None,
        "last_sync": _latest(tray.get("last_sync") if tray else None, journal.get("last_sync")),
        "central_folder": loaded.policy.central.folder,
        "journal": journal,
        "syslog": syslog_summary(settings_from_policy(loaded.policy.central.syslog)),
        "browser_companions": tray.get("browser_companions", []) if tray else [],
        "autostart": _autostart_state(),
    }


def _latest(*stamps: Any) -> str | None:
    """The latest of ISO-8601 UTC timestamps (same format, so text order is time order)."""
    known = [str(stamp) for stamp in stamps if stamp]
    return max(known) if known else None


def _autostart_state() -> str:
    from app.commands.autostart_cmd import current_autostart

    return current_autostart()


def _headline(status: dict[str, Any]) -> str:
    """Degraded still blocks (e.g. a memory-only chain key), so it is 'limited', not 'not'."""
    if status["protected"]:
        return "PROTECTED"
    return "LIMITED" if status.get("running") and status["state"] == "degraded" else "NOT PROTECTED"


def human_lines(status: dict[str, Any]) -> list[str]:
    """The short human-readable form."""
    policy, journal = status["policy"], status["journal"]
    head = _headline(status)
    lines = [f"{head}: {status['state']}"]
    lines += [f"  why: {reason}" for reason in status["why"]]
    lines.append(
        f"policy: {policy['source']} v{policy['version']}, signature {policy['signature']}"
        + (f", {len(policy['errors'])} error(s)" if policy["errors"] else "")
    )
    lines += _sync_lines(status, journal)
    lines.append(summary_line(status.get("syslog")))
    lines.append(f"start at login: {status['autostart']}")
    return lines


def _sync_lines(status: dict[str, Any], journal: dict[str, Any]) -> list[str]:
    pending = journal.get("pending", "?")
    if not status.get("central_folder"):
        return [f"journal: {pending} record(s) kept on this computer; {NO_CENTRAL}"]
    last = status["last_sync"]
    return [
        f"journal: {pending} record(s) pending sync to {status['central_folder']}",
        f"last sync: {_readable(last) if last else 'none recorded on this computer yet'}",
    ]


def _readable(stamp: str) -> str:
    """'2026-03-02T14:05:09.123+00:00' -> '2026-03-02 14:05 UTC' (stamps are UTC)."""
    return stamp[:16].replace("T", " ") + " UTC"


def run_status(args: argparse.Namespace) -> int:
    """Print the status (JSON with --json); exit 0 protected, 1 not."""
    from policy.loader import load_policy
    from policy.locations import default_locations

    status = build_status(ask_running_tray(), load_policy(default_locations(args.policy)))
    if args.json:
        print(json.dumps(status, indent=2))
    else:
        print("\n".join(human_lines(status)))
    return EXIT_PROTECTED if status["protected"] else EXIT_NOT_PROTECTED
