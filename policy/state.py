"""What the loader remembers between runs, in the user's data folder (app.paths).

- `rollback.json`: only the highest policy version ever accepted from the managed
  location, `{"highest_version": 7}`, so an older (perhaps more permissive) policy
  cannot be replayed. Nothing else about the policy is stored there.
- `last_known_good.json` (+ `.sig`): a byte-exact copy of the last managed policy that
  passed every check, used when the managed file later turns out broken.
Neither file ever holds clipboard text, window titles or anything else about the user.
Writes are atomic (temp file, fsync, rename) so a crash leaves the old file intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from app.paths import data_dir
from policy.validate import MAX_BYTES

_ROLLBACK = "rollback.json"
_LKG = "last_known_good.json"


class PolicyState:
    """Anti-rollback version and last-known-good copy, under one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "policy"

    def highest_version(self) -> int:
        """The highest version accepted so far; 0 when none (or the file is unreadable)."""
        try:
            value = json.loads((self.folder / _ROLLBACK).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        version = value.get("highest_version") if isinstance(value, dict) else None
        return version if isinstance(version, int) and not isinstance(version, bool) else 0

    def record_version(self, version: int) -> None:
        """Remember `version` if it is higher than anything seen before."""
        if version > self.highest_version():
            data = json.dumps({"highest_version": version}).encode() + b"\n"
            self._write(self.folder / _ROLLBACK, data)

    def save_last_known_good(self, raw: bytes, signature: bytes | None) -> None:
        """Keep an exact copy of an accepted policy (and its signature, if any)."""
        sig_path = self.folder / (_LKG + ".sig")
        if signature is not None:
            self._write(sig_path, signature)
        else:
            sig_path.unlink(missing_ok=True)
        self._write(self.folder / _LKG, raw)

    def last_known_good(self) -> tuple[bytes, bytes | None] | None:
        """(policy bytes, signature bytes or None), or None when there is no copy."""
        raw = _read(self.folder / _LKG)
        return None if raw is None else (raw, _read(self.folder / (_LKG + ".sig")))

    @property
    def last_known_good_path(self) -> Path:
        return self.folder / _LKG

    def _write(self, path: Path, data: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write a temp file beside `target`, fsync it, then rename it over `target`.

    Readers see the old file or the new one, never half of one; `mode` widens the
    temp file's private 0o600 (e.g. 0o644 for a policy every user's tray reads).
    """
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError:
        return None
