"""Installer and deployment tests: a private PASTEWARDEN_HOME, HOME and keyring per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.core.journal import forward_store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))

from journal_testkit import MemoryKeyring

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Nothing here may touch the real ~/.config/autostart, keyring or journal."""
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "pw"))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("PASTEWARDEN_POLICY", raising=False)
    # No test may reach this machine's systemd user manager: here it has none.
    monkeypatch.setattr("app.backends.autostart_systemd.systemctl", lambda args: 1)
    yield tmp_path
    forward_store.flush()  # queued keyring writes land in this test's keyring
    keyring.set_keyring(previous)
