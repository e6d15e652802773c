"""The review window's "Protection gaps" tab lists each gap of each workstation."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from journal_testkit import isolated_central

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.incident import IncidentEvent
from app.core.journal.record_body import AgentInfo
from app.core.journal.store import Journal
from app.core.review.gaps import HEADERS
from app.core.review.source import central_source
from app.ui.review_window import ReviewWindow


@pytest.fixture
def central(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    start = datetime.now(UTC) - timedelta(hours=3)
    times = iter(start + timedelta(minutes=m) for m in (0, 30, 75, 90))
    for folder in isolated_central(tmp_path, monkeypatch):
        agent = AgentInfo("dana", "FRONT-2", "t")
        journal = Journal(tmp_path / "j.sqlite3", agent, lambda: next(times))
        for state in ("started", "paused", "resumed", "os_shutdown"):
            journal.record(IncidentEvent(kind="agent_state", state=state))
        assert sync_once(journal, LocalFS(folder)).ok
        yield folder


def test_the_gaps_tab_lists_who_when_how_long_and_why(central: Path, qtbot: QtBot) -> None:
    window = ReviewWindow(central_source(str(central), 60, "Clinic"), scanner=lambda: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=20_000)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Protection gaps" in titles
    table = window.gaps.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == list(HEADERS) and table.rowCount() == 2
    first = [table.item(0, c).text() for c in range(table.columnCount())]
    second = [table.item(1, c).text() for c in range(table.columnCount())]
    assert first[:2] == ["FRONT-2", "dana"] and first[4:] == ["45 min", "paused by the user"]
    assert second[3] == "still open" and second[5] == "computer shut down"
