"""The audit report is written by a short-lived child process, never in the window's own
process: the button's report comes from a child (rendering in the window's process is made
to fail), a child that fails or hangs is reported in the window's words and leaves no file
at the target, no partial file beside it and nothing in the temp folder, and the child
writes exactly what the window would have written itself, finishing on its own.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / d) for d in ("unit/review", "support")]
from journal_testkit import isolated_central  # noqa: E402
from review_kit import build_site  # noqa: E402

from app.backends.child_process import (  # noqa: E402
    app_command,
    child_environment,
    spawn_hidden,
)
from app.core.review.audit_report import ReportInput  # noqa: E402
from app.core.review.source import central_source  # noqa: E402
from app.ui import report_process, report_render  # noqa: E402
from app.ui.report_process import ReportWriterError, write_in_child  # noqa: E402
from app.ui.report_render import write_report  # noqa: E402
from app.ui.review_window import ReviewWindow  # noqa: E402

ORGANISATION = "Quillfeather Family Practice"  # only this test's reports carry it
TODAY = datetime.now(UTC).date()
START = TODAY - timedelta(days=30)


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private temp folder for this process and every child it starts (TMPDIR)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    return folder


@pytest.fixture
def window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, temp_folder: Path
) -> Iterator[ReviewWindow]:
    for _central in isolated_central(tmp_path, monkeypatch):
        site = build_site(tmp_path / "site")
        source = central_source(str(site.central), 60, ORGANISATION)
        yield shown(ReviewWindow(source, scanner=lambda: None), qtbot)  # type: ignore[arg-type,return-value]


def shown(window: ReviewWindow, qtbot: QtBot) -> ReviewWindow:
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=20_000)
    return window


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


class Recorder:
    """A spawn that records each command and child, and starts `replacement` (when
    given) instead of the command; the real one otherwise."""

    def __init__(self, replacement: Sequence[str] | None = None) -> None:
        self.replacement = replacement
        self.commands: list[list[str]] = []
        self.children: list[subprocess.Popen[bytes]] = []

    def __call__(
        self, command: Sequence[str], environment: Mapping[str, str]
    ) -> subprocess.Popen[bytes]:
        self.commands.append(list(command))
        child = spawn_hidden(self.replacement or command, environment)
        self.children.append(child)
        return child


def python(code: str) -> list[str]:
    """A child that reads the report's input and then runs `code`."""
    return [sys.executable, "-c", f"import sys, time; sys.stdin.buffer.read(); {code}"]


def left_behind(*folders: Path) -> list[str]:
    return sorted(str(p) for folder in folders for p in folder.rglob("*"))


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def report_input(window: ReviewWindow) -> ReportInput:
    return window.report_input(START, TODAY)


def test_the_button_has_the_report_written_by_a_child_process(
    window: ReviewWindow,
    out: Path,
    temp_folder: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def not_here(*_args: object) -> int:
        raise AssertionError("the report was rendered in the window's process")

    monkeypatch.setattr(report_render, "write_pdf", not_here)
    spawn = Recorder()
    monkeypatch.setattr(report_process, "spawn_hidden", spawn)
    pdf = out / "audit.pdf"
    window.write_report_in_background(pdf, START, TODAY)
    qtbot.waitUntil(window.report_button.isEnabled, timeout=60_000)
    assert window.shown.text() == f"Audit report written: {pdf}"
    [command] = spawn.commands
    assert command[:4] == [sys.executable, "-m", "app", "report-writer"]
    assert command[4:8] == ["--language", "en", "--format", "pdf"] and command[-1] == str(pdf)
    [child] = spawn.children
    assert child.returncode == 0 and child.pid != os.getpid()
    text = pdf_text(pdf)
    assert "HIPAA audit report" in text and ORGANISATION in text
    assert left_behind(out, temp_folder) == [str(pdf)]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("sys.exit('the renderer crashed')", "the renderer crashed"),
        ("sys.exit(9)", "the report writer stopped with code 9"),
    ],
)
def test_a_failing_writer_is_reported_and_leaves_nothing(
    window: ReviewWindow,
    out: Path,
    temp_folder: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    code: str,
    reason: str,
) -> None:
    monkeypatch.setattr(report_process, "spawn_hidden", Recorder(python(code)))
    window.write_report_in_background(out / "audit.pdf", START, TODAY)
    assert not window.report_button.isEnabled()
    qtbot.waitUntil(window.report_button.isEnabled, timeout=60_000)
    assert window.shown.text() == f"Could not write the audit report: {reason}"
    assert left_behind(out, temp_folder) == []


def test_a_folder_that_cannot_take_the_report_is_reported(
    window: ReviewWindow, out: Path, temp_folder: Path, qtbot: QtBot
) -> None:
    missing = out / "gone"
    window.write_report_in_background(missing / "audit.pdf", START, TODAY)
    qtbot.waitUntil(window.report_button.isEnabled, timeout=60_000)
    expected = f"Could not write the audit report: No such file or directory: {missing}"
    assert window.shown.text() == expected
    assert left_behind(out, temp_folder) == []


def test_the_real_writer_failing_leaves_nothing(
    window: ReviewWindow, out: Path, temp_folder: Path
) -> None:
    """The child itself cannot open its file (its folder is gone): its reason comes back."""

    def elsewhere(
        command: Sequence[str], environment: Mapping[str, str]
    ) -> subprocess.Popen[bytes]:
        at = command.index("--partial") + 1
        nowhere = str(out / "gone" / Path(command[at]).name)
        return spawn_hidden([*command[:at], nowhere, *command[at + 1 :]], environment)

    with pytest.raises(ReportWriterError, match=r"^the PDF file could not be opened for writing$"):
        write_in_child(report_input(window), out / "audit.pdf", "en", spawn=elsewhere)
    assert left_behind(out, temp_folder) == []


def test_a_writer_that_hangs_is_stopped(window: ReviewWindow, out: Path, temp_folder: Path) -> None:
    spawn = Recorder(python("time.sleep(600)"))
    with pytest.raises(ReportWriterError, match="took longer than 1 s, so it was stopped"):
        write_in_child(report_input(window), out / "audit.pdf", "en", timeout=1, spawn=spawn)
    [child] = spawn.children
    assert child.poll() is not None  # killed, not left running
    assert left_behind(out, temp_folder) == []


def test_the_child_writes_what_the_window_would_in_the_language_asked(
    window: ReviewWindow, out: Path, temp_folder: Path
) -> None:
    data = report_input(window)
    write_report(data, out / "here.html", "es", "html")
    write_in_child(data, out / "child.html", "es")
    child = (out / "child.html").read_text(encoding="utf-8")
    assert "Informe de auditoría HIPAA" in child and ORGANISATION in child
    assert child == (out / "here.html").read_text(encoding="utf-8")
    assert left_behind(temp_folder) == []


def test_an_older_report_of_the_same_name_is_replaced_only_on_success(
    window: ReviewWindow, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = out / "audit.pdf"
    pdf.write_bytes(b"last month's report")
    with pytest.raises(ReportWriterError):
        write_in_child(report_input(window), pdf, "en", spawn=Recorder(python("sys.exit(3)")))
    assert pdf.read_bytes() == b"last month's report"
    write_in_child(report_input(window), pdf, "en")
    assert "HIPAA audit report" in pdf_text(pdf)
    assert left_behind(out) == [str(pdf)]


def run_writer(
    data: ReportInput, partial: Path, target: Path
) -> subprocess.CompletedProcess[bytes]:
    """The writer process on its own, as a window that is gone by the end leaves it."""
    partial.touch()
    options = ["--language", "en", "--format", "html", "--partial", str(partial)]
    return subprocess.run(
        app_command("report-writer", *options, str(target)),
        input=pickle.dumps(report_process.report_only(data)),
        capture_output=True,
        env=child_environment({"QT_QPA_PLATFORM": "offscreen"}),
        timeout=120,
    )


def test_the_writer_finishes_on_its_own_and_cleans_up_after_a_failure(
    window: ReviewWindow, out: Path
) -> None:
    data = report_input(window)
    done = run_writer(data, out / ".r.html.part", out / "r.html")
    assert done.returncode == 0, done.stderr
    assert left_behind(out) == [str(out / "r.html")]
    assert ORGANISATION in (out / "r.html").read_text(encoding="utf-8")
    gone = out / "gone" / "r.html"
    done = run_writer(data, out / ".again.part", gone)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == f"No such file or directory: {gone}"
    assert left_behind(out) == [str(out / "r.html")]  # its partial file removed by itself
