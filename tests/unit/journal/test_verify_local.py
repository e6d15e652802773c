"""`pastewarden incidents verify` on the local journal: each kind of tampering, named."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from journal_testkit import db_exec, db_lines, edited, incident

from app.cli import main
from app.core.journal.store import Journal, default_journal_path
from app.core.journal.verify import verify_journal


def _journal(n: int = 6) -> Path:
    journal = Journal(default_journal_path())
    for i in range(n):
        journal.record(incident(i))
    journal.close()
    return default_journal_path()


def _edit_naive(db: Path) -> None:  # a field changed in place, digest left alone
    line = db_lines(db)[2][1]
    db_exec(db, "UPDATE records SET line = ? WHERE seq = 3", line.replace("chatgpt", "claude"))


def _edit_with_digest(db: Path) -> None:  # digest recomputed: only the MAC catches it
    db_exec(
        db,
        "UPDATE records SET line = ? WHERE seq = 3",
        edited(db_lines(db)[2][1], action="allowed_policy"),
    )


def _delete(db: Path) -> None:
    db_exec(db, "DELETE FROM records WHERE seq = 3")


def _insert(db: Path) -> None:  # a copy of record 6 appended as a seventh
    db_exec(db, "INSERT INTO records VALUES (7, 'x', ?)", edited(db_lines(db)[5][1], seq=7))


def _reorder(db: Path) -> None:
    lines = db_lines(db)
    db_exec(db, "UPDATE records SET line = ? WHERE seq = 2", lines[2][1])
    db_exec(db, "UPDATE records SET line = ? WHERE seq = 3", lines[1][1])


def _truncate(db: Path) -> None:
    db_exec(db, "DELETE FROM records WHERE seq >= 5")


def _rewind_head(db: Path) -> None:  # tail cut AND head moved back (tag no longer matches)
    lines = db_lines(db)
    db_exec(db, "DELETE FROM records WHERE seq >= 5")
    head = {"seq": 4, "mac": json.loads(lines[3][1])["mac"], "tag": "0" * 64}
    db_exec(db, "UPDATE meta SET value = ? WHERE key = 'head'", json.dumps(head))


CASES: list[tuple[Callable[[Path], None], str]] = [
    (_edit_naive, "seq 3: edited"),
    (_edit_with_digest, "seq 3: forged or edited (MAC"),
    (_delete, "seq 3..3: missing"),
    (_insert, "after the chain head (inserted)"),
    (_reorder, "(reordered)"),
    (_truncate, "tail truncated: seq 5..6 missing"),
    (_rewind_head, "chain head forged"),
]


@pytest.mark.parametrize(("tamper", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_verify_names_the_tampering(
    home: Path, tamper: Callable[[Path], None], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _journal()
    assert main(["incidents", "verify"]) == 0
    tamper(db)
    report = verify_journal(Journal(db))
    assert any(expected in p for p in report.problems), report.problems
    capsys.readouterr()
    assert main(["incidents", "verify"]) == 3
    assert expected in capsys.readouterr().out


def test_list_and_export_local(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _journal(3)
    assert main(["incidents", "list"]) == 0
    assert capsys.readouterr().out.count("blocked") == 3
    assert main(["incidents", "export", "--format", "json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["seq"] for line in lines] == [1, 2, 3]
    assert main(["incidents", "export", "--format", "csv"]) == 0
    csv_lines = capsys.readouterr().out.splitlines()
    assert csv_lines[0].lstrip("\ufeff").startswith("time,device_id,seq") and len(csv_lines) == 4
