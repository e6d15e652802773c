"""`pastewarden incidents list|export|verify`: the local journal, or the whole central folder.

Exit codes: 0 ok, 2 error, 3 tampered (verify found a problem). Output holds sequence
numbers, kinds, tools, identifier types and counts: never PHI.
With `--central` the commands read the central folder (every device) through
app.core.review.reader; `export --central --write` writes the office manager's derived
incidents.csv / incidents.jsonl there (only this reader ever writes them).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from app.backends.central_folders import open_central
from app.commands.audit_cmd import load_audit_keys
from app.commands.central_settings import central_settings
from app.core.journal.forward_key import PREFIX
from app.core.journal.store import Journal, JournalError, default_journal_path
from app.core.journal.verify import verify_journal, verify_own_central
from app.core.review.display_text import visible
from app.core.review.export import to_csv, to_jsonl
from app.core.review.memory import apply_memory, memory_path
from app.core.review.reader import Review, read_central, write_derived
from policy.paths import data_dir

EXIT_OK, EXIT_ERROR, EXIT_TAMPERED = 0, 2, 3


def run_incidents(args: argparse.Namespace) -> int:
    """Dispatch `pastewarden incidents <action>`."""
    actions = {"list": _list, "export": _export, "verify": _verify}
    try:
        return actions[args.incidents_action](args)
    except BrokenPipeError:
        raise  # the reader went away: app.cli ends quietly
    except (JournalError, OSError, ValueError) as error:
        print(f"pastewarden incidents: {error}", file=sys.stderr)
        return EXIT_ERROR


def _records(args: argparse.Namespace) -> list[dict[str, Any]]:
    if args.central is not None:
        return _review(args).records
    return Journal(default_journal_path()).records()


def _review(args: argparse.Namespace) -> Review:
    settings = central_settings(args)
    if not settings.folder:
        raise ValueError("no central folder: pass --central FOLDER or set central.folder")
    audit = load_audit_keys(getattr(args, "audit_key", None))
    review = read_central(open_central(settings.folder), settings.heartbeat_minutes, audit=audit)
    memory = memory_path(data_dir(), str(settings.folder))
    apply_memory(review, memory, datetime.now(UTC))  # this machine's memory of the folder
    return review


def _list(args: argparse.Namespace) -> int:
    for record in _records(args):
        what = str(record.get("action") or record.get("state") or "")
        tool = str((record.get("tool") or {}).get("id") or "")
        found = ", ".join(f"{d['count']} {d['type']}" for d in record.get("detections") or [])
        head = f"{record['seq']:>6}  {record['time']}  {record['kind']!s:<11}"
        print(visible(f"{head} {what:<20} {tool:<14} {found}"))  # no terminal escapes
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    review = _review(args) if args.central is not None else None
    records = review.records if review else _records(args)
    flagged = review.flagged_devices if review is not None else set()
    settings = central_settings(args)  # the policy's tool names for the CSV
    names = settings.tool_names
    data = to_csv(records, flagged, names) if args.format == "csv" else to_jsonl(records)
    if review is not None and args.write:
        write_derived(open_central(str(settings.folder)), review, names)
        print(f"wrote incidents.csv and incidents.jsonl ({len(records)} records)", file=sys.stderr)
        if review.tampered:  # written all the same, the affected rows marked in `check`
            for problem in review.problems:
                print(visible(f"TAMPERED: {problem}"), file=sys.stderr)
            return EXIT_TAMPERED
        return EXIT_OK
    sys.stdout.buffer.write(data)
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    journal = Journal(default_journal_path())
    report = verify_journal(journal)
    problems = list(report.problems)
    summary = f"local journal: {report.checked} record(s), {report.mac_checked} MAC-verified"
    forward = sum(str(r.get("key_id")).startswith(PREFIX) for r in journal.records())
    if forward:  # their keys are gone from this computer by design
        summary += f", {forward} sealed forward (only the audit key verifies them)"
    if report.unverifiable - forward > 0:
        summary += f", {report.unverifiable - forward} sealed with a key that was not kept"
    if args.central is not None:
        review = _review(args)
        problems += review.problems
        mine = [r for r in review.records if r["device_id"] == journal.device_id]
        problems += verify_own_central(journal, mine)
        summary += (
            f"; central folder: {len(review.records)} record(s), {len(review.devices)} device(s)"
        )
        summary += _central_notes(review)
    print(summary)
    for problem in problems:
        print(visible(f"TAMPERED: {problem}"))
    return EXIT_TAMPERED if problems else EXIT_OK


def _central_notes(review: Review) -> str:
    notes = ""
    if review.silent_devices:
        notes += f"; silent: {', '.join(review.silent_devices)}"
    versions = json.dumps({str(k): v for k, v in review.policy_versions.items()})
    return notes + f"; policy versions in force (version: devices): {versions}"
