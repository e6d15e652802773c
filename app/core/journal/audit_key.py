"""The organisation's audit key pair: what the office manager holds and no workstation does.

Two keys in one pair: X25519, to which every workstation escrows the seed of its
forward-sealing keys (app.core.escrow), and Ed25519, with which the reviewer signs
follow-up annotations. The public half goes into the policy (`audit.public_key`,
"pwaudit1:" + base64url of both 32-byte public keys); the private half is a file only
the office manager keeps (`pastewarden audit keygen`). Qt-free.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

PREFIX = "pwaudit1:"
SCHEMA = "pastewarden.audit-key/1"


class AuditKeyError(ValueError):
    """An audit key that cannot be read (wrong format, wrong length, not a key file)."""


@dataclass(frozen=True)
class AuditPublic:
    """The public half, as the policy carries it."""

    escrow: X25519PublicKey
    signing: Ed25519PublicKey

    @property
    def raw(self) -> bytes:
        return _raw(self.escrow) + _raw(self.signing)

    @property
    def text(self) -> str:
        return PREFIX + base64.urlsafe_b64encode(self.raw).decode().rstrip("=")

    @property
    def key_id(self) -> str:
        """Short, stable name of the pair (which key an escrow or a signature is for)."""
        return hashlib.sha256(self.raw).hexdigest()[:16]


@dataclass(frozen=True)
class AuditPrivate:
    """The private half (the office manager's file)."""

    escrow: X25519PrivateKey
    signing: Ed25519PrivateKey

    @property
    def public(self) -> AuditPublic:
        return AuditPublic(self.escrow.public_key(), self.signing.public_key())

    def to_file_text(self) -> str:
        data = {
            "schema": SCHEMA,
            "public_key": self.public.text,
            "escrow": _b64(self.escrow.private_bytes_raw()),
            "signing": _b64(self.signing.private_bytes_raw()),
        }
        return json.dumps(data, indent=1) + "\n"


def generate() -> AuditPrivate:
    return AuditPrivate(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())


def parse_public(text: str) -> AuditPublic:
    """The policy's `audit.public_key` text → the key pair's public half."""
    if not text.startswith(PREFIX):
        raise AuditKeyError(f"an audit public key starts with {PREFIX}")
    raw = _unb64(text[len(PREFIX) :])
    if len(raw) != 64:
        raise AuditKeyError("an audit public key holds 64 bytes")
    return AuditPublic(
        X25519PublicKey.from_public_bytes(raw[:32]), Ed25519PublicKey.from_public_bytes(raw[32:])
    )


def audit_public(text: str | None) -> AuditPublic | None:
    """The policy's audit.public_key, or None when there is none or it cannot be read
    (the policy's schema already refused a malformed one)."""
    if not text:
        return None
    try:
        return parse_public(text)
    except (AuditKeyError, ValueError):
        return None


def parse_private(text: str) -> AuditPrivate:
    """The office manager's key file → the private half (checked against its public key)."""
    try:
        data = json.loads(text)
        private = AuditPrivate(
            X25519PrivateKey.from_private_bytes(_unb64(data["escrow"])),
            Ed25519PrivateKey.from_private_bytes(_unb64(data["signing"])),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise AuditKeyError(f"not an audit key file ({type(error).__name__})") from error
    if data.get("schema") != SCHEMA or data.get("public_key") != private.public.text:
        raise AuditKeyError("not an audit key file (schema or public key does not match)")
    return private


def _raw(key: X25519PublicKey | Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise AuditKeyError("not base64url") from error
