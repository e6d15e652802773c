"""Shared helpers for the journal tests: test keyrings, events, tampering and reading.

`MemoryKeyring` is what unit tests install with keyring.set_keyring() (DESIGN.md §8:
headless Linux has no keyring). `FileKeyring` lets several real processes (the 8-device
and kill -9 tests) share one device key: child processes get it through
PYTHON_KEYRING_BACKEND=journal_testkit.FileKeyring and PW_TEST_KEYRING_FILE.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from keyring.backend import KeyringBackend

from app.core.journal import chain
from app.core.journal.incident import Detection, IncidentEvent, ToolRef

SUPPORT_DIR = Path(__file__).resolve().parent
ROOT = SUPPORT_DIR.parents[1]


class MemoryKeyring(KeyringBackend):
    """An in-process keyring (a secure backend as far as the journal is concerned)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class FileKeyring(KeyringBackend):
    """A keyring in a JSON file shared by test processes (never for production)."""

    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ["PW_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        path = self._path()
        return json.loads(path.read_text()) if path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x1f{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load() | {f"{service}\x1f{username}": password}
        tmp = self._path().with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data))
        os.replace(tmp, self._path())

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


def child_env(home: Path, keyring_file: Path) -> dict[str, str]:
    """Environment for a child process acting as one device."""
    return os.environ | {
        "PASTEWARDEN_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(SUPPORT_DIR), str(ROOT)]),
        "PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
        "PW_TEST_KEYRING_FILE": str(keyring_file),
    }


def incident(n: int = 0, action: str = "blocked") -> IncidentEvent:
    """A typical incident event (types and counts only)."""
    return IncidentEvent(
        kind="incident",
        action=action,  # type: ignore[arg-type]
        enforcement="clipboard_quarantine",
        tool=ToolRef("chatgpt", "consumer_ai", "chatgpt.com", "chrome"),
        policy_version=7,
        policy_signed=True,
        detections=(Detection("NAME", 1 + n % 3, 0.85), Detection("DATE", 1, 0.95)),
        chars_bucket="100-999",
    )


# -- tampering with a journal database or a central segment --------------------------------
def db_lines(db: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(db) as conn:
        return list(conn.execute("SELECT seq, line FROM records ORDER BY seq"))


def db_exec(db: Path, sql: str, *params: Any) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(sql, params)


def edited(line: str | bytes, **changes: Any) -> str:
    """The record with fields changed, its digest recomputed (the MAC cannot be)."""
    record = json.loads(line)
    record.update(changes)
    record["digest"] = chain.digest_of(chain.body_of(record))
    return chain.canonical(record).decode()


def synced_device(folder: Path, central: Path, name: str, n: int, segment: int = 4) -> Any:
    """A journal of `n` incidents at folder/<name>.sqlite3, synced to `central`."""
    from app.backends.central_folders import LocalFS
    from app.core.central.sync import sync_once
    from app.core.journal.store import Journal

    journal = Journal(folder / f"{name}.sqlite3")
    for i in range(n):
        journal.record(incident(i))
    assert sync_once(journal, LocalFS(central), max_segment=segment).ok
    return journal


def edit_segment_line(segment: Path, index: int, **changes: Any) -> None:
    """Rewrite line `index` of a central segment with fields changed, digest recomputed."""
    lines = segment.read_bytes().splitlines()
    lines[index] = edited(lines[index], **changes).encode()
    segment.write_bytes(b"\n".join(lines) + b"\n")


def isolated_central(tmp_path: Path, monkeypatch: Any) -> Iterator[Path]:
    """For a fixture (`yield from`): a private PASTEWARDEN_HOME, an in-memory keyring and
    an empty central folder with its incidents/ folder; the keyring is put back after."""
    import keyring

    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    try:
        yield central
    finally:
        keyring.set_keyring(previous)
