"""Builds a central folder of three workstations for the review tests (unit and GUI).

FRONT-DESK and EXAM-2 report until a few minutes ago; BILLING-PC stopped ten hours ago
(silent); one of EXAM-2's segments is edited afterwards (tampered). Record times are
relative to the real clock because the reader judges silence against "now".
Planted values are what a careless note might contain; they must never be stored.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.backends.central_folders import LocalFS
from app.core.central.sync import content_tag, sync_once
from app.core.journal.incident import Detection, IncidentEvent, Justification, ToolRef
from app.core.journal.record_body import AgentInfo
from app.core.journal.store import Journal

PLANTED = ("Wendell Purcell", "219-09-9999", "03/22/1951")
PHI_NOTE = "Called Wendell Purcell (SSN 219-09-9999, DOB 03/22/1951) back; no disclosure."
TOOLS = {
    "chatgpt": ToolRef("chatgpt", "consumer_ai", "chatgpt.com", "chrome"),
    "gemini": ToolRef("gemini", "consumer_ai", "gemini.google.com", "msedge"),
    "claude": ToolRef("claude", "consumer_ai", "claude.ai", "firefox"),
}
# (action, tool, detections) cycled per workstation
PLAN = (
    ("blocked", "chatgpt", (("NAME", 2), ("DATE", 1))),
    ("overridden", "chatgpt", (("MRN", 1),)),
    ("warned_cancelled", "gemini", (("SSN", 1), ("NAME", 1))),
    ("false_alarm_reported", "claude", (("PHONE", 1),)),
    ("blocked", "gemini", (("DATE", 2),)),
)


@dataclass
class Site:
    """The generated folder and what a test needs to know about it."""

    central: Path
    hosts: dict[str, str]  # host → device_id
    tampered_host: str = "EXAM-2"
    silent_host: str = "BILLING-PC"


def event(index: int) -> IncidentEvent:
    action, tool, found = PLAN[index % len(PLAN)]
    why = (
        Justification("clinical_need", "Dictation for <NAME> approved")
        if action == "overridden"
        else None
    )
    if action == "false_alarm_reported":
        why = Justification("not_phi", "Clinic phone number")
    return IncidentEvent(
        kind="incident", action=action, enforcement="clipboard_quarantine",  # type: ignore[arg-type]
        tool=TOOLS[tool], policy_version=7, policy_signed=True,
        detections=tuple(Detection(t, n, 0.9) for t, n in found), chars_bucket="100-999",
        justification=why,
    )  # fmt: skip


def _clock(start: datetime, step: timedelta) -> Callable[[], datetime]:
    ticks: Iterator[int] = itertools.count()
    return lambda: start + step * next(ticks)


def _workstation(
    tmp: Path, central: Path, host: str, user: str, ends_ago: timedelta, n: int
) -> str:
    step = timedelta(minutes=30)
    start = datetime.now(UTC) - ends_ago - step * (2 * n)
    journal = Journal(tmp / f"{host}.sqlite3", AgentInfo(user, host, "0.test"), _clock(start, step))
    for i in range(n):
        journal.record(event(i))
        journal.record(IncidentEvent(kind="heartbeat", policy_version=7, policy_signed=True))
    assert sync_once(journal, LocalFS(central), max_segment=4).ok
    return journal.device_id


def build_site(tmp: Path, tampered: bool = True) -> Site:
    """Three workstations, one tampered (unless `tampered` is False), one silent."""
    central = tmp / "central"
    (central / "incidents").mkdir(parents=True)
    hosts = {
        "FRONT-DESK": _workstation(tmp, central, "FRONT-DESK", "alice", timedelta(minutes=5), 10),
        "EXAM-2": _workstation(tmp, central, "EXAM-2", "bob", timedelta(minutes=5), 6),
        "BILLING-PC": _workstation(tmp, central, "BILLING-PC", "carol", timedelta(hours=10), 5),
    }
    if not tampered:
        return Site(central, hosts)
    segment = sorted((central / "incidents" / hosts["EXAM-2"]).glob("seg-*.jsonl"))[0]
    lines = segment.read_bytes().splitlines(keepends=True)
    lines[0] = lines[0].replace(b"chatgpt", b"copilot")  # an edit the digest catches
    segment.unlink()  # renamed to its new content hash, as a careful forger would
    data = b"".join(lines)
    segment.with_name(f"{segment.name[:30]}{content_tag(data)}.jsonl").write_bytes(data)
    return Site(central, hosts)


def state_workstation(
    tmp: Path, central: Path, host: str, states: Sequence[tuple[datetime, str]]
) -> str:
    """A workstation whose journal holds only the agent_state records `states` (time,
    state), synced into `central`; its device id."""
    (central / "incidents").mkdir(parents=True, exist_ok=True)
    times = iter(when for when, _ in states)
    journal = Journal(
        tmp / f"{host}.sqlite3", AgentInfo("dana", host, "0.test"), lambda: next(times)
    )
    for _, state in states:
        journal.record(IncidentEvent(kind="agent_state", state=state))
    assert sync_once(journal, LocalFS(central)).ok
    return journal.device_id


def use_zone(monkeypatch: pytest.MonkeyPatch, zone: str) -> None:
    """Make the process's local time zone `zone` for one test (TZ, as the OS reads it)."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
