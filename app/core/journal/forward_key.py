"""Forward-evolving sealing keys and their escrow to the organisation's audit key. Qt-free.

A workstation's records are sealed with a key that changes with every record: record
`first_seq` with the seed, each next one with `evolve(previous key)`, and the old key is
erased once the record is stored. Whoever holds the workstation's current key (its own
user) can seal records from the current seq on, never re-seal one already written. The
seed itself leaves the workstation only sealed to the audit public key (X25519, HKDF-
SHA256, ChaCha20-Poly1305; the header is authenticated): the office manager's reader
opens it and derives every key (`ForwardKeys`), as systemd-journald's Forward Secure
Sealing keeps the verification key with the auditor.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Iterator, Mapping
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.core.journal.audit_key import AuditPrivate, AuditPublic

PREFIX = "fs1:"  # key_id of a forward-sealed record: fs1:<escrow id>
SCHEMA = "pastewarden.escrow/1"
_INFO = b"pastewarden escrow/1"


def evolve(key: bytes) -> bytes:
    """The key of the next record (one way: the previous key cannot be computed back)."""
    return hmac.new(key, b"pastewarden evolve", hashlib.sha256).digest()


def key_at(seed: bytes, first_seq: int, seq: int, known: tuple[int, bytes] | None = None) -> bytes:
    """The key of record `seq`; `known` (seq, key) at or before it saves the walk."""
    at, key = known if known is not None and first_seq <= known[0] <= seq else (first_seq, seed)
    for _ in range(seq - at):
        key = evolve(key)
    return key


def escrow_name(escrow_id: str) -> str:
    return f"escrow-{escrow_id}.json"


def seal_seed(
    seed: bytes, audit: AuditPublic, device_id: str, first_seq: int, escrow_id: str
) -> bytes:
    """The escrow file's bytes: the seed sealed to the audit key, header authenticated."""
    header = {
        "schema": SCHEMA,
        "device_id": device_id,
        "first_seq": first_seq,
        "escrow_id": escrow_id,
        "audit_key_id": audit.key_id,
    }
    ephemeral = X25519PrivateKey.generate()
    nonce = os.urandom(12)
    epk = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key = _shared_key(ephemeral.exchange(audit.escrow), epk)
    sealed = ChaCha20Poly1305(key).encrypt(nonce, seed, _aad(header))
    body = header | {"epk": _b64(epk), "nonce": _b64(nonce), "sealed": _b64(sealed)}
    return json.dumps(body, sort_keys=True).encode() + b"\n"


def open_seed(data: bytes, audit: AuditPrivate) -> tuple[dict[str, Any], bytes]:
    """(header, seed) of an escrow file; ValueError when it is not one for this key."""
    try:  # orjson: a nested bomb is a ValueError, never a RecursionError
        body = orjson.loads(data)
        header = {k: body[k] for k in ("schema", "device_id", "first_seq", "escrow_id")}
        header["audit_key_id"] = body["audit_key_id"]
        epk = _unb64(body["epk"])
        key = _shared_key(audit.escrow.exchange(X25519PublicKey.from_public_bytes(epk)), epk)
        seed = ChaCha20Poly1305(key).decrypt(
            _unb64(body["nonce"]), _unb64(body["sealed"]), _aad(header)
        )
    except (ValueError, KeyError, TypeError, AttributeError, InvalidTag) as error:
        raise ValueError(f"escrow cannot be opened with this audit key ({error!r})") from error
    if header["schema"] != SCHEMA or type(header["first_seq"]) is not int:
        raise ValueError("escrow of an unknown kind")
    return header, seed


class ForwardKeys(Mapping[str, bytes]):
    """`keys` for the reader: "fs1:<escrow id>/<seq>" → that record's key, derived on
    demand from the escrowed seeds (records come in seq order: one step each)."""

    def __init__(self, seeds: Mapping[str, tuple[int, bytes]]) -> None:
        self._seeds = dict(seeds)  # escrow id → (first_seq, seed)
        self._last: dict[str, tuple[int, bytes]] = {}

    def __getitem__(self, name: str) -> bytes:
        escrow_id, _, seq_text = name.removeprefix(PREFIX).partition("/")
        if not name.startswith(PREFIX) or escrow_id not in self._seeds or not seq_text.isdigit():
            raise KeyError(name)
        first, seed = self._seeds[escrow_id]
        seq = int(seq_text)
        if seq < first:
            raise KeyError(name)
        key = key_at(seed, first, seq, self._last.get(escrow_id))
        self._last[escrow_id] = (seq, key)
        return key

    def __iter__(self) -> Iterator[str]:
        return iter(PREFIX + escrow_id for escrow_id in self._seeds)

    def __len__(self) -> int:
        return len(self._seeds)

    def first_seq(self, escrow_id: str) -> int | None:
        found = self._seeds.get(escrow_id)
        return found[0] if found else None


def _shared_key(secret: bytes, epk: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt=epk, info=_INFO).derive(secret)


def _aad(header: Mapping[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)
