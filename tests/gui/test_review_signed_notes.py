"""With an audit key in the policy the review window signs follow-ups with the
reviewer's private key, and refuses to store one it cannot sign (it would never show)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / d) for d in ("unit/review", "support")]
from journal_testkit import isolated_central  # noqa: E402
from review_kit import build_site  # noqa: E402

from app.core.journal.audit_key import generate  # noqa: E402
from app.core.review.annotation_trust import UnsignedFollowUpError  # noqa: E402
from app.core.review.source import central_source  # noqa: E402
from app.ui.review_window import ReviewWindow  # noqa: E402

KEY = generate()


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for _ in isolated_central(tmp_path / "unused", monkeypatch):
        yield


def test_the_window_refuses_an_unsigned_follow_up_when_an_audit_key_is_in_use(
    tmp_path: Path, qtbot: object
) -> None:
    site = build_site(tmp_path, tampered=False)
    source = central_source(str(site.central), 60, "Clinic")
    source.audit_public = KEY.public
    window = ReviewWindow(source, scanner=lambda: None)  # type: ignore[arg-type,return-value]
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.loading, timeout=20_000)  # type: ignore[attr-defined]
    record = next(r for r in window.review.records if r.get("action") == "overridden")  # type: ignore[union-attr]
    with pytest.raises(UnsignedFollowUpError):
        window.follow_up(record, "no_disclosure", "")
    assert not (site.central / "annotations").exists()
    source.audit = [KEY]
    window.follow_up(record, "no_disclosure", "")
    stored = json.loads(next((site.central / "annotations").iterdir()).read_text())
    assert stored["key_id"] == KEY.public.key_id and stored["signature"]
