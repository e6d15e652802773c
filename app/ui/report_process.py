"""The audit report written by a short-lived child process, never by a thread of the window.

Laying a long report out with PySide6 on a worker thread of the window's own process
could deadlock against the GUI thread (both waiting on each other's locks) and freeze the
window. So the report task's worker thread (never the GUI thread) starts the hidden
`pastewarden report-writer` command, hands it the report's input as a pickle on its
stdin and waits for it, at most TIMEOUT_SECONDS. The child renders offscreen
(QT_QPA_PLATFORM=offscreen: no display needed, no window) into a hidden partial file
beside the target that this side reserved, and renames it onto the target once the
report is complete (so a report whose window was closed meanwhile still lands whole);
any other end (error, crash, timeout: the child is then killed) has this side remove
the partial file, so a partial report is never presented as written. The input
travels only through the pipe, never a temp file (no PHI at rest). Loading a pickle is
safe here because only this parent writes the child's stdin; someone running the
command by hand runs their own data with their own rights.
"""

from __future__ import annotations

import pickle
import secrets
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from app.backends.child_process import app_command, child_environment, spawn_hidden
from app.core.i18n import _
from app.core.review.audit_report import ReportInput
from app.ui.report_render import report_kind, write_report

WRITER_COMMAND = "report-writer"  # app/cli.py: hidden from --help
TIMEOUT_SECONDS = 120.0
_SHOWN_ERROR = 300  # characters of the child's last error line shown in the window
_applications: list[QGuiApplication] = []

Spawn = Callable[[Sequence[str], Mapping[str, str]], "subprocess.Popen[bytes]"]


class ReportWriterError(RuntimeError):
    """The report could not be written; the message says why (the window shows it)."""


def write_in_child(
    data: ReportInput,
    path: Path,
    language: str,
    timeout: float = TIMEOUT_SECONDS,
    spawn: Spawn | None = None,
) -> Path:
    """Write the report to `path` in `language` through a child process; blocks the
    calling thread (the report task's, never the GUI thread) until it is done."""
    partial = reserve_partial(path)
    try:
        command = app_command(
            *(WRITER_COMMAND, "--language", language, "--format", report_kind(path)),
            *("--partial", str(partial), str(path)),
        )
        payload = pickle.dumps(report_only(data), protocol=pickle.HIGHEST_PROTOCOL)
        environment = child_environment({"QT_QPA_PLATFORM": "offscreen"})
        _wait((spawn or spawn_hidden)(command, environment), payload, timeout)
    finally:
        partial.unlink(missing_ok=True)  # gone already when the child renamed it
    return path


def report_only(data: ReportInput) -> ReportInput:
    """`data` without what the report never reads: the records' stored lines, the digests
    left to check and the table's columns (about half of what a review holds)."""
    review = replace(data.review, stored=[], unchecked=[], columns=None)
    return replace(data, review=review)


def reserve_partial(path: Path) -> Path:
    """A new, empty hidden file beside `path` for the child to write into."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        partial.touch(exist_ok=False)
    except OSError as error:
        raise ReportWriterError(f"{error.strerror or error}: {path.parent}") from error
    return partial


def _wait(child: subprocess.Popen[bytes], payload: bytes, timeout: float) -> None:
    """Feed the child its input and wait for it; a child still running is killed."""
    try:
        _out, errors = child.communicate(payload, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ReportWriterError(
            _("writing it took longer than {seconds} s, so it was stopped").format(
                seconds=round(timeout)
            )
        ) from None
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()  # reaps it and closes the pipes
    if child.returncode != 0:
        reason = last_line(errors)
        raise ReportWriterError(
            reason or _("the report writer stopped with code {code}").format(code=child.returncode)
        )


def last_line(errors: bytes | None) -> str:
    """The child's last non-empty line on stderr (its reason), shortened for the window."""
    lines = (errors or b"").decode("utf-8", "replace").splitlines()
    text = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return text if len(text) <= _SHOWN_ERROR else text[: _SHOWN_ERROR - 1] + "…"


def write_here(data: ReportInput, path: Path, language: str, kind: str) -> None:
    """The child's side: render the report to `path` with a QGuiApplication (offscreen:
    the child's command sets QT_QPA_PLATFORM before Qt starts)."""
    if QGuiApplication.instance() is None:
        _applications.append(QGuiApplication(["pastewarden"]))  # kept until the child ends
    write_report(data, path, language, kind)
