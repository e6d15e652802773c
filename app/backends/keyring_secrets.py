"""The OS keyring through the `keyring` library: app.core.ports.SecretStore.

DESIGN.md §8: headless Linux has no keyring backend, and `keyrings.alt` silently stores
secrets in plain text. A key kept in a plaintext, null or failing backend protects
nothing, so `refused_backend` names those backends and the journal then keeps its key
in memory for the run (app.core.journal.key). The backend is looked up on every call,
so a backend set with keyring.set_keyring() (tests, IT tooling) is the one used.
"""

from __future__ import annotations

from typing import Any

import keyring
import keyring.errors

from app.core.ports import SecretStoreError

# Backends that are no protection at all: plain-text files, nothing, or always failing.
_REFUSED_MODULES = ("keyrings.alt", "keyring.backends.null", "keyring.backends.fail")


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


class KeyringSecrets:
    """The keyring backend in force; keyring's own errors become SecretStoreError."""

    def refusal(self) -> str | None:
        return refused_backend(keyring.get_keyring())

    def get(self, service: str, name: str) -> str | None:
        try:
            value = keyring.get_keyring().get_password(service, name)
        except keyring.errors.KeyringError as error:
            raise SecretStoreError(type(error).__name__) from error
        return None if value is None else str(value)

    def put(self, service: str, name: str, value: str) -> None:
        try:
            keyring.get_keyring().set_password(service, name, value)
        except keyring.errors.KeyringError as error:
            raise SecretStoreError(type(error).__name__) from error
