"""Integration tests: real processes, real mounts, a real Samba server. They need root.

CI and this machine run as root; elsewhere these tests FAIL loudly (a skipped fault test
would count as done when it is not).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from app.core.journal import forward_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from journal_testkit import MemoryKeyring
from rsyslog_server import rsyslog, syslog_pki  # noqa: F401  (fixtures for the syslog tests)


@pytest.fixture
def as_root() -> None:
    if os.geteuid() != 0:
        pytest.fail("this fault-injection test needs root (mount, useradd, smbd); run as root")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    forward_store.flush()  # queued keyring writes land in this test's keyring
    keyring.set_keyring(previous)
