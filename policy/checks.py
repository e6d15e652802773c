"""Rules that span several fields, which a per-field schema cannot express.

Each check returns (location, severity, message); policy.validate adds FILE:LINE:COL.
Errors make the file unusable; warnings (an expired policy or BAA, a tool that can
match nothing) are shown but the policy still applies: a stale policy protects better
than none.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from detectors.types import ALL_CODES
from policy.problems import Loc
from policy.schema import Catalog, Policy, Tool
from policy.suggest import did_you_mean

Check = tuple[Loc, str, str]


def policy_problems(policy: Policy, today: date) -> list[Check]:
    """Every cross-field error and warning in a policy."""
    return [
        *_duplicate_ids(policy.tools),
        *_tool_rules(policy.tools, today),
        *_override_rules(policy),
        *_detection_rules(policy),
        *_suggested_tool(policy),
        *_expiry(policy, today),
    ]


def catalog_problems(catalog: Catalog) -> list[Check]:
    """Errors in the tool catalog file (duplicate ids, tools without a BAA block)."""
    return [*_duplicate_ids(catalog.tools), *_tool_rules(catalog.tools, None)]


def _duplicate_ids(tools: list[Tool]) -> Iterator[Check]:
    first: dict[str, int] = {}
    for index, tool in enumerate(tools):
        if tool.id in first:
            message = f"duplicate tool id {tool.id!r} (first used at tools[{first[tool.id]}])"
            yield ("tools", index, "id"), "error", message
        first.setdefault(tool.id, index)


def _tool_rules(tools: list[Tool], today: date | None) -> Iterator[Check]:
    for index, tool in enumerate(tools):
        match = tool.match
        if not (match.domains or match.titles or match.apps):
            yield ("tools", index, "match"), "warning", "matches nothing (no domains, titles, apps)"
        if tool.category == "approved_baa" and tool.baa is None:
            message = 'an approved_baa tool needs its "baa": {"vendor", "plan"}'
            yield ("tools", index), "error", message
        expires = tool.baa.expires if tool.baa else None
        if today and expires and expires < today and tool.category == "approved_baa":
            message = f"BAA expired on {expires}: the tool is treated as consumer_ai"
            yield ("tools", index, "baa", "expires"), "warning", message


def _override_rules(policy: Policy) -> Iterator[Check]:
    if policy.override.allowed:
        return
    message = 'block_with_override needs "override": {"allowed": true}'
    for category in ("consumer_ai", "approved_baa", "other"):
        if getattr(policy.defaults, category) == "block_with_override":
            yield ("defaults", category), "error", message
    for index, tool in enumerate(policy.tools):
        if tool.action == "block_with_override":
            yield ("tools", index, "action"), "error", message


def _detection_rules(policy: Policy) -> Iterator[Check]:
    patterns = policy.detection.custom_patterns
    known = set(ALL_CODES) | {p.type for p in patterns}
    for index, code in enumerate(policy.detection.entities or []):
        if code not in known:
            hint = did_you_mean(code, sorted(known))
            message = f"unknown identifier type {code!r}{hint}"
            yield ("detection", "entities", index), "error", message
    seen: set[str] = set()
    for index, pattern in enumerate(patterns):
        if pattern.name in seen:
            message = f"duplicate custom pattern name {pattern.name!r}"
            yield ("detection", "custom_patterns", index, "name"), "error", message
        seen.add(pattern.name)


def _suggested_tool(policy: Policy) -> Iterator[Check]:
    wanted = policy.defaults.suggest_tool
    if wanted is None:
        return
    # Imported here: policy.catalog itself imports this module's callers.
    from policy.catalog import effective_tools

    tools = {t.id: t for t in effective_tools(policy)}
    if wanted not in tools:
        hint = did_you_mean(wanted, tools)
        yield ("defaults", "suggest_tool"), "error", f"no tool with id {wanted!r}{hint}"
    elif tools[wanted].category != "approved_baa" or not tools[wanted].open_url:
        message = f"{wanted!r} must be an approved_baa tool with an open_url"
        yield ("defaults", "suggest_tool"), "error", message


def _expiry(policy: Policy, today: date) -> Iterator[Check]:
    if policy.not_after and policy.not_after < today:
        message = (
            f"policy expired on {policy.not_after}: still enforced, but IT should publish "
            "a new version"
        )
        yield ("not_after",), "warning", message
