"""The per-device chain key and the central share's password, from the OS keyring.

DESIGN.md §8: headless Linux has no keyring backend, and `keyrings.alt` silently stores
secrets in plain text. A key kept in a plaintext, null or failing backend protects
nothing, so those backends are refused: the journal then records anyway with a key
that lives only in memory for this run, and reports the degraded state (the tray
shows it; records carry `key_store: "memory"`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, Literal

import keyring
import keyring.errors

SERVICE = "PasteWarden"
CENTRAL_SERVICE = "PasteWarden central folder"
# Backends that are no protection at all: plain-text files, nothing, or always failing.
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")
_MEMORY_KEYS: dict[str, bytes] = {}  # per process: "keep the key only in memory for that run"

KeyStore = Literal["keyring", "memory"]


@dataclass(frozen=True)
class DeviceKey:
    """The HMAC key of one device and where it is kept; `problem` explains a memory key."""

    key: bytes
    store: KeyStore
    problem: str | None = None


def refused_backend(backend: Any) -> str | None:
    """Why this keyring backend must not hold the key, or None when it is acceptable."""
    inner = getattr(backend, "backends", None)
    if inner is not None:  # keyring's ChainerBackend: acceptable if any member is
        reasons = [refused_backend(b) for b in inner]
        if inner and any(r is None for r in reasons):
            return None
        return (
            "no secure keyring backend (only: " + (", ".join(filter(None, reasons)) or "none") + ")"
        )
    module = type(backend).__module__
    if module.startswith(_REFUSED_MODULES):
        return f"keyring backend {module}.{type(backend).__name__} is not secure"
    return None


def load_device_key(device_id: str) -> DeviceKey:
    """The device key from the keyring (created on first use), else a memory-only key."""
    username = f"journal-key/{device_id}"
    backend = keyring.get_keyring()
    problem = refused_backend(backend)
    if problem is None:
        try:
            return DeviceKey(_keyring_key(backend, username), "keyring")
        except (keyring.errors.KeyringError, OSError, ValueError, RuntimeError) as error:
            problem = f"keyring unavailable: {type(error).__name__}"
    key = _MEMORY_KEYS.setdefault(device_id, secrets.token_bytes(32))
    return DeviceKey(key, "memory", problem)


def _keyring_key(backend: Any, username: str) -> bytes:
    stored = backend.get_password(SERVICE, username)
    if stored is None:
        backend.set_password(SERVICE, username, secrets.token_hex(32))
        stored = backend.get_password(SERVICE, username)  # read back: a backend may drop it
        if stored is None:
            raise ValueError("keyring did not keep the key")
    key = bytes.fromhex(stored)
    if len(key) < 32:
        raise ValueError("keyring holds a malformed key")
    return key


def lookup_key(device_id: str) -> bytes | None:
    """The device key if the keyring holds one (for verification); never creates one."""
    backend = keyring.get_keyring()
    if refused_backend(backend) is None:
        try:
            stored = backend.get_password(SERVICE, f"journal-key/{device_id}")
            if stored:
                return bytes.fromhex(stored)
        except (keyring.errors.KeyringError, OSError, ValueError):
            pass
    return _MEMORY_KEYS.get(device_id)


def central_password(user: str, host: str) -> str:
    """The central share's password for user@host; IT stores it with `keyring set`."""
    backend = keyring.get_keyring()
    problem = refused_backend(backend)
    if problem is not None:
        raise PermissionError(f"cannot read the share password: {problem}")
    password = backend.get_password(CENTRAL_SERVICE, f"{user}@{host}")
    if password is None:
        raise PermissionError(f"no password for {user}@{host} in the keyring ({CENTRAL_SERVICE!r})")
    return str(password)


def load_forward_state(device_id: str, store: KeyStore) -> str | None:
    """The forward-sealing state (JSON text) of a device, from where its key is kept."""
    if store == "memory":
        return _MEMORY_FORWARD.get(device_id)
    try:
        value = keyring.get_keyring().get_password(SERVICE, f"journal-forward/{device_id}")
    except (keyring.errors.KeyringError, OSError, ValueError, RuntimeError):
        return _MEMORY_FORWARD.get(device_id)
    return None if value is None else str(value)


def save_forward_state(device_id: str, store: KeyStore, state: str) -> bool:
    """Replace the state (the previous key is gone with it); False when the keyring failed
    (the state is then kept in memory for this run, and the old key was not erased)."""
    _MEMORY_FORWARD[device_id] = state
    if store == "memory":
        return True
    try:
        keyring.get_keyring().set_password(SERVICE, f"journal-forward/{device_id}", state)
    except (keyring.errors.KeyringError, OSError, ValueError, RuntimeError):
        return False
    return True


_MEMORY_FORWARD: dict[str, str] = {}  # this run's copy (and the only one for a memory key)
