"""The words the review window and the audit report use for actions and AI tools. Qt-free.

One mapping for both, so a count means the same thing on screen and on paper. Each
action label says what happened to the copy: "blocked" covers every copy kept from the
tool, also when the staff member chose Cancel on the notice, so "warned_cancelled" (a
warning cancelled, from earlier versions) can stay at 0 while staff cancel every day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.core.i18n import N_, _

# Every action value of DESIGN §6, in the order the window and the report list them.
ACTION_LABELS = {
    "blocked": N_("Blocked, kept off the clipboard"),
    "warned_cancelled": N_("Warned, then cancelled"),
    "overridden": N_("Warned, then pasted with a reason"),
    "redacted_copy": N_("Pasted as a de-identified copy"),
    "false_alarm_reported": N_("Reported as a false alarm"),
    "allowed_policy": N_("Allowed by policy"),
}
# One sentence per action, for the report's totals and the window's tooltips.
ACTION_MEANINGS = {
    "blocked": N_(
        "The copy never reached the AI tool: the staff member chose Cancel on the "
        "notice, let it time out, or opened the approved tool instead."
    ),
    "warned_cancelled": N_(
        "A warning the staff member cancelled (not written by this "
        "version, which counts a Cancel as blocked)."
    ),
    "overridden": N_("The staff member gave a reason and pasted the original text."),
    "redacted_copy": N_("The staff member pasted a copy with the identifiers removed."),
    "false_alarm_reported": N_(
        "The staff member reported the text as holding no patient information."
    ),
    "allowed_policy": N_(
        "The policy only warns about this tool: the paste went ahead after a notification."
    ),
}
# The counts the summary and the monthly table show, in this order.
HEADLINE = ("blocked", "warned_cancelled", "overridden", "false_alarm_reported")


def action_label(action: Any) -> str:
    """The label of an action value; an unknown value as it is ("" for none)."""
    key = str(action)
    return _(ACTION_LABELS[key]) if key in ACTION_LABELS else str(action or "")


def action_meaning(action: str) -> str:
    """What one action's count means, in the language in use."""
    return _(ACTION_MEANINGS[action])


def tool_label(tool_id: Any, names: Mapping[str, str]) -> str:
    """The tool's name when known, else its id as it is ("unknown" for none)."""
    key = str(tool_id or "")
    return names.get(key) or key or _("unknown")


def tool_names(tools: Iterable[Any]) -> dict[str, str]:
    """id → name of catalog or policy tools (objects with `id` and `name`)."""
    return {str(tool.id): str(tool.name) for tool in tools}


def builtin_tool_names() -> dict[str, str]:
    """id → name of the built-in catalog (what a review without a policy shows)."""
    from policy.catalog import builtin_catalog  # reads resources/ai_tools.json once

    return tool_names(builtin_catalog().tools)


def policy_tool_names(policy: Any) -> dict[str, str]:
    """id → name of the tools in force under `policy` (catalog plus its own tools)."""
    from policy.catalog import effective_tools

    names = builtin_tool_names()  # a tool the policy switched off still has a name
    names.update(tool_names(effective_tools(policy)))
    return names
