"""Protection gaps per workstation, from its agent_state records. Qt-free.

While PasteWarden is paused, quit, stopped or the computer is shut down, nothing is
checked: the office manager needs who, when and for how long. A gap opens at a
`paused`, `quit`, `stopped` or `os_shutdown` record; a run that ended without any stop
record is journaled as `unclean_end` at the next start, and its gap opens at the record
before it (the last sign of the old run). A gap closes at the next `started` or
`resumed` of the same workstation, or is still open. Records are taken per workstation
in seq order, so one workstation's clock never orders another's.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.core.i18n import N_, _
from app.core.review.local_time import local_text

OPENS = frozenset({"paused", "quit", "stopped", "os_shutdown"})
CLOSES = frozenset({"started", "resumed"})
UNCLEAN = "unclean_end"
HEADERS = (N_("Workstation"), N_("User"), N_("From"), N_("To"), N_("Length"), N_("Cause"))
CAUSES = {
    "paused": N_("paused by the user"),
    "quit": N_("quit by the user"),
    "stopped": N_("stopped"),
    "os_shutdown": N_("computer shut down"),
    UNCLEAN: N_("ended without a stop record (killed or crashed)"),
}
Record = Mapping[str, Any]


@dataclass(frozen=True)
class Gap:
    """One stretch without protection on one workstation."""

    device_id: str
    host: str
    user: str
    start: str  # UTC time of the record that opened it
    end: str | None  # UTC time of the record that closed it; None: still open
    cause: str  # the state that opened it

    def seconds(self, now: datetime) -> float:
        """How long it lasted (up to `now` while still open)."""
        until = _parse(self.end) if self.end else now
        return max(0.0, (until - _parse(self.start)).total_seconds())


def device_gaps(records: Sequence[Record]) -> list[Gap]:
    """The gaps of one workstation; `records` are its records in seq order."""
    gaps: list[Gap] = []
    opened: Gap | None = None
    for index, record in enumerate(records):
        if record.get("kind") != "agent_state":
            continue
        state = record.get("state")
        if state in CLOSES and opened is not None:
            gaps.append(_closed(opened, str(record.get("time"))))
            opened = None
        elif opened is None and state in OPENS:
            opened = _opened(record, record, str(state))
        elif opened is None and state == UNCLEAN:
            before = records[index - 1] if index else record
            opened = _opened(before, record, UNCLEAN)
    return gaps + ([opened] if opened is not None else [])


def protection_gaps(per_device: Iterable[Sequence[Record]]) -> list[Gap]:
    """Every workstation's gaps (each sequence: one workstation in seq order), by start."""
    found = itertools.chain.from_iterable(map(device_gaps, per_device))
    return sorted(found, key=lambda gap: (gap.start, gap.device_id))


def by_device(records: Iterable[Record]) -> list[list[Record]]:
    """Records grouped per workstation, each group in seq order."""
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(str(record.get("device_id")), []).append(record)
    return [sorted(group, key=lambda r: int(r.get("seq") or 0)) for group in groups.values()]


def in_period(gaps: Iterable[Gap], start: str, end: str) -> list[Gap]:
    """Gaps overlapping [start, end] (ISO strings compared as text, as the records are)."""
    return [g for g in gaps if g.start <= end and (g.end is None or g.end >= start)]


def rows(gaps: Iterable[Gap], now: datetime) -> list[tuple[str, ...]]:
    """Table rows in HEADERS order."""
    return [
        (
            gap.host,
            gap.user,
            _shown(gap.start),
            _shown(gap.end) if gap.end else _("still open"),
            length(gap.seconds(now)),
            _(CAUSES[gap.cause]) if gap.cause in CAUSES else gap.cause,
        )
        for gap in gaps
    ]


def length(seconds: float) -> str:
    """'2 h 05 min', '45 min', '30 s'."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min" if minutes else f"{secs} s"


def _opened(first: Record, cause_record: Record, cause: str) -> Gap:
    return Gap(
        str(cause_record.get("device_id")),
        str(cause_record.get("host") or ""),
        str(cause_record.get("user") or ""),
        str(first.get("time")),
        None,
        cause,
    )


def _closed(gap: Gap, end: str) -> Gap:
    return Gap(gap.device_id, gap.host, gap.user, gap.start, end, gap.cause)


def _shown(stamp: str) -> str:
    return local_text(stamp, seconds=False)


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
