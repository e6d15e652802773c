"""Review unit tests: an in-memory keyring and a private PASTEWARDEN_HOME per test."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from journal_testkit import MemoryKeyring
from review_kit import use_zone


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def utc_unless_set(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC unless a test picks a zone (review_kit.use_zone)."""
    use_zone(monkeypatch, "UTC")
    yield
    monkeypatch.undo()  # TZ back as it was, before tzset reads it again
    time.tzset()
