"""Turns the loaded policy (policy.loader.LoadResult) into the tray's PolicyView.

Pausing is allowed when overrides are (a pause is an override of everything, and it is
journaled) and the policy's `agent` limits are not 0 (see docs/tray.md). The policy
format has no key for quitting: it is allowed only where IT has deployed nothing (no
managed policy file and no trusted key), so a broken or missing IT file never brings
Quit back.
"""

from __future__ import annotations

from datetime import date

from app.core.protect.decision import PolicyView
from policy.catalog import effective_tools
from policy.loader import LoadResult


def policy_view(loaded: LoadResult, today: date | None = None) -> PolicyView:
    """The PHI-free summary of the policy in force that the pipeline and the UI use."""
    policy = loaded.policy
    name, url = _approved_tool(loaded)
    return PolicyView(
        version=policy.version,
        signed=loaded.signature == "verified",
        source=loaded.source,
        organization=policy.organization.name,
        contact=policy.organization.contact,
        override_allowed=policy.override.allowed,
        override_reasons=tuple(policy.override.reasons),
        override_min_chars=policy.override.min_chars,
        approved_name=name,
        approved_url=url,
        pause_allowed=policy.override.allowed
        and policy.agent.pause_minutes > 0
        and policy.agent.pauses_per_day > 0,
        quit_allowed=not loaded.managed,
        pause_minutes=policy.agent.pause_minutes,
        pauses_per_day=policy.agent.pauses_per_day,
        language=policy.agent.language,
    )


def _approved_tool(loaded: LoadResult) -> tuple[str | None, str | None]:
    """The tool the dialog offers instead: defaults.suggest_tool, else the first BAA tool."""
    policy = loaded.policy
    tools = [t for t in effective_tools(policy) if t.category == "approved_baa" and t.open_url]
    wanted = policy.defaults.suggest_tool
    for tool in tools:
        if tool.id == wanted:
            return tool.name, tool.open_url
    if wanted is None and len(policy.tools) and tools:
        own = [t for t in tools if any(p.id == t.id for p in policy.tools)]
        if own:
            return own[0].name, own[0].open_url
    return None, None
