"""What one enforcement decision leaves behind: the incident record (DESIGN.md §6), PHI-free.

The pipeline builds an `IncidentEvent` (what happened, types and counts only); the
journal adds the device identity, sequence number, time and HMAC chain and stores it
as a `pastewarden.incident/1` record. Nothing here may ever hold clipboard text,
matched values, hashes of values, window titles, URL paths or file names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SCHEMA = "pastewarden.incident/1"

Kind = Literal["incident", "heartbeat", "agent_state"]
Action = Literal[
    "blocked",
    "warned_cancelled",
    "overridden",
    "redacted_copy",
    "false_alarm_reported",
    "allowed_policy",
]
# agent_state values: the tray's lifecycle (app.core.journal.agent_run: started, paused, resumed,
# quit, stopped, os_shutdown, unclean_end, pause_limit_reached), policy_changed,
# scanner_degraded, sync_failing, sync_resumed, sync_squatted, journal_degraded.
AgentState = str

CHARS_BUCKETS = ((1, "0"), (100, "1-99"), (1_000, "100-999"), (10_000, "1k-10k"))


def chars_bucket(length: int) -> str:
    """A coarse size class for the clipboard text: never the exact length."""
    for limit, label in CHARS_BUCKETS:
        if length < limit:
            return label
    return "10k+"


@dataclass(frozen=True)
class ToolRef:
    """Which AI tool the paste was headed for: catalog id and category, host only (no path)."""

    id: str
    category: str
    domain: str | None = None
    process: str | None = None


@dataclass(frozen=True)
class Detection:
    """One identifier type found: how many and the highest confidence (never the values)."""

    type: str
    count: int
    max_score: float


@dataclass(frozen=True)
class Justification:
    """Why staff overrode or reported a false alarm: a reason code and scanned free text.

    `text` has already been scanned and every PHI finding replaced by <TYPE>.
    """

    code: str
    text: str = ""


@dataclass(frozen=True)
class IncidentEvent:
    """One decision or agent event, as the pipeline reports it to the journal."""

    kind: Kind
    action: Action | None = None
    state: AgentState | None = None
    enforcement: str | None = None  # e.g. "clipboard_quarantine"
    tool: ToolRef | None = None
    policy_version: int | None = None
    policy_signed: bool | None = None
    detections: tuple[Detection, ...] = field(default=())
    chars_bucket: str | None = None
    justification: Justification | None = None
