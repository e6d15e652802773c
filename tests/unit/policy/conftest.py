"""Fixtures for policy tests.

Every test gets its own PASTEWARDEN_HOME, so anti-rollback and last-known-good files
land in a temp folder and never in the developer's profile.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from policy_helpers import Site, make_site


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    return make_site(tmp_path)
