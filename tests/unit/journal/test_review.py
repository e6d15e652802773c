"""The office manager's reader: merge, dedupe, every kind of central tampering, derived files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from journal_testkit import edited, incident, synced_device

from app.backends.central_folders import LocalFS
from app.core.central.sync import content_tag, sync_once
from app.core.journal import chain
from app.core.journal.incident import IncidentEvent, Justification
from app.core.journal.store import Journal
from app.core.journal.verify import verify_own_central
from app.core.review.reader import read_central, write_derived


def _device(tmp_path: Path, central: Path, name: str, n: int, segment: int = 4) -> Journal:
    journal: Journal = synced_device(tmp_path, central, name, n, segment)
    return journal


def _segments(central: Path, journal: Journal) -> list[Path]:
    return sorted((central / "incidents" / journal.device_id).glob("seg-*.jsonl"))


def test_merges_devices_and_dedupes_overlapping_segments(tmp_path: Path, central: Path) -> None:
    a = _device(tmp_path, central, "a", 10)
    b = _device(tmp_path, central, "b", 7)
    first = _segments(central, a)[0]
    lines = first.read_bytes().splitlines(keepends=True)
    overlap = first.with_name("seg-000000000002-000000000003.jsonl")
    overlap.write_bytes(b"".join(lines[1:3]))  # a re-sent range after an interrupted pass
    review = read_central(LocalFS(central))
    assert len(review.records) == 17 and not review.problems
    keys = {(r["device_id"], r["seq"]) for r in review.records}
    assert len(keys) == 17 and {d for d, _ in keys} == {a.device_id, b.device_id}


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)


def _edit(seg: Path) -> None:
    lines = _lines(seg)
    lines[1] = lines[1].replace(b"chatgpt", b"gemini")
    seg.write_bytes(b"".join(lines))


def _delete(seg: Path) -> None:
    lines = _lines(seg)
    seg.write_bytes(b"".join(lines[:1] + lines[2:]))


def _insert(seg: Path) -> None:
    lines = _lines(seg)
    seg.write_bytes(b"".join([*lines[:2], lines[1], *lines[2:]]))


def _reorder(seg: Path) -> None:
    lines = _lines(seg)
    seg.write_bytes(b"".join([lines[1], lines[0], *lines[2:]]))


def _truncate_bytes(seg: Path) -> None:
    seg.write_bytes(seg.read_bytes()[:-40])


def _corrupt_line(seg: Path) -> None:
    lines = _lines(seg)
    lines[2] = b'{"seq": 3, "broken\n'
    seg.write_bytes(b"".join(lines))


def _replace_with_foreign(seg: Path) -> None:
    other = sorted(seg.parents[1].glob("*/seg-000000000001-*.jsonl"))
    donor = next(p for p in other if p.parent != seg.parent)
    seg.write_bytes(donor.read_bytes())


CASES: list[tuple[Callable[[Path], None], str]] = [
    (_edit, "seq 6: edited"),
    (_delete, "1 record(s) missing"),
    (_insert, "repeated records"),
    (_reorder, "records reordered"),
    (_truncate_bytes, "partial segment"),
    (_corrupt_line, "line 3 is corrupt"),
    (_replace_with_foreign, "record of another device"),
]


@pytest.mark.parametrize(("tamper", "expected"), CASES, ids=[c[0].__name__ for c in CASES])
def test_reader_flags_segment_tampering(
    tmp_path: Path, central: Path, tamper: Callable[[Path], None], expected: str
) -> None:
    a = _device(tmp_path, central, "a", 12)
    _device(tmp_path, central, "b", 12)
    tamper(_segments(central, a)[1])  # seq 5-8
    review = read_central(LocalFS(central))
    mine = [p for p in review.problems if p.startswith(a.device_id)]
    assert any(expected in p for p in mine), review.problems
    assert not [p for p in review.problems if not p.startswith(a.device_id)]
    seqs = [r["seq"] for r in review.records if r["device_id"] == a.device_id]
    assert len(seqs) == len(set(seqs))  # never a record twice, never a corrupt line


def test_a_deleted_last_segment_is_a_truncated_tail(tmp_path: Path, central: Path) -> None:
    a = _device(tmp_path, central, "a", 12)
    _segments(central, a)[-1].unlink()
    assert any("tail truncated: seq 9..12" in p for p in read_central(LocalFS(central)).problems)


def test_a_deleted_middle_segment_is_a_gap(tmp_path: Path, central: Path) -> None:
    a = _device(tmp_path, central, "a", 12)
    _segments(central, a)[1].unlink()
    assert any("seq 5..8: missing" in p for p in read_central(LocalFS(central)).problems)


def test_a_forged_segment_with_fresh_digests_is_caught_by_the_device_key(
    tmp_path: Path, central: Path
) -> None:
    a = _device(tmp_path, central, "a", 12)
    seg = _segments(central, a)[1]
    data = b"".join(edited(line, action="allowed_policy").encode() + b"\n" for line in _lines(seg))
    seg.write_bytes(data)  # edited in place: its name's content hash gives it away
    assert any(
        "name does not match its content" in p for p in read_central(LocalFS(central)).problems
    )
    seg.unlink()  # renamed to match, as a careful forger would
    seg.with_name(f"{seg.name[:30]}{content_tag(data)}.jsonl").write_bytes(data)
    keys = {chain.key_id(a.key.key): a.key.key}
    assert not read_central(LocalFS(central)).problems  # without the key it looks fine...
    forged = read_central(LocalFS(central), keys=keys).problems
    assert any("forged or edited (MAC" in p for p in forged)  # ...with it, it does not
    mine = [r for r in read_central(LocalFS(central)).records if r["device_id"] == a.device_id]
    assert any("differs from the local journal" in p for p in verify_own_central(a, mine))


def test_silent_devices_and_policy_versions(tmp_path: Path, central: Path) -> None:
    now = datetime(2025, 3, 1, 12, tzinfo=UTC)
    old = Journal(tmp_path / "old.sqlite3", clock=lambda: now - timedelta(hours=3))
    old.record(IncidentEvent(kind="heartbeat", policy_version=4))
    fresh = Journal(tmp_path / "fresh.sqlite3", clock=lambda: now - timedelta(minutes=50))
    fresh.record(IncidentEvent(kind="heartbeat", policy_version=5))
    for journal in (old, fresh):
        sync_once(journal, LocalFS(central))
    review = read_central(LocalFS(central), heartbeat_minutes=60, now=now)
    assert review.silent_devices == [old.device_id]
    assert review.policy_versions == {4: 1, 5: 1}


def test_derived_files_are_written_atomically_and_escape_formulas(
    tmp_path: Path, central: Path
) -> None:
    journal = Journal(tmp_path / "a.sqlite3")
    journal.record(
        IncidentEvent(
            kind="incident",
            action="overridden",
            justification=Justification("other", "=HYPERLINK(1)"),
        )
    )
    journal.record(incident())
    sync_once(journal, LocalFS(central))
    write_derived(LocalFS(central), read_central(LocalFS(central)))
    rows = list(csv.DictReader(io.StringIO((central / "incidents.csv").read_text("utf-8-sig"))))
    assert [r["seq"] for r in rows] == ["1", "2"]
    assert rows[0]["justification_text"] == "'=HYPERLINK(1)"
    assert rows[1]["detections"] == "NAME×1; DATE×1"
    jsonl = (central / "incidents.jsonl").read_text().splitlines()
    assert [json.loads(line)["seq"] for line in jsonl] == [1, 2]
    assert not [p for p in central.iterdir() if p.name.startswith(".tmp-")]
