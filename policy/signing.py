"""Ed25519 signatures for policy files (the `cryptography` package).

The signature is detached (`policy.json.sig`, base64 text so MDM tools and e-mail pass
it through unchanged) and covers the policy file's exact bytes: re-saving the file in
an editor, even without visible changes, needs a new signature. Keys are PEM files:
the private key stays with IT (offline), the public key (`policy.pub`) is deployed next
to the policy in the managed folder or shipped inside the installer.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

MAX_KEY_BYTES = 16 * 1024


class SigningError(Exception):
    """A key or signature could not be read, written or verified; the message says why."""


def generate_keypair(private_path: Path, public_path: Path) -> None:
    """Write a new private key (mode 0600) and its public key; never overwrite either."""
    for path in (private_path, public_path):
        if path.exists():
            raise SigningError(f"{path} already exists; refusing to overwrite a key")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    _write_new(private_path, private_pem, mode=0o600)
    _write_new(public_path, public_pem, mode=0o644)


def sign(data: bytes, private_path: Path) -> bytes:
    """The detached signature file content for `data`: base64 of 64 bytes, plus newline."""
    key = _load_private(private_path)
    return base64.b64encode(key.sign(data)) + b"\n"


def verify(data: bytes, signature_file: bytes, public_key: Ed25519PublicKey) -> None:
    """Raise SigningError unless `signature_file` is a valid signature of `data`."""
    try:
        raw = base64.b64decode(signature_file.strip(), validate=True)
    except (binascii.Error, ValueError) as error:
        raise SigningError("signature file is not base64 text") from error
    if len(raw) != 64:
        raise SigningError(f"signature is {len(raw)} bytes; an Ed25519 signature is 64")
    try:
        public_key.verify(raw, data)
    except InvalidSignature as error:
        raise SigningError("signature does not match the policy file or the key") from error


def verify_any(data: bytes, signature_file: bytes, keys: Iterable[Ed25519PublicKey]) -> None:
    """Return when any key verifies the signature; else raise the last key's SigningError."""
    failure = SigningError("no trusted key to check the signature with")
    for key in keys:
        try:
            verify(data, signature_file, key)
            return
        except SigningError as error:
            failure = error
    raise failure


def load_public_key(path: Path) -> Ed25519PublicKey:
    """Read a PEM public key; raise SigningError if it is not an Ed25519 key."""
    data = _read_small(path)
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise SigningError(f"{path}: not a PEM public key") from error
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError(f"{path}: not an Ed25519 key")
    return key


def _load_private(path: Path) -> Ed25519PrivateKey:
    data = _read_small(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise SigningError(f"{path}: not an unencrypted PEM private key") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path}: not an Ed25519 key")
    return key


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_BYTES + 1)
    except OSError as error:
        raise SigningError(f"cannot read {path}: {error.strerror or error}") from error
    if len(data) > MAX_KEY_BYTES:
        raise SigningError(f"{path}: too large for a key file")
    return data


def _write_new(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as error:
        raise SigningError(f"cannot create {path}: {error.strerror or error}") from error
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
