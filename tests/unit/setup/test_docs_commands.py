"""The commands in README.md and docs/*.md work exactly as written.

Every line of every ```sh block runs, in document order, in one bash session per
document inside a temp folder that mirrors the project (symlinks to its files) with a
private HOME and PASTEWARDEN_HOME and no display. A block is left out only when the
line before it says `<!-- docs-commands-test: skip (why) -->`. Each line must exit 0,
or the code its comment names first (`# exit 1 ...`), and print no traceback.
Transcript blocks (``` blocks starting with `$ `) must print what they show.

The one stand-in is `.venv`: its `activate` puts a `pastewarden` and a `python` on PATH
that run this checkout's code with the test's interpreter, so the README's activation
line is executed as written and decides whether the later lines find `pastewarden`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SKIP = "<!-- docs-commands-test: skip"
FENCE = re.compile(r"^```(\w*)\s*$")
EXIT = re.compile(r"#\s*exit (\d+)")


def blocks(document: Path) -> list[tuple[str, list[str]]]:
    """(language, lines) of each fenced block not marked to skip."""
    found: list[tuple[str, list[str]]] = []
    lines = document.read_text().splitlines()
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        skipped = i > 0 and lines[i - 1].startswith(SKIP)
        if not skipped:
            found.append((opening.group(1), lines[i + 1 : end]))
        i = end + 1
    return found


def shell_lines(document: Path) -> list[str]:
    return [
        line
        for language, body in blocks(document)
        if language == "sh"
        for line in body
        if line.strip() and not line.lstrip().startswith("#")
    ]


def transcripts(document: Path) -> list[tuple[str, list[str]]]:
    return [
        (body[0][2:], body[1:])
        for language, body in blocks(document)
        if not language and body and body[0].startswith("$ ")
    ]


def _project_mirror(tmp_path: Path) -> Path:
    work = tmp_path / "project"
    work.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in (".git", ".venv"):
            (work / entry.name).symlink_to(entry)
    venv_bin = work / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "activate").write_text(
        f'VIRTUAL_ENV="{work / ".venv"}"\nexport VIRTUAL_ENV\n'
        'PATH="$VIRTUAL_ENV/bin:$PATH"\nexport PATH\n'
    )
    for name, command in (
        ("python", f'PYTHONPATH="{ROOT}" exec "{sys.executable}" "$@"'),
        ("pastewarden", 'exec python -m app "$@"'),
    ):
        (venv_bin / name).write_text(f"#!/bin/sh\n{command}\n")
        (venv_bin / name).chmod(0o755)
    return work


def _env(tmp_path: Path) -> dict[str, str]:
    drop = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "VIRTUAL_ENV", "PYTHONPATH")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["PATH"] = ":".join(p for p in env["PATH"].split(":") if ".venv" not in p)
    env.update(HOME=str(tmp_path / "home"), PASTEWARDEN_HOME=str(tmp_path / "pw"))
    return env


def _session(lines: list[str], logs: Path) -> str:
    """One bash script: each line runs in the same shell, its output and code logged."""
    steps = ["set +e"]
    for n, line in enumerate(lines):
        steps.append(f"{{ {line}\n}} >{logs}/{n}.out 2>{logs}/{n}.err; echo $? >{logs}/{n}.rc")
    return "\n".join(steps) + "\n"


def _expected_code(line: str) -> int:
    named = EXIT.search(line)
    return int(named.group(1)) if named else 0


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_shell_line_works_as_written(document: Path, tmp_path: Path) -> None:
    lines = shell_lines(document)
    if document.parent.name == "docs":  # the docs assume the README's activated venv
        lines = [". .venv/bin/activate", *lines]
    work, logs = _project_mirror(tmp_path), tmp_path / "logs"
    logs.mkdir()
    (tmp_path / "home").mkdir()
    subprocess.run(["bash", "-c", _session(lines, logs)], cwd=work, env=_env(tmp_path), timeout=600)
    for n, line in enumerate(lines):
        code = int((logs / f"{n}.rc").read_text())
        err = (logs / f"{n}.err").read_text()
        assert code == _expected_code(line), f"{line!r} exited {code}: {err}"
        assert "Traceback" not in err, f"{line!r}: {err}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_transcripts_show_what_the_command_prints(document: Path, tmp_path: Path) -> None:
    work = _project_mirror(tmp_path)
    for command, shown in transcripts(document):
        done = subprocess.run(
            ["bash", "-c", f". .venv/bin/activate; {command}"],
            cwd=work,
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
        printed = [line.split() for line in done.stdout.splitlines()]
        assert printed == [line.split() for line in shown], done.stderr


def test_the_readme_is_covered() -> None:
    """The README keeps commands that really run: scanning and its sample files."""
    lines = shell_lines(ROOT / "README.md")
    assert ". .venv/bin/activate" in lines
    assert any(line.startswith("pastewarden scan docs/examples/") for line in lines)
    assert transcripts(ROOT / "README.md")
