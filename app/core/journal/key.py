"""The per-device chain key and the central share's password, from the OS keyring.

DESIGN.md §8: headless Linux has no keyring backend, and `keyrings.alt` silently stores
secrets in plain text. A key kept in a plaintext, null or failing backend protects
nothing, so those backends are refused: the journal then records anyway with a key
that lives only in memory for this run, and reports the degraded state (the tray
shows it; records carry `key_store: "memory"`). The keyring is reached through the
SecretStore port (app.core.system().secrets(); app.backends.keyring_secrets).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Literal

from app.core import system
from app.core.ports import SecretStore, SecretStoreError

SERVICE = "PasteWarden"
CENTRAL_SERVICE = "PasteWarden central folder"
_MEMORY_KEYS: dict[str, bytes] = {}  # per process: "keep the key only in memory for that run"
_STORE_ERRORS = (SecretStoreError, OSError, ValueError, RuntimeError)

KeyStore = Literal["keyring", "memory"]


@dataclass(frozen=True)
class DeviceKey:
    """The HMAC key of one device and where it is kept; `problem` explains a memory key."""

    key: bytes
    store: KeyStore
    problem: str | None = None


def load_device_key(device_id: str) -> DeviceKey:
    """The device key from the keyring (created on first use), else a memory-only key."""
    username = f"journal-key/{device_id}"
    store = system().secrets()
    problem = store.refusal()
    if problem is None:
        try:
            return DeviceKey(_keyring_key(store, username), "keyring")
        except _STORE_ERRORS as error:
            problem = f"keyring unavailable: {_error_name(error)}"
    key = _MEMORY_KEYS.setdefault(device_id, secrets.token_bytes(32))
    return DeviceKey(key, "memory", problem)


def _error_name(error: Exception) -> str:
    """The failing class's name: the keyring's own, carried by a SecretStoreError."""
    return str(error) if isinstance(error, SecretStoreError) else type(error).__name__


def _keyring_key(store: SecretStore, username: str) -> bytes:
    stored = store.get(SERVICE, username)
    if stored is None:
        store.put(SERVICE, username, secrets.token_hex(32))
        stored = store.get(SERVICE, username)  # read back: a backend may drop it
        if stored is None:
            raise ValueError("keyring did not keep the key")
    key = bytes.fromhex(stored)
    if len(key) < 32:
        raise ValueError("keyring holds a malformed key")
    return key


def lookup_key(device_id: str) -> bytes | None:
    """The device key if the keyring holds one (for verification); never creates one."""
    store = system().secrets()
    if store.refusal() is None:
        try:
            stored = store.get(SERVICE, f"journal-key/{device_id}")
            if stored:
                return bytes.fromhex(stored)
        except (SecretStoreError, OSError, ValueError):
            pass
    return _MEMORY_KEYS.get(device_id)


def central_password(user: str, host: str) -> str:
    """The central share's password for user@host; IT stores it with `keyring set`."""
    store = system().secrets()
    problem = store.refusal()
    if problem is not None:
        raise PermissionError(f"cannot read the share password: {problem}")
    password = store.get(CENTRAL_SERVICE, f"{user}@{host}")
    if password is None:
        raise PermissionError(f"no password for {user}@{host} in the keyring ({CENTRAL_SERVICE!r})")
    return str(password)
