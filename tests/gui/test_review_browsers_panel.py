"""The review window's workstation health shows each workstation's browser protection (a
companion connected, lost, or never seen, since a local time), and so does the PDF audit
report's workstation section (pdftotext)."""

from __future__ import annotations

import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / d) for d in ("unit/review", "support")]
from journal_testkit import isolated_central  # noqa: E402
from review_kit import state_workstation, use_zone  # noqa: E402

from app.core.review.overview import HEALTH_HEADERS  # noqa: E402
from app.core.review.source import central_source  # noqa: E402
from app.ui.review_window import ReviewWindow  # noqa: E402

START = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
ON, OFF = "browser_companion_connected", "browser_companion_lost"


def _shown(minutes: int) -> str:
    """The local minute the window shows for a record `minutes` after START."""
    return (START + timedelta(minutes=minutes)).astimezone().strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def central(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    use_zone(monkeypatch, "America/New_York")  # local time is not UTC here
    for folder in isolated_central(tmp_path, monkeypatch):
        for host, states in (
            ("WARD-1", ((0, "started"), (20, ON), (95, OFF))),
            ("WARD-2", ((0, "started"), (30, ON), (40, "policy_changed"))),
            ("DESK-3", ((0, "started"), (50, "paused"))),
        ):
            timed = [(START + timedelta(minutes=m), state) for m, state in states]
            state_workstation(tmp_path, folder, host, timed)
        yield folder
    monkeypatch.undo()
    time.tzset()


def _health(window: ReviewWindow) -> dict[str, str]:
    table = window.health.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == list(HEALTH_HEADERS)
    column = headers.index("Browser protection")
    return {table.item(r, 0).text(): table.item(r, column).text() for r in range(table.rowCount())}


def test_health_panel_and_report_show_browser_protection(
    central: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = ReviewWindow(central_source(str(central), 60, "Clinic"), scanner=lambda: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.loading, timeout=20_000)
    expected = {
        "WARD-1": f"companion lost since {_shown(95)}",
        "WARD-2": f"companion connected since {_shown(30)}",
        "DESK-3": "never seen",
    }
    assert _health(window) == expected
    assert _shown(30) != (START + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")  # not UTC

    pdf = tmp_path / "report.pdf"
    today = datetime.now(UTC).date()
    window.export_report(pdf, today - timedelta(days=7), today)
    # -raw: in drawing order, so a table cell wrapped over two lines reads as one text.
    out = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True)
    text = " ".join(unicodedata.normalize("NFKC", out.stdout.decode()).split())
    section = text[text.index("Workstation coverage") : text.index("Protection gaps")]
    assert "Browser protection" in section
    for shown in expected.values():
        assert shown in section
