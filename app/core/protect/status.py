"""The tray's state, computed from facts (pure Python), and its PHI-free status report.

One place decides protecting / paused / degraded / blocked, so the tray icon, its status
line and the `pastewarden run --status` answer can never disagree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from app.core.i18n import _, ngettext
from app.core.journal.incident import IncidentEvent
from app.core.protect.decision import PolicyView
from policy.loader import LoadResult

TrayState = Literal["protecting", "paused", "degraded", "blocked"]


@dataclass(frozen=True)
class Facts:
    """What the state depends on. Each degraded reason is a short PHI-free sentence."""

    paused: bool = False
    blocked_just_now: bool = False
    window_limitation: str | None = None
    policy_problem: str | None = None
    journal_ok: bool = True
    journal_notes: tuple[str, ...] = ()  # e.g. chain key only in memory, sync failing
    scans_incomplete: bool = False
    starting: bool = False
    browser_notes: tuple[str, ...] = ()  # a browser without its companion, when required

    def degraded_reasons(self) -> tuple[str, ...]:
        reasons = [_("Starting: the PHI scanner is loading")] if self.starting else []
        if self.window_limitation:
            reasons.append(
                _("No window detection: {reason}").format(reason=_(self.window_limitation))
            )
        if self.policy_problem:
            reasons.append(_("Policy problem: {reason}").format(reason=self.policy_problem))
        if not self.journal_ok:
            reasons.append(_("Journal problem: decisions could not be recorded"))
        reasons.extend(_("Journal: {note}").format(note=note) for note in self.journal_notes)
        reasons.extend(self.browser_notes)
        if self.scans_incomplete:
            reasons.append(_("The last scan could not finish (held back to be safe)"))
        return tuple(reasons)


def policy_refusal(loaded: LoadResult) -> str | None:
    """Why the policy file asked for is not the one in force (first error), or None.

    A file that validates can still be refused, e.g. it requires a signature and no
    trusted public key is installed: protection then runs on a fallback, and says so.
    Where IT deployed something (a managed file or a trusted key), running on a fallback
    is always a degraded state, even when the managed file is simply gone.
    """
    errors = loaded.errors
    if not errors:
        if loaded.managed and loaded.source in ("last_known_good", "builtin"):
            return _("IT's policy file is missing; in force: {policy}").format(
                policy=_in_force(loaded)
            )
        return None
    more = len(errors) - 1
    extra = ngettext(" (and {count} more)", " (and {count} more)", more) if more else ""
    return _("policy file refused: {error}{more}; in force: {policy}").format(
        error=errors[0], more=extra.format(count=more), policy=_in_force(loaded)
    )


def _in_force(loaded: LoadResult) -> str:
    if loaded.source == "builtin":
        return _("the built-in policy")
    if loaded.source == "last_known_good":
        return _("the last good copy of the managed policy")
    return _("the {source} policy as it was last loaded").format(source=loaded.source)


def tray_state(facts: Facts) -> TrayState:
    """Blocked (briefly) beats paused, paused beats degraded, degraded beats protecting."""
    if facts.blocked_just_now:
        return "blocked"
    if facts.paused:
        return "paused"
    return "degraded" if facts.degraded_reasons() else "protecting"


def status_line(facts: Facts) -> str:
    """The first line of the tray menu and the icon's tooltip."""
    state = tray_state(facts)
    if state == "paused":
        return _("PasteWarden: protection paused")
    if state == "degraded":
        return _("PasteWarden: protection limited: {reasons}").format(
            reasons="; ".join(facts.degraded_reasons())
        )
    if state == "blocked":
        return _("PasteWarden: a paste was just blocked")
    return _("PasteWarden: protecting")


def event_json(event: IncidentEvent) -> dict[str, object]:
    """An incident event as plain JSON data (already PHI-free by its contract)."""
    return asdict(event)


def status_report(
    facts: Facts,
    policy: PolicyView,
    backend: str,
    recent: list[IncidentEvent],
    last_sync: str | None = None,
) -> dict[str, object]:
    """What `pastewarden run --status` prints: state, policy summary, recent decisions."""
    return {
        "last_sync": last_sync,
        "state": tray_state(facts),
        "status": status_line(facts),
        "degraded": list(facts.degraded_reasons()),
        "backend": backend,
        "policy": {"source": policy.source, "version": policy.version, "signed": policy.signed},
        "events": [event_json(e) for e in recent],
    }
