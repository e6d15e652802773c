"""Review unit tests: an in-memory keyring and a private PASTEWARDEN_HOME per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from journal_testkit import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
