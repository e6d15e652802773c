"""The tray wires the syslog sink: the policy's receiver reaches the keeper, with the
socket transport, and the keeper's syslog problem is a degraded state."""

from __future__ import annotations

import json
from pathlib import Path

from app.backends.syslog_socket import connect
from app.core.central.syslog_sink import SyslogSettings
from app.core.journal.key import DeviceKey
from app.core.journal.store import Journal
from app.core.protect.status import Facts, tray_state
from policy.loader import load_policy
from policy.locations import default_locations

POLICY = {
    "schema": "pastewarden.policy/1",
    "version": 4,
    "organization": {"name": "T Clinic"},
    "central": {"syslog": {"host": "siem.example", "ca_file": "/etc/pastewarden/ca.pem"}},
}


def test_policy_receiver_reaches_the_keeper_with_the_socket_transport(tmp_path: Path) -> None:
    from app.ui.agent_parts import keeper_settings, make_keeper

    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(POLICY))
    loaded = load_policy(default_locations(str(policy)))
    settings = keeper_settings(loaded)
    assert settings.syslog == SyslogSettings(
        "siem.example", 6514, "tls", ca_file="/etc/pastewarden/ca.pem"
    )
    journal = Journal(tmp_path / "j.sqlite3", key=DeviceKey(b"k" * 32, "memory"))
    keeper = make_keeper(journal, lambda: settings)
    assert keeper is not None and keeper._connect_syslog is connect
    problem = "syslog receiver tls://siem.example:6514 unavailable: ConnectionRefusedError"
    assert tray_state(Facts(journal_notes=(problem,))) == "degraded"
