"""Fuzz the central reader (hypothesis) over file names, contents and tree shapes.

Records are forged as anyone with write access to the share can: any field set to any
JSON value and the digest recomputed, so the fuzz reaches past the digest check into
the shape checks, the table, the panels and the audit report. Whatever the tree, the
read never raises, never needs its last-resort net (a device "could not be checked"),
and an honest device beside the junk loads every record with no problem.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journal_testkit import incident

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal import chain
from app.core.journal.audit_key import generate
from app.core.journal.key import DeviceKey
from app.core.journal.store import Journal
from app.core.review.audit_report import ReportInput, build_html
from app.core.review.check import UNCHECKED
from app.core.review.overview import overview
from app.core.review.reader import read_central
from app.core.review.table import IncidentTable

AUDIT = generate()
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_FIELDS = st.sampled_from(
    ["seq", "time", "kind", "action", "user", "host", "tool", "detections", "policy",
     "justification", "device_id", "prev_mac", "state", "key_id", "schema", "event_id"]
)  # fmt: skip
_SEG_NAMES = st.builds(
    lambda a, b: f"seg-{a:012d}-{b:012d}.jsonl",
    st.integers(0, 30) | st.integers(0, 10**18 - 1),
    st.integers(0, 30) | st.integers(0, 10**18 - 1),
)
# Mostly ranges the forged seqs (1..6) fall in, so forged records reach the shape checks.
_FITTING = st.builds(
    lambda a, n: f"seg-{a:012d}-{a + n:012d}.jsonl", st.integers(1, 6), st.integers(0, 5)
)
_FILE_NAMES = (
    _FITTING
    | _FITTING
    | _SEG_NAMES
    | st.sampled_from(["head.json", "x.jsonl", "head-000000000003.json", f"escrow-{'0' * 32}.json"])
)
_NAMES = (
    _SEG_NAMES
    | st.sampled_from(["head.json", ".tmp-x.part", "x.jsonl"])
    | st.text(
        st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=12
    ).filter(lambda n: n not in (".", ".."))
)


@pytest.fixture(scope="module")
def template() -> Iterator[tuple[dict[str, Any], Path]]:
    """One honest device's central folder and one of its records, made once."""
    work = Path(tempfile.mkdtemp())
    central = work / "central"
    (central / "incidents").mkdir(parents=True)
    journal = Journal(work / "honest.sqlite3", key=DeviceKey(b"k" * 32, "memory"))
    for i in range(6):
        journal.record(incident(i))
    assert sync_once(journal, LocalFS(central), max_segment=4).ok
    record = json.loads(next((central / "incidents").rglob("seg-*")).read_text().splitlines()[0])
    yield record, central
    shutil.rmtree(work)


def _forged(base: dict[str, Any], changes: dict[str, Any]) -> bytes:
    record = {**base, **changes}
    record["digest"] = chain.digest_of(chain.body_of(record))
    return chain.canonical(record)


@st.composite
def _content(draw: st.DrawFn) -> bytes | tuple[list[dict[str, Any]], bool]:
    """Random bytes, or forged records (seq and changed fields) and whether the end is cut."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=200))
    lines = draw(st.lists(st.dictionaries(_FIELDS, _JSON, max_size=3), min_size=1, max_size=4))
    seqs = draw(st.lists(st.integers(1, 6), min_size=len(lines), max_size=len(lines)))
    return [{"seq": seq, **changes} for seq, changes in zip(seqs, lines, strict=True)], draw(
        st.booleans()
    )


def _bytes(content: Any, base: dict[str, Any], device: str) -> bytes:
    """The file's bytes; forged records carry the folder's device id unless changed."""
    if isinstance(content, bytes):
        return content
    changes, cut = content
    out = [_forged({**base, "device_id": device}, c) for c in changes]
    return b"\n".join(out) + (b"" if cut else b"\n")


@st.composite
def _tree(draw: st.DrawFn) -> dict[str, Any]:
    """device name → None (a plain file), "link", or {file name → bytes | "dir" | "link"}."""
    devices: dict[str, Any] = {}
    for name in draw(st.lists(_NAMES, max_size=3, unique=True)):
        shape = draw(st.sampled_from(["folder", "folder", "folder", "file", "link"]))
        if shape != "folder":
            devices[name] = None if shape == "file" else "link"
            continue
        files: dict[str, Any] = {}
        for file_name in draw(st.lists(_FILE_NAMES | _NAMES, max_size=4, unique=True)):
            files[file_name] = draw(_content() | st.sampled_from(["dir", "link"]))
        devices[name] = files
    return devices


def _plant(root: Path, tree: dict[str, Any], honest: Path, base: dict[str, Any]) -> Path:
    central = root / "central"
    shutil.copytree(honest, central, symlinks=True)
    for device, files in tree.items():
        path = central / "incidents" / device
        if path.exists():
            continue
        if files is None or files == "link":
            path.symlink_to("/dev/zero") if files == "link" else path.write_bytes(b"x")
            continue
        path.mkdir()
        for name, content in files.items():
            if content == "dir":
                (path / name).mkdir()
            elif content == "link":
                (path / name).symlink_to("/dev/zero")
            else:
                (path / name).write_bytes(_bytes(content, base, device))
    return central


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_reader_survives_any_tree(
    data: st.DataObject, template: tuple[dict[str, Any], Path]
) -> None:
    base, honest = template
    honest_id = base["device_id"]
    tree = data.draw(_tree())
    with tempfile.TemporaryDirectory() as work:
        central = _plant(Path(work), tree, honest, base)
        review = read_central(LocalFS(central))
        assert not any(UNCHECKED in p for p in review.problems), review.problems
        assert review.devices[honest_id].problems == []
        assert sum(r["device_id"] == honest_id for r in review.records) == 6
        now = datetime.now(UTC)
        table = IncidentTable(review.records, {}, review.columns)
        overview(review, table, {}, now)
        build_html(ReportInput(review, {}, date(2000, 1, 1), date(2100, 1, 1)))
        audited = read_central(LocalFS(central), audit=[AUDIT])  # escrows opened, MACs checked
        assert not any(UNCHECKED in p for p in audited.problems), audited.problems
