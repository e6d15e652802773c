"""`pastewarden report-writer` (hidden): the child process that writes one audit report.

The review window starts it (app.ui.report_process says why, and how) and writes the
report's input as a pickle to its stdin; it is not meant to be run by people. It renders
offscreen, so it needs no display, into the `--partial` file the window reserved beside
the target, and renames that onto the target once the report is complete. When it
cannot, it removes the partial file, so nothing half-written stays behind even if the
window is gone by then.

Exit codes: 0 written; 2 no report input on stdin, or the file could not be written
(the reason is the last line on stderr, which the window shows).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
from pathlib import Path

from app.core.review.audit_report import ReportInput


def run_report_writer(args: argparse.Namespace) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before Qt starts: never a window or display
    partial = Path(args.partial)
    reason = _write(args, partial)
    if reason is None:
        return 0
    partial.unlink(missing_ok=True)
    print(reason, file=sys.stderr)
    return 2


def _write(args: argparse.Namespace, partial: Path) -> str | None:
    """Render the report into `partial`, then rename it onto its name; why not, or None."""
    try:
        data = pickle.load(sys.stdin.buffer)  # written by the window that started us
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        data = None
    if not isinstance(data, ReportInput):
        return "no report input on stdin"
    from app.ui.report_process import write_here

    try:
        write_here(data, partial, args.language, args.format)
    except OSError as error:
        return error.strerror or str(error)
    try:
        os.replace(partial, args.path)  # only a complete report gets the name
    except OSError as error:  # e.g. an older report of that name is open and locked
        return f"{error.strerror or error}: {args.path}"
    return None
