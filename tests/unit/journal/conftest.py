"""Journal unit tests: an in-memory keyring and a private PASTEWARDEN_HOME for each test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.core.journal import forward_store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from journal_testkit import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    forward_store.flush()  # queued keyring writes land in this test's keyring
    keyring.set_keyring(previous)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("PASTEWARDEN_POLICY", raising=False)
    return tmp_path / "home"


@pytest.fixture
def central(tmp_path: Path) -> Path:
    """An empty central folder with its incidents/ folder, as IT creates it."""
    folder = tmp_path / "central"
    (folder / "incidents").mkdir(parents=True)
    return folder
