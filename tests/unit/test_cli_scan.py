"""The `pastewarden scan` contract (DESIGN.md §3), exercised through a real subprocess.

Exit 0 clean, 1 PHI, 2 error; `--jsonl` rows in input order with the caller's ids and
exactly the agreed keys; human output shows line:col but never a full value; odd and
huge inputs never crash.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLANTED = "someone@example.org"
CLEAN_TEXT = "the quick brown fox jumps over the lazy dog\n"
PHI_TEXT = f"Contact details:\n  please reach {PLANTED} today\n"  # e-mail at line 2, col 16
ROW_KEYS = {"id", "phi", "findings"}
FINDING_KEYS = {"type", "start", "end", "score"}
JSON_KEYS = {"phi", "severity", "complete", "chars", "counts", "special_categories", "findings"}
JSON_FINDING_KEYS = FINDING_KEYS | {"line", "col", "recognizer"}


def scan(
    *args: str,
    stdin: str | bytes = "",
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m app scan ARGS` with bytes in and out."""
    data = stdin.encode("utf-8", "surrogatepass") if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "app", "scan", *args],
        input=data,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )


def jsonl(*rows: dict[str, Any]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def parse_rows(stdout: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


def assert_row_schema(row: dict[str, Any]) -> None:
    assert set(row) == ROW_KEYS
    assert isinstance(row["phi"], bool)
    for finding in row["findings"]:
        assert set(finding) == FINDING_KEYS
        assert isinstance(finding["type"], str)
        assert type(finding["start"]) is int and type(finding["end"]) is int
        assert isinstance(finding["score"], int | float)
        assert 0 <= finding["start"] < finding["end"]


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    err = proc.stderr.decode("utf-8", "replace").strip()
    assert err, "an error must be explained on stderr"
    assert "Traceback" not in err
    return err


def test_clean_text_exits_0() -> None:
    proc = scan(stdin=CLEAN_TEXT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().startswith("clean")


def test_a_year_of_a_health_event_alone_exits_0() -> None:
    proc = scan(stdin="s/p CABG '99, which statin is safest?\n")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr
    assert out.startswith("clean: no patient identifiers found (1 non-patient finding)")
    assert "HISTORY_YEAR" in out


def test_phi_exits_1_from_stdin_and_file(tmp_path: Path) -> None:
    assert scan("-", stdin=PHI_TEXT).returncode == 1
    note = tmp_path / "note.txt"
    note.write_text(PHI_TEXT, encoding="utf-8")
    assert scan(str(note)).returncode == 1


def test_human_output_masks_values_and_shows_line_col() -> None:
    proc = scan(stdin=PHI_TEXT)
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert proc.returncode == 1
    assert "2:16" in out and "EMAIL" in out
    assert PLANTED not in out and PLANTED not in err
    assert "someone" not in out and "example.org" not in out


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    proc = scan(str(tmp_path / "no-such-file.txt"))
    assert proc.returncode == 2
    err = one_line_error(proc)
    assert len(err.splitlines()) == 1 and "no-such-file.txt" in err
    assert proc.stdout == b""


@pytest.mark.parametrize(
    "bad_line",
    ["this is not json", '{"id": 2}', '{"text": "no id"}', '{"id": 2, "text": 5}', "[1, 2]"],
)
def test_malformed_jsonl_exits_2_naming_the_line(bad_line: str) -> None:
    stdin = jsonl({"id": 1, "text": "fine"}) + "\n" + bad_line + "\n"
    proc = scan("--jsonl", stdin=stdin)
    assert proc.returncode == 2
    err = one_line_error(proc)
    assert "line 3" in err, err


def test_jsonl_rows_keep_order_ids_and_schema() -> None:
    cases: list[dict[str, Any]] = [
        {"id": "a", "text": CLEAN_TEXT},
        {"id": 7, "text": PHI_TEXT},
        {"id": "c-3", "text": ""},
        {"id": 0, "text": f"mail {PLANTED}"},
    ]
    stdin = jsonl(cases[0]) + "\n   \n" + jsonl(*cases[1:]) + "\n"
    proc = scan("--jsonl", stdin=stdin)
    assert proc.returncode == 1, proc.stderr
    rows = parse_rows(proc.stdout)
    assert [r["id"] for r in rows] == ["a", 7, "c-3", 0]
    for row in rows:
        assert_row_schema(row)
    assert [r["phi"] for r in rows] == [False, True, False, True]
    email = next(f for f in rows[1]["findings"] if f["type"] == "EMAIL")
    assert PHI_TEXT[email["start"] : email["end"]] == PLANTED


def test_jsonl_all_clean_exits_0() -> None:
    proc = scan("--jsonl", stdin=jsonl({"id": "x", "text": CLEAN_TEXT}))
    assert proc.returncode == 0, proc.stderr
    assert parse_rows(proc.stdout) == [{"id": "x", "phi": False, "findings": []}]


def test_json_output_schema() -> None:
    proc = scan("--json", stdin=PHI_TEXT)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert set(report) == JSON_KEYS
    assert report["phi"] is True and report["complete"] is True
    assert report["chars"] == len(PHI_TEXT)
    assert report["counts"].get("EMAIL") == 1
    email = next(f for f in report["findings"] if f["type"] == "EMAIL")
    assert set(email) == JSON_FINDING_KEYS
    assert (email["line"], email["col"]) == (2, 16)
    assert PLANTED not in proc.stdout.decode()


def test_clipboard_without_mechanism_exits_2(tmp_path: Path) -> None:
    env = dict(os.environ, DISPLAY="", WAYLAND_DISPLAY="", PATH=str(tmp_path))
    proc = scan("--clipboard", env=env)
    assert proc.returncode == 2
    assert "clipboard" in one_line_error(proc).lower()


def test_50_mb_of_random_bytes_returns_valid_output() -> None:
    blob = random.Random(20240501).randbytes(50 * 1000 * 1000)
    proc = scan("--json", stdin=blob, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    assert set(report) == JSON_KEYS
    if not report["complete"]:
        assert proc.returncode == 1, "an unfinished scan must not be called clean"


ODD_TEXTS = {
    "lone_surrogates": f"\ud800 start \udfff{PLANTED}\ud83d end \udc00",
    "nul_bytes": f"a\x00b\x00\x00 {PLANTED} \x00",
    "rtl": f"مرحبا {PLANTED} שלום עולם \u202ereversed\u202c",
    "emoji": f"👩‍⚕️ note 🧪🩺 {PLANTED} 🏳️‍🌈" * 3,
    "crlf": f"line one\r\nline two {PLANTED}\r\n\r\n",
    "binary": bytes(range(256)).decode("latin-1") * 4,
    "combining": "e\u0301" * 500 + "\u200b\u200d\ufeff",
}


def test_odd_texts_in_jsonl_never_crash() -> None:
    names = sorted(ODD_TEXTS)
    # json.dumps writes lone surrogates as "\\ud800" escapes, as another program might.
    proc = scan("--jsonl", stdin=jsonl(*({"id": n, "text": ODD_TEXTS[n]} for n in names)))
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    rows = parse_rows(proc.stdout)
    assert [r["id"] for r in rows] == names
    for row in rows:
        assert_row_schema(row)
        text = ODD_TEXTS[row["id"]]
        assert all(f["end"] <= len(text) for f in row["findings"])
        if PLANTED in text:  # offsets index the caller's original string
            start = text.index(PLANTED)
            emails = [(f["start"], f["end"]) for f in row["findings"] if f["type"] == "EMAIL"]
            assert (start, start + len(PLANTED)) in emails, row["id"]


@pytest.mark.parametrize("name", sorted(ODD_TEXTS))
def test_odd_bytes_as_file_never_crash(tmp_path: Path, name: str) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(ODD_TEXTS[name].encode("utf-8", "surrogatepass"))
    proc = scan(str(path))
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
    assert PLANTED not in proc.stdout.decode("utf-8", "replace")
