"""Browser protection per workstation, from its agent_state records. Qt-free.

The tray journals `browser_companion_connected` when a browser's companion says hello
and `browser_companion_lost` when it goes away. Those records do not say which browser,
so the review reports per workstation whether a companion is connected and since when,
since when the last one has been lost, or that none was ever seen. Several browsers may
each connect once: a workstation counts as connected while more companions connected
than were lost. A companion cannot outlive the tray run it talked to, so a run's end
(quit, stopped, shut down, or the next start) loses every companion still counted; an
`unclean_end` loses them at the record before it, the old run's last sign of life.
Records are taken per workstation in seq order, so one workstation's clock never orders
another's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.core.i18n import N_, _
from app.core.review.local_time import local_text

CONNECTED = "browser_companion_connected"
LOST = "browser_companion_lost"
RUN_ENDS = frozenset({"quit", "stopped", "os_shutdown", "started"})
UNCLEAN = "unclean_end"
NEVER = N_("never seen")
Record = Mapping[str, Any]


@dataclass(frozen=True)
class BrowserProtection:
    """One workstation's browser companions as its records tell it."""

    connected: int  # companions connected now, as far as the records say
    since: str | None  # UTC time since which that holds; None: no companion ever seen

    def text(self) -> str:
        """'companion connected since …', 'companion lost since …' (local) or 'never seen'."""
        if self.since is None:
            return _(NEVER)
        when = local_text(self.since, seconds=False)
        if not self.connected:
            return _("companion lost since {time}").format(time=when)
        if self.connected == 1:
            return _("companion connected since {time}").format(time=when)
        return _("companion connected since {time} ({count} browsers)").format(
            time=when, count=self.connected
        )


def device_protection(records: Sequence[Record]) -> BrowserProtection:
    """The browser protection of one workstation; `records` in seq order."""
    connected, since = 0, None
    for index, record in enumerate(records):
        if record.get("kind") != "agent_state":
            continue
        state, time = record.get("state"), str(record.get("time"))
        if state == CONNECTED:
            since = time if connected == 0 else since
            connected += 1
        elif state == LOST and connected:
            connected -= 1
            since = time if connected == 0 else since
        elif state == LOST and since is None:  # its connection is older than the records
            since = time
        elif connected and (state in RUN_ENDS or state == UNCLEAN):
            before = records[index - 1] if index and state == UNCLEAN else record
            connected, since = 0, str(before.get("time"))
    return BrowserProtection(connected, since)


def browser_protection(per_device: Iterable[Sequence[Record]]) -> dict[str, BrowserProtection]:
    """device_id → its browser protection (each sequence: one workstation in seq order)."""
    return {
        str(records[0].get("device_id")): device_protection(records)
        for records in per_device
        if records
    }


def protection_text(found: Mapping[str, BrowserProtection], device_id: str) -> str:
    """What the panels show for one workstation ('never seen' when it has no records)."""
    protection = found.get(device_id)
    return protection.text() if protection else _(NEVER)
