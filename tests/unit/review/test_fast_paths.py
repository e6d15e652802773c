"""The reader's and the window's column-at-a-time paths give exactly what the record-by-record
paths give: every reader verdict under each kind of tampering, the table's cells and
search text, and the panels' counts (app.core.review.stats is the reference)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from review_kit import Site, build_site

from app.backends.central_folders import LocalFS
from app.core.review import check as review_check
from app.core.review import columns as review_columns
from app.core.review import segment as review_segment
from app.core.review import stats
from app.core.review.annotations import make_annotation
from app.core.review.overview import HEALTH_HEADERS, digests_checked, overview
from app.core.review.reader import Review, read_central
from app.core.review.table import IncidentTable, cells
from detectors.models import ScanReport, Severity


def _segments(site: Site, host: str) -> list[Path]:
    return sorted((site.central / "incidents" / site.hosts[host]).glob("seg-*.jsonl"))


def _rewrite(path: Path, change: Callable[[list[bytes]], list[bytes]]) -> None:
    path.write_bytes(b"".join(change(path.read_bytes().splitlines(keepends=True))))


def _digest_as_number(lines: list[bytes]) -> list[bytes]:
    record = json.loads(lines[1])
    record["digest"] = 12345
    return [lines[0], json.dumps(record).encode() + b"\n", *lines[2:]]


def _foreign(site: Site) -> None:
    theirs = _segments(site, "BILLING-PC")[0]
    ours = _segments(site, "FRONT-DESK")[0]
    _rewrite(ours, lambda lines: [theirs.read_bytes().splitlines(keepends=True)[0], *lines[1:]])


TAMPERING: dict[str, Callable[[Site], None]] = {
    "as built": lambda site: None,
    "reordered": lambda s: _rewrite(_segments(s, "FRONT-DESK")[1], lambda x: [x[1], x[0], *x[2:]]),
    "deleted": lambda s: _rewrite(_segments(s, "FRONT-DESK")[1], lambda x: x[:1] + x[2:]),
    "repeated": lambda s: _rewrite(_segments(s, "FRONT-DESK")[0], lambda x: [*x, x[-1]]),
    "corrupt": lambda s: _rewrite(_segments(s, "FRONT-DESK")[0], lambda x: [b"{oops\n", *x[1:]]),
    "cut": lambda s: _rewrite(_segments(s, "FRONT-DESK")[-1], lambda x: [*x[:-1], x[-1][:20]]),
    "digest a number": lambda s: _rewrite(_segments(s, "FRONT-DESK")[0], _digest_as_number),
    "segment gone": lambda s: _segments(s, "FRONT-DESK")[1].unlink(),
    "overlap": lambda s: (
        _segments(s, "FRONT-DESK")[0]
        .with_name("seg-000000000002-000000000003.jsonl")
        .write_bytes(b"".join(_segments(s, "FRONT-DESK")[0].read_bytes().splitlines(True)[1:3]))
    ),
    "foreign record": _foreign,
}


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Force the record-by-record paths: no whole segment, no plain join, no columns."""
    monkeypatch.setattr(review_segment, "_common_values", lambda *args: None)
    monkeypatch.setattr(review_check, "_joined", lambda segments: None)


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_reader_verdicts_match_the_record_by_record_path(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = build_site(tmp_path)
    TAMPERING[name](site)
    now = datetime.now(UTC)
    common = review_segment._common_values
    whole: list[bool] = []
    with monkeypatch.context() as patch:  # count the segments the column test accepted
        patch.setattr(
            review_segment,
            "_common_values",
            lambda *args: whole.append(common(*args) is not None) or common(*args),
        )
        fast = read_central(LocalFS(site.central), now=now)
    assert any(whole) and not all(whole)  # both paths ran (EXAM-2 is always edited)
    with monkeypatch.context() as patch:
        _slow(patch)
        slow = read_central(LocalFS(site.central), now=now)
    assert fast.records == slow.records
    assert fast.devices == slow.devices and fast.problems == slow.problems
    assert fast.lines == slow.lines
    assert fast.columns == slow.columns  # read per segment (shared strings) or from records
    if name != "as built":
        assert fast.problems  # each kind of tampering is reported


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_digests_checked_after_the_rows_give_the_checked_read(name: str, tmp_path: Path) -> None:
    """The window shows rows read without digest checks, then checks them: when they hold,
    the review is exactly the checked read's; when not, the checked read reports it."""
    site = build_site(tmp_path, tampered=False)
    TAMPERING[name](site)
    now = datetime.now(UTC)
    checked = read_central(LocalFS(site.central), now=now)
    first = read_central(LocalFS(site.central), now=now, check_digests=False)
    assert first.digests_pending  # every site has whole segments left to check
    if first.check_digests():
        assert not first.digests_pending
        assert first.records == checked.records and first.lines == checked.lines
        assert first.devices == checked.devices and first.problems == checked.problems
        assert first.columns == checked.columns
    else:
        assert name == "digest a number" and checked.problems  # the window reads again
    assert checked.unchecked == [] and not checked.digests_pending


def test_the_overview_after_the_digest_check_is_the_checked_reads(tmp_path: Path) -> None:
    site = build_site(tmp_path, tampered=False)
    now = datetime.now(UTC)
    first = read_central(LocalFS(site.central), now=now, check_digests=False)
    table = IncidentTable(first.records, {}, first.columns)
    shown = overview(first, table, {}, now)
    assert shown.verdict.startswith("Checking") and first.check_digests()
    checked = digests_checked(shown, first)
    assert checked == overview(first, table, {}, now)
    assert checked.verdict.startswith("Chain verified")
    chain = HEALTH_HEADERS.index("Chain")
    assert [row[chain] for row in checked.health] != [row[chain] for row in shown.health]


def test_an_edit_left_unchecked_is_caught_by_the_digest_check(tmp_path: Path) -> None:
    site = build_site(tmp_path)  # one EXAM-2 record edited after it was sealed
    first = read_central(LocalFS(site.central), check_digests=False)
    assert not any("digest" in p for p in first.problems)  # not checked yet: rows first
    assert first.check_digests() is False and first.digests_pending
    assert any("digest" in p for p in read_central(LocalFS(site.central)).problems)


class CleanScanner:
    """Finds nothing: the notes here are "ok" (redaction is tested in test_annotations)."""

    def scan(self, text: str, budget_s: float | None = None) -> ScanReport:
        return ScanReport(
            findings=(), phi=False, severity=Severity.NONE, complete=True, chars=len(text)
        )


def _judged_site(tmp_path: Path) -> tuple[Review, dict[tuple[str, int], object]]:
    site = build_site(tmp_path)
    review = read_central(LocalFS(site.central))
    overridden = [r for r in review.records if r.get("action") == "overridden"]
    notes = {
        (r["device_id"], r["seq"]): make_annotation(r, outcome, "ok", CleanScanner(), ("dana", "M"))
        for r, outcome in zip(overridden, ("false_alarm", "no_disclosure"), strict=False)
    }
    return review, notes  # type: ignore[return-value]


def test_table_columns_and_search_text_match_cells(tmp_path: Path) -> None:
    review, notes = _judged_site(tmp_path)
    assert review.columns is not None
    table = IncidentTable(review.records, notes, review.columns)  # type: ignore[arg-type]
    table.index()
    expected = [cells(r, notes.get((r["device_id"], r["seq"]))) for r in table.records]  # type: ignore[misc]
    assert table.rows == expected and any(row[7] for row in expected)
    assert table.hay() == ["\x1f".join(row).lower() for row in expected]
    from_records = IncidentTable(review.records, notes)  # type: ignore[arg-type]
    assert from_records.records == table.records and from_records.day == table.day


def test_panel_overview_matches_review_stats(tmp_path: Path) -> None:
    review, notes = _judged_site(tmp_path)
    table = IncidentTable(review.records, notes, review.columns)  # type: ignore[arg-type]
    now = datetime.now(UTC) + timedelta(minutes=1)
    shown = overview(review, table, notes, now)  # type: ignore[arg-type]
    records = review.records
    assert shown.week == stats.trends(records, now, 7)
    assert shown.month == stats.trends(records, now, 30)
    assert shown.by_tool == stats.by_tool(records)
    assert dict(shown.by_type) == dict(stats.by_type(records))
    expected = stats.false_alarms(records, notes)  # type: ignore[arg-type]
    assert [(g.type, g.reports, list(g.tools.items()), g.devices) for g in shown.false_alarms] == [
        (g.type, g.reports, list(g.tools.items()), g.devices) for g in expected
    ]
    hosts = {str(r["device_id"]): str(r.get("host") or r["device_id"]) for r in records}
    assert sorted(row[0] for row in shown.health) == sorted(hosts.values())
    assert "BILLING-PC" in shown.silent_hosts and shown.verdict.startswith("TAMPERED")
    days = [str(r["time"])[:10] for r in table.records]
    assert shown.days == (min(days), max(days))


def test_shared_columns_keep_every_value_and_only_merge_strings() -> None:
    values = {
        "device_id": ["d1", "d1"],
        "kind": ["incident", "incident"],
        "time": ["2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"],
        "action": [1, True],  # equal in Python, read differently: never merged
        "user": ["".join(["ann"]), "".join(["ann"])],  # equal, distinct objects
        "host": [None, "WS"],
        "tool": [{"id": "chatgpt"}, {"id": "chatgpt"}],
        "detections": [[{"type": "NAME"}], [{"type": "NAME"}]],
    }
    shown = review_columns.columns(values)
    assert shown.action == [1, True] and type(shown.action[1]) is bool
    assert shown.user == ["ann", "ann"] and shown.user[0] is shown.user[1]
    assert shown.host == ["", "WS"] and shown.day == ["2026-01-01", "2026-01-02"]
    assert shown.types == [("NAME",), ("NAME",)] and shown.types[0] is shown.types[1]
    mixed = review_columns.type_sets([[{"type": 1}], [{"type": True}]])
    assert mixed == [(1,), (True,)] and type(mixed[1][0]) is bool


def test_type_sets_and_parse_array_equal_the_plain_expressions() -> None:
    odd: list[object] = [None, [], "", 0, {}, [{"type": "NAME"}, {"type": "MRN"}], False]
    assert review_columns.type_sets(odd) == [
        tuple(d["type"] for d in found or [])
        for found in odd  # type: ignore[attr-defined]
    ]
    with pytest.raises(TypeError):
        review_columns.type_sets([None, ["NAME"]])  # a detection that is no dict
    for lines in ([], [b"{}"], [b'{"seq":1}', b'{"seq":2}', b"x"]):
        assert review_segment._as_array(lines) == b"[" + b",".join(lines) + b"]"
