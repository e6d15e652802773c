"""The review window over a generated central folder of three workstations: the tampered
segment and the silent workstation show, filters work, a follow-up round-trips with its
note redacted, no planted value appears anywhere, and the PDF report renders (pdftoppm,
pdftotext). With PW_DOCS_IMAGES=1 the window and report page 1 are saved to docs/images.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring
import pytest
from gui_support import shared_scanner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QTableWidget, QWidget

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / d) for d in ("unit/review", "support")]
from journal_testkit import MemoryKeyring  # noqa: E402
from review_kit import PHI_NOTE, PLANTED, Site, build_site, use_zone  # noqa: E402

from app.core.journal import forward_store  # noqa: E402
from app.core.review.labels import ACTION_LABELS, builtin_tool_names  # noqa: E402
from app.core.review.local_time import local_days, local_times  # noqa: E402
from app.core.review.source import central_source  # noqa: E402
from app.core.review.table import IncidentTable  # noqa: E402
from app.ui import review_release  # noqa: E402
from app.ui.charts import BAR_COLOR, BarChart  # noqa: E402
from app.ui.review_window import ReviewWindow  # noqa: E402

REPORT_HEADINGS = (
    "HIPAA audit report", "Totals", "Incidents per month", "Incidents by AI tool",
    "Workstation coverage", "Chain verification", "What this log does not contain",
)  # fmt: skip
DOCS = Path(__file__).resolve().parents[2] / "docs" / "images"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield build_site(tmp_path)
    forward_store.flush()  # queued keyring writes land in this test's keyring
    keyring.set_keyring(previous)


@pytest.fixture
def window(site: Site, qtbot: object) -> ReviewWindow:
    source = central_source(str(site.central), 60, "Maple Clinic")
    win = ReviewWindow(source, scanner=shared_scanner)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    assert win.loading  # the window shows before the records are read
    wait_loaded(win, qtbot)
    return win


def wait_loaded(win: ReviewWindow, qtbot: object) -> None:
    """Until the loader thread's answer is shown (the GUI thread never waits for it)."""
    qtbot.waitUntil(lambda: not win.loading, timeout=20_000)  # type: ignore[attr-defined]


def all_text(win: QWidget) -> str:
    """Every string the window shows: labels, tables, combos, texts, chart tooltips."""
    parts = [w.text() for w in win.findChildren(QLabel)]
    parts += [w.toPlainText() for w in win.findChildren(QPlainTextEdit)]
    parts += [w.itemText(i) for w in win.findChildren(QComboBox) for i in range(w.count())]
    parts += [w.toolTip() for w in win.findChildren(BarChart)]
    for table in win.findChildren(QTableWidget):
        parts += [
            table.item(r, c).text()
            for r in range(table.rowCount())
            for c in range(table.columnCount())
        ]
    if isinstance(win, ReviewWindow):
        model = win.model
        parts += [cell for row in model.rows for cell in row]
    return "\n".join(parts)


def _health_row(win: ReviewWindow, host: str) -> list[str]:
    table = win.health.table
    for r in range(table.rowCount()):
        if table.item(r, 0).text() == host:
            return [table.item(r, c).text() for c in range(table.columnCount())]
    raise AssertionError(f"{host} not in the health table")


def test_shows_tampered_segment_and_silent_workstation(window: ReviewWindow, site: Site) -> None:
    verdict = window.health.verdict.text()
    assert "TAMPERED" in verdict and site.silent_host in verdict
    assert _health_row(window, site.silent_host)[4] == "SILENT"
    assert "problem" in _health_row(window, site.tampered_host)[6]
    assert _health_row(window, "FRONT-DESK")[6] == "verified"
    assert "edited (digest does not match" in window.health.problems.toPlainText()
    assert {"FRONT-DESK", "EXAM-2", "BILLING-PC"} <= set(window.model.distinct(2))
    assert "Blocked" in window.summary.counts.text() and window.summary.by_tool.bars


def _load_states(win: ReviewWindow) -> list[tuple[bool, bool, str, bool]]:
    """(rows shown, loading, verdict, any button on) right after each `finished` is shown."""
    states: list[tuple[bool, bool, str, bool]] = []
    win.loader.finished.connect(  # connected after the window's own slot: runs after it
        lambda _: states.append(
            (
                win.rows_shown,
                win.loading,
                win.health.verdict.text(),
                any(b.isEnabled() for b in win.buttons),
            )
        )
    )
    return states


def test_rows_show_before_their_digests_and_an_edit_makes_a_checked_read(
    site: Site, qtbot: object
) -> None:
    win = ReviewWindow(central_source(str(site.central), 60, "Maple"), scanner=shared_scanner)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    states = _load_states(win)
    win.show()
    wait_loaded(win, qtbot)
    first, checked = states  # rows read without digest checks, then the read with them
    assert first[0] and first[1] and not first[3]  # shown, still checking, nothing to act on
    assert "Checking each record against its digest" in first[2]
    assert checked[0] and not checked[1] and checked[3] and "TAMPERED" in checked[2]
    assert "edited (digest does not match" in win.health.problems.toPlainText()


def test_digests_that_hold_keep_the_shown_rows(site: Site, tmp_path: Path, qtbot: object) -> None:
    clean = build_site(tmp_path / "clean", tampered=False)
    win = ReviewWindow(central_source(str(clean.central), 60, "Maple"), scanner=shared_scanner)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    states = _load_states(win)
    win.show()
    wait_loaded(win, qtbot)
    assert len(states) == 1 and states[0][1]  # one read; checked after it was shown
    assert "Chain verified" in win.health.verdict.text()
    assert _health_row(win, "EXAM-2")[6] == "verified"
    assert all(b.isEnabled() for b in win.buttons[1:])


def test_filters_search_and_sort(window: ReviewWindow, qtbot: object) -> None:
    total = window.model.rowCount()
    assert total == len(window.model.records) > 0
    window.action.setCurrentIndex(window.action.findData("overridden"))
    shown = window.model.rowCount()
    assert 0 < shown < total
    assert {window.model.record_at(r)["action"] for r in range(shown)} == {"overridden"}
    window.host.setCurrentIndex(window.host.findData("FRONT-DESK"))
    assert {window.model.record_at(r)["host"] for r in range(window.model.rowCount())} == {
        "FRONT-DESK"
    }
    window.action.setCurrentIndex(0)
    window.host.setCurrentIndex(0)
    window.search.setText("claude")
    assert window.apply_filters() == sum(
        1 for r in window.model.records if r["tool"]["id"] == "claude"
    )
    window.search.setText("")
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date()
    window.start.setDate(tomorrow)
    window.end.setDate(tomorrow)
    assert window.model.rowCount() == 0
    window.start.setDate(tomorrow.replace(year=2000))
    window.reload()  # keeps the manager's filters
    wait_loaded(window, qtbot)
    assert window.start.date().year() == 2000
    window.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)

    def hosts() -> list[str]:
        return [window.model.index(r, 2).data() for r in range(window.model.rowCount())]

    # Sorted at once when the search index is built, else as soon as it arrives.
    qtbot.waitUntil(lambda: hosts() == sorted(hosts(), reverse=True), timeout=20_000)  # type: ignore[attr-defined]
    assert len(hosts()) == total and hosts()[0] != hosts()[-1]


def test_a_filter_changed_while_reading_keeps_the_loading_line(
    window: ReviewWindow, qtbot: object
) -> None:
    window.reload()  # the reader starts from a zero timer: nothing is read yet
    window.start.setDate(window.start.date().addDays(-1))
    assert window.shown.text().startswith("Loading incidents")
    wait_loaded(window, qtbot)
    assert window.shown.text().endswith("incidents shown")


def test_a_reload_frees_the_previous_load_between_turns_of_the_event_loop(
    window: ReviewWindow, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(review_release, "CHUNK", 1)  # one item per turn of the event loop
    monkeypatch.setattr(review_release, "STEP_SECONDS", 0.0)
    given: list[list[list[object]]] = []
    held = review_release.held_lists
    monkeypatch.setattr(
        review_release, "held_lists", lambda *a: given.append(held(*a)) or given[-1]
    )
    table, review = window.model.table, window.review

    def shown() -> list[tuple[str, int]]:
        found = map(window.model.record_at, range(window.model.rowCount()))
        return sorted((r["device_id"], r["seq"]) for r in found)

    before = shown()
    assert before and review is not None and review.records
    at_show: list[bool] = []  # right as the new load shows: nothing freed at once
    window.loaded.connect(lambda: at_show.append(window.releaser.pending and any(given[0])))
    window.reload()
    wait_loaded(window, qtbot)
    assert at_show == [True]
    qtbot.waitUntil(lambda: not window.releaser.pending, timeout=20_000)  # type: ignore[attr-defined]
    assert not any(given[0]) and table.records == [] and review.records == []
    assert shown() == before  # the new load is whole


def test_follow_up_round_trip_without_phi(window: ReviewWindow, site: Site, qtbot: object) -> None:
    window.action.setCurrentIndex(window.action.findData("overridden"))
    record = window.model.record_at(0)
    window.follow_up(record, "no_disclosure", PHI_NOTE)
    wait_loaded(window, qtbot)
    reopened = ReviewWindow(
        central_source(str(site.central), 60, "Maple Clinic"), scanner=shared_scanner
    )
    qtbot.addWidget(reopened)  # type: ignore[attr-defined]
    wait_loaded(reopened, qtbot)
    row = reopened.model.records.index(record)
    follow = reopened.model.rows[row][7]
    assert follow.startswith("No disclosure: ") and "<SSN>" in follow
    stored = b"".join(p.read_bytes() for p in (site.central / "annotations").iterdir())
    for win in (window, reopened):
        text = all_text(win)
        assert all(value not in text for value in PLANTED)
    assert all(value.encode() not in stored for value in PLANTED)


def test_csv_and_pdf_report(window: ReviewWindow, tmp_path: Path, qtbot: object) -> None:
    window.action.setCurrentIndex(window.action.findData("overridden"))
    window.follow_up(window.model.record_at(0), "training_given", PHI_NOTE)
    wait_loaded(window, qtbot)
    overrides = sum(1 for r in window.model.records if r["action"] == "overridden")
    assert window.export_csv(tmp_path / "x.csv") == overrides
    today = datetime.now(UTC).date()
    pdf = tmp_path / "report.pdf"
    window.export_report(pdf, today - timedelta(days=30), today)
    window.export_report(tmp_path / "report.html", today - timedelta(days=30), today)
    assert "data:image/png;base64," in (tmp_path / "report.html").read_text()
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    text = " ".join(unicodedata.normalize("NFKC", out.stdout.decode()).split())  # ﬁ → fi
    for heading in REPORT_HEADINGS:
        assert heading in text
    assert f"Overrides ({overrides})" in text and "Training given" in text
    total = len(window.model.records)
    assert f"Total incidents {total}" in text
    assert all(value not in text for value in PLANTED)
    page = ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")]
    subprocess.run(page, check=True)
    page1 = next(tmp_path.glob("page*.png"))
    assert page1.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and page1.stat().st_size > 10_000
    if os.environ.get("PW_DOCS_IMAGES") == "1":  # refresh the README's pictures on request
        window.action.setCurrentIndex(0)
        assert window.grab().save(str(DOCS / "review-window.png"))
        shutil.copy(page1, DOCS / "audit-report-page1.png")


def test_mark_reviewed_waits_for_the_scanner_built_off_the_gui_thread(
    site: Site, qtbot: object
) -> None:
    release = threading.Event()
    threads: list[str] = []

    def slow_scanner() -> object:
        threads.append(threading.current_thread().name)
        release.wait(10)
        return shared_scanner()

    win = ReviewWindow(central_source(str(site.central), 60, "Maple Clinic"), scanner=slow_scanner)  # type: ignore[arg-type]
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    wait_loaded(win, qtbot)
    assert not win.mark_button.isEnabled() and win.buttons[1].isEnabled()
    release.set()
    qtbot.waitUntil(win.mark_button.isEnabled, timeout=20_000)  # type: ignore[attr-defined]
    assert threads == ["note-scanner"]


def test_a_search_typed_before_the_index_is_ready_applies_when_it_arrives(
    site: Site, qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    index = IncidentTable.index

    def slow_index(table: IncidentTable) -> None:
        release.wait(10)
        index(table)

    monkeypatch.setattr(IncidentTable, "index", slow_index)
    win = ReviewWindow(
        central_source(str(site.central), 60, "Maple Clinic"), scanner=shared_scanner
    )
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    wait_loaded(win, qtbot)
    total = win.model.rowCount()
    win.search.setText("claude")
    assert win.apply_filters() == total and "preparing the search" in win.shown.text()
    release.set()
    claude = sum(1 for r in win.model.records if r["tool"]["id"] == "claude")
    qtbot.waitUntil(lambda: win.model.rowCount() == claude, timeout=20_000)  # type: ignore[attr-defined]
    assert "preparing" not in win.shown.text()


def test_the_report_button_writes_the_report_off_the_gui_thread(
    window: ReviewWindow, tmp_path: Path, qtbot: object
) -> None:
    today = datetime.now(UTC).date()
    pdf = tmp_path / "background.pdf"
    window.write_report_in_background(pdf, today - timedelta(days=30), today)
    assert not window.report_button.isEnabled()
    qtbot.waitUntil(window.report_button.isEnabled, timeout=30_000)  # type: ignore[attr-defined]
    assert window.shown.text() == f"Audit report written: {pdf}"
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    assert "HIPAA audit report" in out.stdout.decode()


def test_tray_review_uses_the_policy_it_was_started_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run --policy P`: "Review incidents" scans notes with P's detection.allow, not the
    default policy's (the tray used to build the window's source without P's settings)."""
    from types import SimpleNamespace

    import app.ui.review_window as review_window
    from app.ui.agent import Agent
    from policy.loader import load_policy
    from policy.locations import default_locations

    policy = json.loads((Path(__file__).parents[2] / "resources/default_policy.json").read_text())
    policy.setdefault("detection", {}).setdefault("allow", {})["staff_names"] = ["Hank Moody"]
    policy["central"] = {**policy.get("central", {}), "folder": str(tmp_path / "central")}
    (tmp_path / "central").mkdir()
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(policy))
    loaded = load_policy(default_locations(str(path)))
    assert loaded.source == "override", loaded.errors
    opened: list[object] = []

    class Window:  # stands in for ReviewWindow: records the source it is opened with
        def __init__(self, source: object) -> None:
            opened.append(source)

        def show(self) -> None:
            pass

    monkeypatch.setattr(review_window, "ReviewWindow", Window)
    tray = SimpleNamespace(notify=lambda *args: opened.append(args))
    Agent._review(SimpleNamespace(loaded=loaded, tray=tray, _review_window=None))  # type: ignore[arg-type]
    (source,) = opened
    assert source.scan_settings is not None  # type: ignore[attr-defined]
    assert source.scan_settings.staff_names == ("Hank Moody",)  # type: ignore[attr-defined]
    assert source.label == f"Central folder: {tmp_path / 'central'}"  # type: ignore[attr-defined]


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_zone(monkeypatch, "America/New_York")
    yield
    monkeypatch.undo()
    time.tzset()


def _column(win: ReviewWindow, column: int) -> list[str]:
    model = win.model
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_names_local_times_labels_and_the_weekly_chart(
    site: Site, new_york: None, tmp_path: Path, qtbot: object
) -> None:
    win = ReviewWindow(central_source(str(site.central), 60, "Maple Clinic"), shared_scanner)
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    win.show()
    wait_loaded(win, qtbot)
    caption = win.zone_label.text()
    assert caption.startswith("Times are in ") and "(UTC−05:00)" in caption
    assert "(UTC−04:00)" in caption and win.zone_label.textFormat() == Qt.TextFormat.PlainText
    records = [win.model.record_at(r) for r in range(win.model.rowCount())]
    assert win.model.headerData(0, Qt.Orientation.Horizontal) == "Time"
    assert _column(win, 0) == local_times([r["time"] for r in records])
    assert _column(win, 0) != [r["time"][:19].replace("T", " ") for r in records]

    names = builtin_tool_names()
    assert _column(win, 3) == [names[r["tool"]["id"]] for r in records]
    tools = {win.tool.itemData(i): win.tool.itemText(i) for i in range(1, win.tool.count())}
    assert tools == {t: names[t] for t in ("chatgpt", "claude", "gemini")}
    assert names["chatgpt"] in " ".join(b for b, _ in win.summary.by_tool.bars)

    assert _column(win, 4) == [ACTION_LABELS[r["action"]] for r in records]
    actions = [win.action.itemText(i) for i in range(1, win.action.count())]
    assert actions == list(ACTION_LABELS.values())
    counts = win.summary.counts.text()
    assert "Blocked, kept off the clipboard" in counts and "Warned, then cancelled" in counts

    chart = win.summary.weeks
    assert win.summary.layout().itemAt(0).widget() is chart  # the trend comes first
    assert sum(w.total for w in chart.weeks) == len(records) > 0
    blocked = sum(r["action"] == "blocked" for r in records)
    assert sum(w.counts.get("blocked", 0) for w in chart.weeks) == blocked
    image = chart.grab().toImage()
    colors = {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(0, image.height(), 3)
    }
    assert BAR_COLOR.name() in colors  # the blocked part of a column is drawn
    win.start.setDate(win.end.date().addDays(1))  # an empty period: nothing to chart
    assert sum(w.total for w in chart.weeks) == 0

    win.start.setDate(win.end.date().addDays(-400))
    assert win.export_csv(tmp_path / "shown.csv") == len(records)
    exported = (tmp_path / "shown.csv").read_text(encoding="utf-8-sig").splitlines()
    rows = list(csv.DictReader(exported))
    assert {(r["tool_id"], r["tool_name"]) for r in rows} == {(t, names[t]) for t in tools}
    assert sorted(r["time"] for r in rows) == sorted(r["time"] for r in records)  # UTC ISO

    pdf = tmp_path / "report.pdf"
    days = sorted(local_days([r["time"] for r in records]))
    win.export_report(pdf, date.fromisoformat(days[0]), date.fromisoformat(days[-1]))
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    text = " ".join(unicodedata.normalize("NFKC", out.stdout.decode()).split())
    assert text.index("Incidents per week, by action") < text.index("Totals")
    assert "Week of (Monday)" in text and caption in text
    for label in ACTION_LABELS.values():
        assert label in text
    assert f"Blocked, kept off the clipboard {blocked}" in text
    for tool in ("chatgpt", "claude", "gemini"):
        assert names[tool] in text
    assert records[0]["time"][:16].replace("T", " ") not in text  # no UTC times shown
