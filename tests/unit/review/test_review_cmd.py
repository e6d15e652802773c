"""`pastewarden review FOLDER` exits 2 with one line on stderr when FOLDER cannot be read,
before any window opens."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.cli import main
from app.commands import review_cmd


def _run(folder: Path) -> int:
    return review_cmd.run_review(argparse.Namespace(folder=str(folder), policy=None))


@pytest.mark.parametrize("make", ["missing", "a file"])
def test_an_unreadable_folder_exits_2_with_one_line(
    make: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "central"
    if make == "a file":
        folder.write_text("not a folder")
    assert _run(folder) == review_cmd.EXIT_ERROR  # returned: no window was opened
    err = capsys.readouterr().err
    assert err.startswith(f"pastewarden review: cannot read {folder}: ")
    assert err.count("\n") == 1


def test_a_readable_folder_passes_the_check(tmp_path: Path) -> None:
    source = review_cmd.review_source(str(tmp_path), None)
    assert review_cmd.unreadable(source) is None


def test_the_command_line_reaches_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app import cli

    args = cli.build_parser().parse_args(["review", str(tmp_path / "x"), "--policy", "p.json"])
    assert (args.command, args.folder, args.policy) == ("review", str(tmp_path / "x"), "p.json")
    assert cli.main(["review", str(tmp_path / "missing")]) == review_cmd.EXIT_ERROR
    assert "pastewarden review: cannot read" in capsys.readouterr().err


def test_review_with_an_unreadable_audit_key_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "central"
    (folder / "incidents").mkdir(parents=True)
    missing = tmp_path / "audit.key"
    assert main(["review", str(folder), "--audit-key", str(missing)]) == 2
    assert f"audit key {missing}" in capsys.readouterr().err
    missing.write_text("not a key file")
    assert main(["review", str(folder), "--audit-key", str(missing)]) == 2
    assert "not an audit key file" in capsys.readouterr().err
