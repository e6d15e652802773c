"""The hidden `report-writer` command and how the review window starts it: not listed in
--help, refuses to run without a report on stdin (nothing written), started as this app
(the frozen binary or `python -m app`) and, on Windows, without a console window (a fake
at the Popen boundary: only the Linux path runs here).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

import pytest

from app.backends import child_process
from app.backends.child_process import CREATE_NO_WINDOW, app_command, child_environment

ROOT = Path(__file__).resolve().parents[3]


def run_app(argv: Sequence[str], stdin: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    environment = child_environment({"QT_QPA_PLATFORM": "offscreen"})
    return subprocess.run(
        app_command(*argv), input=stdin, capture_output=True, cwd=cwd, env=environment, timeout=120
    )


def test_the_command_is_left_out_of_the_help(tmp_path: Path) -> None:
    done = run_app(["--help"], b"", tmp_path)
    assert done.returncode == 0 and b"review" in done.stdout
    assert b"report-writer" not in done.stdout


@pytest.mark.parametrize("stdin", [b"", b"not a pickle", b"\x80\x05K\x07."])  # the last: 7
def test_without_a_report_on_stdin_nothing_is_written(stdin: bytes, tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    options = ["--language", "en", "--format", "pdf", "--partial", str(tmp_path / "p")]
    done = run_app(["report-writer", *options, str(target)], stdin, tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().strip().splitlines()[-1] == "no report input on stdin"
    assert list(tmp_path.iterdir()) == []


def test_the_child_is_this_app_from_source_or_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert app_command("report-writer", "x") == [sys.executable, "-m", "app", "report-writer", "x"]
    environment = child_environment({"QT_QPA_PLATFORM": "offscreen"})
    assert environment["PYTHONPATH"].split(os.pathsep)[0] == str(ROOT)  # this checkout's code
    assert environment["QT_QPA_PLATFORM"] == "offscreen"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/PasteWarden/pastewarden")
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert app_command("report-writer", "x") == [
        "/opt/PasteWarden/pastewarden",
        "report-writer",
        "x",
    ]
    assert "PYTHONPATH" not in child_environment({})


class FakePopen:
    """Records what Popen was asked for instead of starting anything."""

    calls: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, command: Sequence[str], **options: Any) -> None:
        FakePopen.calls.append({"command": list(command), **options})


@pytest.mark.parametrize(
    ("platform", "flags"), [("win32", CREATE_NO_WINDOW), ("linux", 0), ("darwin", 0)]
)
def test_windows_starts_the_child_without_a_console(
    platform: str, flags: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(child_process.subprocess, "Popen", FakePopen)
    FakePopen.calls.clear()
    environment: Mapping[str, str] = {"QT_QPA_PLATFORM": "offscreen"}
    child_process.spawn_hidden(["pastewarden", "report-writer"], environment)
    [call] = FakePopen.calls
    assert call["creationflags"] == flags and call["env"] == dict(environment)
    assert call["stdin"] == subprocess.PIPE and call["stderr"] == subprocess.PIPE
    assert call["stdout"] == subprocess.DEVNULL  # nothing the parent would have to drain
