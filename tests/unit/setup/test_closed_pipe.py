"""Every command whose reader goes away early (`pastewarden policy show | head`) ends
quietly: no traceback, no 'BrokenPipeError', exit 141 or its own code.

Each command runs as a real process whose stdout is a pipe already closed by the reader,
so its first write fails with EPIPE, as it does behind `| head` once head has exited.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
NOTE = ROOT / "docs" / "examples" / "note.txt"
BATCH = ROOT / "docs" / "examples" / "batch.jsonl"
EXAMPLE_POLICY = ROOT / "resources" / "examples" / "small-clinic-m365.json"
CLOSED_PIPE = 141

# (argv, stdin file or None, exit codes the command may give besides 141, e.g. when it
# fails before writing anything to stdout)
COMMANDS: list[tuple[list[str], Path | None, set[int]]] = [
    (["--help"], None, {0}),  # argparse itself ignores a failed write of its help
    (["scan", str(NOTE)], None, set()),
    (["scan", "-", "--json"], NOTE, set()),
    (["scan", "--jsonl"], BATCH, set()),
    (["match", "--title", "ChatGPT - Google Chrome", "--app", "chrome", "--json"], None, set()),
    (["policy", "validate", str(EXAMPLE_POLICY)], None, set()),
    (["policy", "show"], None, set()),
    (["policy", "show", "--json"], None, set()),
    (["policy", "keygen", "--dir", "keys"], None, set()),
    (["audit", "keygen", "--out", "audit.key"], None, set()),
    (["browser", "setup", "--browser", "chromium", "--user-data-dir", "p", "--json"], None, set()),
    (["native-host"], None, {0}),  # no frame on stdin: ends at once, writing nothing
    (["incidents", "list"], None, {0}),  # an empty journal prints nothing
    (["incidents", "export"], None, set()),
    (["incidents", "verify"], None, set()),
    (["sync"], None, set()),
    (["status"], None, set()),
    (["status", "--json"], None, set()),
    (["self-test", "--allow-memory-keyring", "--allow-limited-window"], None, set()),
    (["autostart", "status"], None, set()),
    (["run", "--status"], None, {1}),  # no tray: one line on stderr only
    (["run"], None, {2}),  # no desktop: one line on stderr only
    (["review", str(ROOT / "no-such-folder")], None, {2}),
    (["report-writer", "--language", "en", "--format", "pdf", "--partial", "p", "r"], None, {2}),
]


def _run_into_closed_pipe(argv: list[str], stdin: Path | None, cwd: Path) -> tuple[int, str]:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=str(cwd), PASTEWARDEN_HOME=str(cwd / "pw"), PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)
    try:
        with stdin.open("rb") if stdin else open(os.devnull, "rb") as source:
            done = subprocess.run(
                [sys.executable, "-m", "app", *argv],
                stdin=source,
                stdout=write_end,
                stderr=subprocess.PIPE,
                cwd=cwd,
                env=env,
                timeout=120,
            )
    finally:
        os.close(write_end)
    return done.returncode, done.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize(("argv", "stdin", "other_codes"), COMMANDS, ids=lambda v: str(v))
def test_a_closed_pipe_ends_the_command_quietly(
    argv: list[str], stdin: Path | None, other_codes: set[int], tmp_path: Path
) -> None:
    code, stderr = _run_into_closed_pipe(argv, stdin, tmp_path)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert code in {CLOSED_PIPE, *other_codes}, (code, stderr)


def test_every_command_is_covered() -> None:
    from app.cli import build_parser

    [commands] = [
        action.choices
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    covered = {argv[0] for argv, _, _ in COMMANDS}
    assert set(commands) <= covered
