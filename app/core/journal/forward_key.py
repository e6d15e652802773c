"""Forward-evolving sealing keys and their escrow to the organisation's audit key. Qt-free.

A workstation's records are sealed with a key that changes with every record: record
`first_seq` with the seed, each next one with `evolve(previous key)`, and the old key is
erased once the record is stored. Whoever holds the workstation's current key (its own
user) can seal records from the current seq on, never re-seal one already written. The
seed itself leaves the workstation only sealed to the audit public key (X25519, HKDF-
SHA256, ChaCha20-Poly1305; the header is authenticated): the office manager's reader
opens it and derives every key (`ForwardKeys`), as systemd-journald's Forward Secure
Sealing keeps the verification key with the auditor.

An escrow alone proves nothing about who made it: anyone who can write the share can
seal a seed of their own to the public audit key. So every epoch after a workstation's
first one is handed over: its first record carries a tag made with the previous epoch's
key for that seq (`handover_tag`), which only the workstation held. The reader accepts
one epoch without a handover per workstation, its first.
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
# How far into an epoch the reader derives keys (one step per record: an honest epoch
# holds far fewer records). A record or anchor claiming a seq past it is not verifiable.
MAX_KEY_WALK = 1 << 22
_CHECKPOINT = 4096
_MAX_SEQ_DIGITS = 19  # 2**63 - 1, the largest seq a record may hold
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


def escrow_digest(escrow: bytes) -> str:
    """SHA-256 of an escrow file's bytes: what a handover binds the new epoch to."""
    return hashlib.sha256(escrow).hexdigest()


def handover_tag(
    previous_key: bytes, device_id: str, escrow_id: str, first_seq: int, digest: str
) -> str:
    """The tag by which the key of the ending epoch vouches for the new epoch's escrow
    (`digest`: its escrow_digest)."""
    message = "\x1f".join(("pastewarden handover/1", device_id, escrow_id, str(first_seq), digest))
    return hmac.new(previous_key, message.encode(), hashlib.sha256).hexdigest()


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


def key_name(escrow_id: str, seq: int) -> str:
    """The name one record's forward key goes by: fs1:<escrow id>/<seq>."""
    return f"{PREFIX}{escrow_id}/{seq}"


def parse_key_name(name: str) -> tuple[str, int] | None:
    """(escrow id, seq) of a key_name; None for anything else (a name from the share may
    hold '²', a 5,000-digit number or no seq at all: never an exception)."""
    if not name.startswith(PREFIX):
        return None
    escrow_id, _, seq_text = name[len(PREFIX) :].partition("/")
    if not (seq_text.isascii() and seq_text.isdigit() and len(seq_text) <= _MAX_SEQ_DIGITS):
        return None
    return escrow_id, int(seq_text)


def reachable(first_seq: int, seq: int) -> bool:
    """Whether the reader derives the key of `seq` in an epoch that began at `first_seq`."""
    return first_seq <= seq <= first_seq + MAX_KEY_WALK


class ForwardKeys(Mapping[str, bytes]):
    """`keys` for the reader: "fs1:<escrow id>/<seq>" → that record's key, derived on
    demand from the escrowed seeds (records come in seq order: one step each).

    A name from the share may claim any seq: keys are derived at most MAX_KEY_WALK steps
    into an epoch, with a kept key every _CHECKPOINT steps, so no lookup walks more than
    that from a key already known and a forged seq of 2**62 costs nothing.
    """

    def __init__(self, seeds: Mapping[str, tuple[int, bytes]]) -> None:
        self._seeds = dict(seeds)  # escrow id → (first_seq, seed)
        self._last: dict[str, tuple[int, bytes]] = {}
        self._points: dict[str, list[bytes]] = {}  # key at first_seq + i * _CHECKPOINT

    def __getitem__(self, name: str) -> bytes:
        parsed = parse_key_name(name)
        if parsed is None or parsed[0] not in self._seeds:
            raise KeyError(name)
        escrow_id, seq = parsed
        first, seed = self._seeds[escrow_id]
        if not reachable(first, seq):
            raise KeyError(name)
        at, known = self._start(escrow_id, first, seed, seq)
        key = key_at(known, at, seq)
        self._last[escrow_id] = (seq, key)
        return key

    def _start(self, escrow_id: str, first: int, seed: bytes, seq: int) -> tuple[int, bytes]:
        """The nearest known (seq, key) at or before `seq`: the last one, or a checkpoint."""
        points = self._points.setdefault(escrow_id, [seed])
        index = (seq - first) // _CHECKPOINT
        while len(points) <= index:
            points.append(key_at(points[-1], 0, _CHECKPOINT))
        start = (first + index * _CHECKPOINT, points[index])
        last = self._last.get(escrow_id)
        return last if last is not None and start[0] <= last[0] <= seq else start

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
