"""An IncidentEvent → the `pastewarden.incident/1` record body (DESIGN.md §6), PHI-free.

Every field is either a closed vocabulary, a number, an identifier of the device or
agent, or text the pipeline has already scanned and redacted (justification). Free
strings that could carry a URL path are cut to the host. The body is sealed by
app.core.journal.chain (digest, mac) before it is stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from app.core import system
from app.core.journal.incident import SCHEMA, IncidentEvent, ToolRef

_MAX_JUSTIFICATION = 500  # a pick-list code plus a sentence; longer text is cut


@dataclass(frozen=True)
class AgentInfo:
    """Who and where: the signed-in user, host name and agent version (never PHI)."""

    user: str
    host: str
    agent_version: str

    @classmethod
    def current(cls) -> AgentInfo:
        """This computer's signed-in user and host name (app.core.system()), this version."""
        from app import __version__

        services = system()
        return cls(services.user_name(), services.host_name(), agent_version=__version__)


def _host_only(domain: str | None) -> str | None:
    """Keep only the host: a URL path may hold a patient id (DESIGN.md §6)."""
    if not domain:
        return None
    host = domain.split("://", 1)[-1]
    for cut in "/?#":
        host = host.split(cut, 1)[0]
    return host.lower() or None


def _tool(tool: ToolRef | None) -> dict[str, Any] | None:
    if tool is None:
        return None
    return {
        "id": tool.id,
        "category": tool.category,
        "domain": _host_only(tool.domain),
        "process": tool.process,
    }


def build_body(
    event: IncidentEvent, device_id: str, seq: int, prev_mac: str, time: str, agent: AgentInfo
) -> dict[str, Any]:
    """The unsealed record for `event` as the `seq`-th record of this device."""
    justification = None
    if event.justification is not None:
        text = event.justification.text[:_MAX_JUSTIFICATION]
        justification = {"code": event.justification.code, "text": text}
    return {
        "schema": SCHEMA,
        "event_id": str(uuid.uuid4()),
        "device_id": device_id,
        "seq": seq,
        "prev_mac": prev_mac,
        "kind": event.kind,
        "time": time,
        "user": agent.user,
        "host": agent.host,
        "action": event.action,
        "state": event.state,
        "enforcement": event.enforcement,
        "tool": _tool(event.tool),
        "policy": {"version": event.policy_version, "signed": event.policy_signed},
        "detections": [
            {"type": d.type, "count": d.count, "max_score": round(d.max_score, 3)}
            for d in event.detections
        ],
        "chars_bucket": event.chars_bucket,
        "justification": justification,
        "agent_version": agent.agent_version,
    }
