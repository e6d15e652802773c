"""`pastewarden scan`: one text (file, stdin, clipboard) or a JSON-lines batch.

The batch protocol (`--jsonl`) is what release checks use: the model is built once,
rows come back in input order, and no row is ever dropped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Any

from app.commands.scan_format import findings_json, human_report
from detectors.models import ScanReport

MAX_INPUT_BYTES = 64 * 1024 * 1024
EXIT_CLEAN, EXIT_PHI, EXIT_ERROR = 0, 1, 2
_BATCH_BUDGET_S = 30.0


class ScanInputError(Exception):
    """The input could not be read; the message is one line for the user."""


def run_scan(args: argparse.Namespace) -> int:
    """Dispatch to batch or single-text scanning; every failure becomes exit 2."""
    try:
        if args.jsonl:
            return _scan_batch(sys.stdin, sys.stdout, args.budget or _BATCH_BUDGET_S)
        text = _clipboard_text() if args.clipboard else _read_text(args.file)
        report = _new_scanner().scan(text, budget_s=args.budget)
    except ScanInputError as error:
        print(f"pastewarden scan: {error}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print(json.dumps(_report_json(text, report)))
    else:
        print(human_report(text, report))
    return exit_code(report)


def exit_code(report: ScanReport) -> int:
    """PHI, or a scan that could not finish (cannot be called clean), exits 1."""
    return EXIT_PHI if report.phi or not report.complete else EXIT_CLEAN


def _new_scanner() -> Any:
    from detectors.scanner import Scanner  # heavy import: only when a scan really runs

    return Scanner()


def _read_text(file: str) -> str:
    try:
        if file == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with Path(file).open("rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise ScanInputError(f"cannot read {file}: {error.strerror or error}") from error
    if len(data) > MAX_INPUT_BYTES:
        raise ScanInputError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB")
    return data.decode("utf-8", errors="replace")


NO_DISPLAY_CLIPBOARD = (
    "cannot read the clipboard: no display is set (DISPLAY and WAYLAND_DISPLAY are empty); "
    "run this inside a desktop session"
)


def _clipboard_text() -> str:
    from app.backends.choose import has_display

    if not has_display():
        raise ScanInputError(NO_DISPLAY_CLIPBOARD)
    try:
        import pyperclip

        return str(pyperclip.paste() or "")
    except Exception as error:  # pyperclip raises several unrelated types per platform
        raise ScanInputError(f"cannot read the clipboard: {error}") from error


def _report_json(text: str, report: ScanReport) -> dict[str, Any]:
    return {
        "phi": report.phi,
        "severity": report.severity.value,
        "complete": report.complete,
        "chars": report.chars,
        "counts": report.counts_by_type(),
        "special_categories": list(report.special_categories),
        "findings": findings_json(text, report, positions=True),
    }


def _scan_batch(stdin: IO[str], stdout: IO[str], budget_s: float) -> int:
    scanner = _new_scanner()
    any_phi = False
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        case_id, text = _parse_case(line, number)
        report = scanner.scan(text, budget_s=budget_s)
        any_phi = any_phi or exit_code(report) == EXIT_PHI
        row = {"id": case_id, "phi": report.phi or not report.complete}
        row["findings"] = findings_json(text, report, positions=False)
        stdout.write(json.dumps(row) + "\n")
    stdout.flush()
    return EXIT_PHI if any_phi else EXIT_CLEAN


def _parse_case(line: str, number: int) -> tuple[str, str]:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ScanInputError(f"stdin line {number}: not JSON ({error.msg})") from error
    if not isinstance(row, dict) or not isinstance(row.get("text"), str) or "id" not in row:
        raise ScanInputError(f'stdin line {number}: expected {{"id": ..., "text": "..."}}')
    return row["id"], row["text"]
