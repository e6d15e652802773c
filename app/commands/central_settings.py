"""Where the central folder (and syslog receiver) is and how often devices report."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from app.core.central.syslog_sink import SyslogSettings, settings_from_policy
from app.core.review.labels import policy_tool_names
from policy.loader import load_policy
from policy.locations import default_locations


@dataclass(frozen=True)
class CentralSettings:
    """The policy's `central` section as the journal commands need it."""

    folder: str | None
    heartbeat_minutes: int
    local_retention_days: int
    syslog: SyslogSettings | None = None
    audit_public_key: str | None = None  # the policy's audit.public_key
    tool_names: dict[str, str] = field(default_factory=dict)  # id → name, for CSV exports


def central_settings(args: argparse.Namespace) -> CentralSettings:
    """--central wins over the policy's central.folder (IT tests a share before rollout)."""
    policy = load_policy(default_locations(getattr(args, "policy", None))).policy
    folder = getattr(args, "central", None) or policy.central.folder
    return CentralSettings(
        folder,
        policy.heartbeat_minutes,
        policy.central.local_retention_days,
        settings_from_policy(policy.central.syslog),
        policy.audit.public_key,
        policy_tool_names(policy),
    )
