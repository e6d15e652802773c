"""The journal's forward sealing: which key seals record `seq`, and erasing it after.

Once the policy names an audit key (app.core.journal.audit_key), the journal starts an epoch at
its next record: a random seed, sealed to the audit key as an escrow file the sync
publishes (`incidents/<device>/escrow-<id>.json`), and stored as the key of that seq.
Each record is sealed with the key of its seq (app.core.journal.forward_key), and once it is
committed the stored key is replaced by the next one, so the workstation's user holds
only the key of records not yet written. A new audit key starts a new epoch, handed over
by the ending epoch's key (forward_key.handover_tag, carried by the new epoch's first
record), so the reader can tell it from an epoch some other machine made up. The state
lives where the device key does (keyring, else memory for the run), behind this
process's own copy (app.core.journal.forward_store): the keyring is read once and
written off the caller's thread. Qt-free.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import asdict, dataclass, replace
from typing import Any

from app.core.journal import forward_store
from app.core.journal.audit_key import AuditPublic
from app.core.journal.forward_key import (
    PREFIX,
    escrow_digest,
    evolve,
    handover_tag,
    key_at,
    key_name,
    seal_seed,
)
from app.core.journal.key import KeyStore


@dataclass(frozen=True)
class ForwardState:
    """The key of record `seq` of epoch `escrow_id` (which began at `first_seq`)."""

    escrow_id: str
    first_seq: int
    seq: int
    key: str  # base64
    audit_key_id: str
    escrow: str  # the escrow file's text (sealed: the workstation cannot open it)
    handover: dict[str, str] | None = None  # from the previous epoch's key (public)

    def handover_at(self, seq: int) -> dict[str, Any] | None:
        """What record `seq` carries as `handover`: only the epoch's first record does."""
        return self.handover if seq == self.first_seq else None


class ForwardSealer:
    """Gives the key for the next record and moves the stored key past it."""

    def __init__(self, device_id: str, store: KeyStore, audit: AuditPublic | None) -> None:
        self.device_id, self.store, self.audit = device_id, store, audit

    @property
    def problem(self) -> str | None:
        """Set while the keyring refuses this device's state: an old key may remain."""
        if self.store == "memory" or not forward_store.refusing(self.device_id):
            return None
        return "forward key not erased from the keyring (kept in memory)"

    def key_for(self, seq: int) -> tuple[bytes, str, ForwardState] | None:
        """(key, key_id, state) for record `seq`, or None when there is no epoch yet."""
        state = self._load()
        if self.audit is not None and (
            state is None or state.audit_key_id != self.audit.key_id or state.seq > seq
        ):
            state = self._new_epoch(seq, self.audit, state)
        if state is None:
            return None
        key = key_at(base64.b64decode(state.key), state.seq, seq)
        return key, PREFIX + state.escrow_id, state

    def current_key(self) -> tuple[bytes, str, int] | None:
        """(key, key_id, seq) of the key kept for the next record, never starting an epoch.

        The head anchor is tagged with it: whoever holds the workstation now can tag an
        anchor only with a key for a seq past everything already written.
        """
        state = self._load()
        if state is None or self.audit is None or state.audit_key_id != self.audit.key_id:
            return None
        return base64.b64decode(state.key), key_name(state.escrow_id, state.seq), state.seq

    def sealed(self, state: ForwardState, seq: int, key: bytes) -> None:
        """Record `seq` is committed: keep only the next key."""
        following = replace(state, seq=seq + 1, key=base64.b64encode(evolve(key)).decode())
        forward_store.save(self.device_id, _text(following), self.store == "memory")

    def _new_epoch(
        self, seq: int, audit: AuditPublic, previous: ForwardState | None
    ) -> ForwardState:
        seed, escrow_id = secrets.token_bytes(32), uuid.uuid4().hex
        escrow = seal_seed(seed, audit, self.device_id, seq, escrow_id)
        handover = _handover(previous, self.device_id, escrow_id, seq, escrow)
        state = ForwardState(
            escrow_id,
            seq,
            seq,
            base64.b64encode(seed).decode(),
            audit.key_id,
            escrow.decode(),
            handover,
        )
        forward_store.save(self.device_id, _text(state), self.store == "memory")
        return state

    def _load(self) -> ForwardState | None:
        text = forward_store.load(self.device_id, self.store == "memory")
        if text is None:
            return None
        try:
            return ForwardState(**json.loads(text))
        except (ValueError, TypeError):
            return None  # unreadable: a new epoch when an audit key is set


def _handover(
    previous: ForwardState | None, device_id: str, escrow_id: str, seq: int, escrow: bytes
) -> dict[str, str] | None:
    """The ending epoch's key vouches for the new one, at the new epoch's first seq.

    A stored key behind `seq` (its erase never reached the keyring) is walked forward to
    it; one ahead of `seq` (the journal went back) hands over from where it is, and the
    reader says the journal went back.
    """
    if previous is None:
        return None
    from_seq = max(previous.seq, seq)
    key = key_at(base64.b64decode(previous.key), previous.seq, from_seq)
    return {
        "from": key_name(previous.escrow_id, from_seq),
        "tag": handover_tag(key, device_id, escrow_id, seq, escrow_digest(escrow)),
    }


def _text(state: ForwardState) -> str:
    return json.dumps(asdict(state))
