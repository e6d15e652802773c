"""The office manager's follow-up on an incident, stored beside the records. Qt-free.

An annotation says "this override was reviewed, with this outcome and note". It never
edits the incident records (they are sealed and chained): each reviewer workstation
appends to its own `<central>/annotations/<reviewer-host>.jsonl`, so two managers never
write the same file. The append rewrites the whole file to a temp name and renames it
over the old one, so a reader sees either the old or the new file, never a torn line.
The note is scanned before it is stored and every finding becomes `<TYPE>`: a manager
typing a patient's name into the note must not put PHI into the central folder.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from app.core.central.folder import CentralFS, EntryKind
from app.core.i18n import N_, _
from app.core.ports import TextScanner
from app.core.review.limits import ReadLimits
from detectors.redact import merged_spans

SCHEMA = "pastewarden.annotation/1"
FOLDER = "annotations"
MAX_NOTE = 1000
OUTCOMES: dict[str, str] = {
    "no_disclosure": N_("No disclosure"),
    "disclosed_risk_assessment": N_("Disclosed, risk assessment opened"),
    "false_alarm": N_("False alarm"),
    "training_given": N_("Training given"),
}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class NoteNotScannedError(ValueError):
    """The note could not be scanned to the end, so it is not stored (fail closed)."""


@dataclass(frozen=True)
class Annotation:
    """One follow-up: which record (device_id, seq, event_id), outcome, redacted note."""

    device_id: str
    seq: int
    event_id: str
    outcome: str
    note: str
    reviewer: str
    reviewer_host: str
    time: str
    annotation_id: str = ""
    schema: str = SCHEMA
    key_id: str = ""  # the audit key that signed it (app.core.review.annotation_trust), or ""
    signature: str = ""

    @property
    def target(self) -> tuple[str, int]:
        return (self.device_id, self.seq)

    @property
    def outcome_label(self) -> str:
        return _(OUTCOMES[self.outcome]) if self.outcome in OUTCOMES else self.outcome


def redact_note(text: str, scanner: TextScanner) -> str:
    """The note with every finding replaced by <TYPE>; raises when the scan is incomplete."""
    text = text.strip()[:MAX_NOTE]
    if not text:
        return ""
    report = scanner.scan(text)
    if not report.complete:
        raise NoteNotScannedError("the note could not be checked for PHI; shorten it")
    pieces, cursor = [], 0
    for start, end, code in merged_spans(report.findings):
        pieces += [text[cursor:start], f"<{code}>"]
        cursor = end
    return "".join([*pieces, text[cursor:]])


def make_annotation(
    record: Mapping[str, Any],
    outcome: str,
    note: str,
    scanner: TextScanner,
    reviewer: tuple[str, str],
    now: datetime | None = None,
) -> Annotation:
    """A new annotation of `record`; `reviewer` is (user, host). The note is redacted here."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}; expected one of {', '.join(OUTCOMES)}")
    when = (now or datetime.now(UTC)).astimezone(UTC)
    return Annotation(
        device_id=str(record["device_id"]),
        seq=int(record["seq"]),
        event_id=str(record.get("event_id") or ""),
        outcome=outcome,
        note=redact_note(note, scanner),
        reviewer=reviewer[0],
        reviewer_host=reviewer[1],
        time=when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        annotation_id=str(uuid.uuid4()),
    )


def file_for(reviewer_host: str) -> str:
    """annotations/<reviewer-host>.jsonl with the host made safe as a file name."""
    safe = _UNSAFE_NAME.sub("_", reviewer_host).strip("._") or "unknown"
    return f"{FOLDER}/{safe}.jsonl"


def append_annotation(fs: CentralFS, annotation: Annotation) -> None:
    """Append to this reviewer's file: write the whole new file to a temp name, rename it."""
    fs.makedirs(FOLDER)
    rel = file_for(annotation.reviewer_host)
    try:
        old = fs.read_bytes(rel)
    except FileNotFoundError:
        old = b""
    if old and not old.endswith(b"\n"):
        old += b"\n"  # never glue a new line onto a cut one
    line = json.dumps(asdict(annotation), sort_keys=True, ensure_ascii=False).encode() + b"\n"
    tmp = f"{FOLDER}/.tmp-{uuid.uuid4().hex}.part"
    fs.write_durable(tmp, old + line)
    fs.replace(tmp, rel)


def read_annotations(
    fs: CentralFS, limits: ReadLimits | None = None
) -> dict[tuple[str, int], Annotation]:
    """The latest annotation of each record (by its own time), over every reviewer's file."""
    return latest(read_all_annotations(fs, limits))


def read_all_annotations(
    fs: CentralFS, limits: ReadLimits | None = None, problems: list[str] | None = None
) -> list[Annotation]:
    """Every annotation in every reviewer's file.

    Only regular files reached without a link, and at most `limits.annotation_bytes` in
    all: a file past that, a link or a folder is skipped, never read whole. Each file
    skipped and each line that does not read is said in `problems`, when given.
    """
    limits = limits or ReadLimits()
    said = problems if problems is not None else []
    if dict(fs.entries("", limits.entries)).get(FOLDER) != "dir":
        return []
    found: list[Annotation] = []
    left = limits.annotation_bytes
    for name, kind in fs.entries(FOLDER, limits.entries):
        if name.endswith(".jsonl") and not name.startswith("."):
            read, used, problem = _read_file(fs, f"{FOLDER}/{name}", kind, left)
            found, left = found + read, left - used
            said += [problem] if problem else []
    return found


def _read_file(
    fs: CentralFS, where: str, kind: EntryKind, left: int
) -> tuple[list[Annotation], int, str | None]:
    """One reviewer's file: (annotations, bytes used of the budget, the problem if any)."""
    if kind != "file":  # "other" is a link, a device or a pipe: never opened
        what = "a folder" if kind == "dir" else "a link or special file"
        return [], 0, f"{where}: skipped ({what}, not a regular file)"
    if left <= 0:
        return [], 0, f"{where}: skipped (over the size limit of all annotation files)"
    try:
        data = fs.read_bounded(where, left)
    except OSError as error:  # refused or unreadable: that reviewer's file only
        return [], 0, f"{where}: skipped ({error.strerror or type(error).__name__})"
    lines = [line for line in data.splitlines() if line.strip()]
    read = parse_lines(lines)
    bad = len(lines) - len(read)
    return read, len(data), (f"{where}: {bad} line(s) unreadable, skipped" if bad else None)


def parse_lines(lines: Iterable[bytes]) -> list[Annotation]:
    """Annotations from JSON lines; a line that does not parse, or whose fields are not
    all text (seq an integer), is skipped, not fatal."""
    out: list[Annotation] = []
    for line in lines:
        try:
            data = orjson.loads(line)
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(data, dict):
            found = _annotation(data)
            out += [found] if found is not None else []
    return out


def _annotation(data: dict[str, Any]) -> Annotation | None:
    kept = {k: v for k, v in data.items() if k in _FIELDS}
    if type(kept.get("seq")) is not int or not kept.keys() >= _REQUIRED:
        return None
    if not all(isinstance(v, str) for k, v in kept.items() if k != "seq"):
        return None
    return Annotation(**kept)


def latest(annotations: Iterable[Annotation]) -> dict[tuple[str, int], Annotation]:
    """Per record, the annotation with the newest time (a later review wins)."""
    best: dict[tuple[str, int], Annotation] = {}
    for item in sorted(annotations, key=lambda a: a.time):
        best[item.target] = item
    return best


_FIELDS = frozenset(Annotation.__dataclass_fields__)
_REQUIRED = frozenset(
    ("device_id", "seq", "event_id", "outcome", "note", "reviewer", "reviewer_host", "time")
)
