"""What the loader remembers between runs, in the user's data folder (policy.paths).

`last_known_good.json` + `.sig`: a byte-exact copy of the last signed managed policy
that passed every check, used only while the managed file is missing or broken, and
only after its signature verifies again against a trusted key. The user can write this
folder, so nothing here is trusted on its own: it can never refuse or replace a valid
managed policy (docs/policy.md, "Threat model"). Earlier versions also kept an
anti-rollback counter (`rollback.json`) here; it is no longer read, because a counter
the user can write could lock IT's own policy out.
The file never holds clipboard text, window titles or anything else about the user.
Writes are atomic (temp file, fsync, rename) so a crash leaves the old file intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from policy.paths import data_dir
from policy.validate import MAX_BYTES

_LKG = "last_known_good.json"


class PolicyState:
    """The last-known-good copy of a signed managed policy, under one folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "policy"

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
