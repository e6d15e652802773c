"""Ship closed journal segments to the central folder, at least once, idempotently (DESIGN §7).

One pass: for the records after the cursor (at most `max_segment` at a time) build
`incidents/<device_id>/seg-<first>-<last>-<content hash>.jsonl` from the stored lines
(byte-identical on every attempt). The name ends with the first 16 hex digits of the
segment's SHA-256, so nobody can pre-create it without knowing the records it will
hold: a squatter who fills the old-style name `seg-<first>-<last>.jsonl` first no longer
stalls the device, and is reported in `SyncResult.squats`. Then remember the range as
pending, write a temp file durably, publish it without replacing (an existing identical
segment counts as delivered, a different one is an alert and the cursor stays), read it
back, and only then advance the cursor.
The pending range makes a pass interrupted by kill -9 rebuild exactly the same segment.
After the records, the chain head is anchored in `incidents/<device_id>/head-<seq>.json`.
The tray calls `sync_once` after each incident and on a timer; `Backoff` spaces retries.
Agents never write the office manager's derived files (app.core.review.reader does).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from app.core.central.folder import CentralFS
from app.core.journal import chain
from app.core.journal.forward_key import escrow_name
from app.core.journal.incident import IncidentEvent
from app.core.journal.store import Journal, JournalError

MAX_SEGMENT = 1000
# Where temp files go when IT made it: a share whose incidents/ is create-only (NTFS, no
# Delete) cannot rename a temp file from there, but can from a folder with Modify.
STAGING = "staging"
_STALE_TMP_S = 3600.0  # another process of this device may still be writing a younger one


class SegmentConflict(RuntimeError):
    """A different segment already holds this name: tampering or a cloned device id."""


@dataclass
class SyncResult:
    """What one pass did; `error`/`alerts` are short, PHI-free sentences."""

    segments: int = 0
    records: int = 0
    pending: int = 0
    error: str | None = None
    alerts: list[str] = field(default_factory=list)
    squats: list[str] = field(default_factory=list)  # names someone else took first

    @property
    def ok(self) -> bool:
        return self.error is None and not self.alerts and self.pending == 0


def segment_name(first: int, last: int, data: bytes | None = None) -> str:
    """seg-<first>-<last>[-<hash>].jsonl, zero-padded so names sort by sequence; with the
    segment's bytes, the name ends with their hash (what the sync publishes)."""
    if data is None:  # the old-style name (segments published before content hashes)
        return f"seg-{first:012d}-{last:012d}.jsonl"
    return f"seg-{first:012d}-{last:012d}-{content_tag(data)}.jsonl"


def content_tag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def sync_once(
    journal: Journal,
    fs: CentralFS,
    max_segment: int = MAX_SEGMENT,
    attempts: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> SyncResult:
    """One sync pass; never raises for central-folder faults (they are in the result)."""
    result = SyncResult()
    folder = f"incidents/{journal.device_id}"
    try:
        _retry(lambda: _prepare(fs, folder), attempts, sleep)
        _note_state(journal, failing=False)  # before pushing, so the note ships too
        scratch = STAGING if STAGING in fs.listdir("") else folder
        _clean_stale_tmp(fs, scratch)
        _retry(lambda: _publish_escrows(journal, fs, folder, scratch), attempts, sleep)
        where = (folder, scratch)
        while _push_next(journal, fs, where, max_segment, attempts, sleep, result):
            pass
        _retry(lambda: _anchor(journal, fs, where, result), attempts, sleep)
    except SegmentConflict as conflict:
        result.alerts.append(str(conflict))
    except OSError as error:
        result.error = f"central folder unavailable: {_describe(error)}"
    if result.error is not None or result.alerts:
        _note_state(journal, failing=True)
    _note_squats(journal, result.squats)
    result.pending = journal.pending()
    return result


def _push_next(
    journal: Journal,
    fs: CentralFS,
    where: tuple[str, str],
    max_segment: int,
    attempts: int,
    sleep: Callable[[float], None],
    result: SyncResult,
) -> bool:
    folder, scratch = where  # the device's folder, where temp files are written
    cursor = journal.synced_seq()
    pending_last = journal.meta("pending_last")
    through = int(pending_last) if pending_last and int(pending_last) > cursor else None
    lines = journal.lines_after(cursor, max_segment, through)
    if not lines:
        return False
    first, last = cursor + 1, cursor + len(lines)
    if through is None:
        journal.set_meta("pending_last", str(last))
    data = ("\n".join(lines) + "\n").encode()
    name = f"{folder}/{segment_name(first, last, data)}"
    if not _delivered_before(fs, folder, first, last, data, result):
        _retry(lambda: publish(fs, scratch, name, data), attempts, sleep)
    journal.advance_cursor(last)
    result.segments += 1
    result.records += len(lines)
    return True


def _delivered_before(
    fs: CentralFS, folder: str, first: int, last: int, data: bytes, result: SyncResult
) -> bool:
    """Whether the old-style name already holds exactly this segment (published before
    names had hashes); when it holds something else, that is a squat, reported."""
    legacy = f"{folder}/{segment_name(first, last)}"
    try:
        existing = fs.read_bytes(legacy)
    except FileNotFoundError:
        return False
    if existing == data:
        return True
    result.squats.append(
        f"{legacy} was taken by someone else (not this workstation's records); "
        f"published as {segment_name(first, last, data)}"
    )
    return False


def _publish_escrows(journal: Journal, fs: CentralFS, folder: str, scratch: str) -> None:
    """Each forward-sealing epoch's escrow, before its records (create-only, idempotent)."""
    for escrow_id, data in journal.escrows():
        if journal.meta(f"escrow_sent/{escrow_id}") is None:
            publish(fs, scratch, f"{folder}/{escrow_name(escrow_id)}", data)
            journal.set_meta(f"escrow_sent/{escrow_id}", "1")


def _prepare(fs: CentralFS, folder: str) -> None:
    """Create this device's folder, but only inside a prepared central folder.

    IT creates `incidents/` once (docs/journal.md). Requiring it means an unmounted
    share's empty mount point is reported, instead of silently filling the local disk.
    """
    try:
        fs.listdir("incidents")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{fs.location} has no incidents/ folder (share not mounted or not prepared)"
        ) from None
    fs.makedirs(folder)


def publish(fs: CentralFS, folder: str, name: str, data: bytes) -> None:
    """Write temp durably (in `folder`) → publish as `name` without replacing → read back;
    idempotent."""
    tmp = f"{folder}/.tmp-{uuid.uuid4().hex}.part"
    try:
        fs.write_durable(tmp, data)
        fs.publish_noreplace(tmp, name)
    except FileExistsError:
        if fs.read_bytes(name) != data:
            raise SegmentConflict(f"{name} exists with different content; not replaced") from None
    finally:
        # Already moved (rename) or removed; a leftover is cleaned by a later pass.
        with contextlib.suppress(OSError):
            fs.remove(tmp)
    if fs.read_bytes(name) != data:
        raise OSError(f"read-back of {name} does not match what was written")


def anchor_name(seq: int) -> str:
    """head-<seq>.json: one new anchor per synced seq, never replaced (create-only shares)."""
    return f"head-{seq:012d}.json"


def _anchor(journal: Journal, fs: CentralFS, where: tuple[str, str], result: SyncResult) -> None:
    """Publish the last central record's (seq, mac) with an HMAC tag: reveals a cut tail.

    As a new file per seq, create-only like the segments, so a share that forbids
    replacing files (docs/deploy.md) keeps working; the reader takes the highest.
    """
    folder, scratch = where
    seq = journal.synced_seq()
    lines = journal.lines_after(seq - 1, 1) if seq else []
    mac = json.loads(lines[0])["mac"] if lines else journal.pruned()[1]
    key, key_id = _anchor_key(journal, seq)
    if key is None:
        return  # a record came in during this pass: the next pass anchors it
    anchor = {
        "device_id": journal.device_id,
        "seq": seq,
        "mac": mac,
        "key_id": key_id,
        "tag": chain.tag(key, "anchor", journal.device_id, seq, mac),
    }
    try:
        publish(fs, scratch, f"{folder}/{anchor_name(seq)}", chain.canonical(anchor) + b"\n")
    except SegmentConflict:
        result.squats.append(f"{folder}/{anchor_name(seq)} was taken by someone else")


def _anchor_key(journal: Journal, seq: int) -> tuple[bytes | None, str]:
    """The anchor's key: with forward sealing, the key kept for record seq + 1.

    That key exists only while nothing past `seq` has been written, so the workstation's
    user cannot later tag an anchor that claims an earlier end (a cut tail); the reader
    derives it from the escrow. Without an audit key, the device's own key.
    """
    forward = journal.forward.current_key()
    if forward is None:  # no audit key; or one, and its epoch starts with the next record
        known = journal.forward.audit is None
        return (journal.key.key if known else None), chain.key_id(journal.key.key)
    key, key_id, key_seq = forward
    return (key, key_id) if key_seq == seq + 1 else (None, key_id)


def _retry(action: Callable[[], None], attempts: int, sleep: Callable[[float], None]) -> None:
    """Retry transient faults with backoff; a conflict is not transient and is not retried."""
    for attempt in range(attempts):
        try:
            action()
            return
        except SegmentConflict:
            raise
        except OSError:
            if attempt == attempts - 1:
                raise
            sleep(0.1 * 2**attempt)


def _clean_stale_tmp(fs: CentralFS, folder: str) -> None:
    now = time.time()
    for name in fs.listdir(folder):
        if name.startswith(".tmp-"):
            try:
                if now - fs.mtime(f"{folder}/{name}") > _STALE_TMP_S:
                    fs.remove(f"{folder}/{name}")
            except OSError:
                pass


def _describe(error: OSError) -> str:
    return f"{type(error).__name__}: {error.strerror or error}"[:300]


def _note_state(journal: Journal, failing: bool) -> None:
    """Journal an agent_state record when sync starts or stops failing (not every attempt)."""
    if (journal.meta("sync_failing") == "1") == failing:
        return
    try:
        state = "sync_failing" if failing else "sync_resumed"
        journal.record(IncidentEvent(kind="agent_state", state=state))
        journal.set_meta("sync_failing", "1" if failing else "0")
    except JournalError:
        pass  # the journal itself is failing; the tray already shows that


def _note_squats(journal: Journal, squats: list[str]) -> None:
    """Journal `sync_squatted` once per set of names taken by someone else.

    The tray shows the squat; the record carries it to the office manager (the central
    folder, the SIEM). The names are the device's own segment names, never PHI.
    """
    if not squats:
        return
    seen = hashlib.sha256("\n".join(sorted(squats)).encode()).hexdigest()[:16]
    if journal.meta("squats_noted") == seen:
        return
    try:
        journal.record(IncidentEvent(kind="agent_state", state="sync_squatted"))
        journal.set_meta("squats_noted", seen)
    except JournalError:
        pass  # the journal itself is failing; the tray already shows that


class Backoff:
    """Delay before the next timer pass: doubles after each failure, resets on success."""

    def __init__(self, base_s: float = 30.0, cap_s: float = 1800.0) -> None:
        self.base_s, self.cap_s = base_s, cap_s
        self.failures = 0

    def next_delay(self, result: SyncResult) -> float:
        self.failures = 0 if result.error is None and not result.alerts else self.failures + 1
        return min(self.cap_s, self.base_s * 2 ** max(0, self.failures - 1))
