"""RFC 5424 syslog messages from journal records, framed by RFC 6587 octet counting.

Pure functions (no sockets): `app.core.central.syslog_sink` sends what `frame(format_record(...))`
returns through a transport from app/backends. One record becomes one message:

    <PRI>1 TIME HOST PASTEWARDEN - KIND [pastewarden@32473 name="value" ...] {json line}

- PRI = facility * 8 + severity; the severity follows the record (`severity_of`).
- The structured-data element carries the record's fields (nested ones dotted, e.g.
  `tool.id`; detections as `TYPE:count:max_score` joined by commas). Values are escaped
  per RFC 5424 §6.3.3 (`"`, `\\` and `]` get a backslash); control characters, which
  the RFC allows but line-based receivers split on, become JSON-style escapes (`\\n`);
  a value over 1,000 characters once escaped is cut with `…`, so every message stays
  under 8 KB (rsyslog's default limit).
- MSG is the record's stored JSON line unchanged (UTF-8, no BOM), so a SIEM can parse
  either part. Nothing is added that the record does not already hold (no PHI).
32473 is the documentation enterprise number of RFC 5612; the policy may set an
organisation's own (docs/siem.md).
"""

from __future__ import annotations

import json
from typing import Any

APP_NAME = "PASTEWARDEN"
EXAMPLE_ENTERPRISE_NUMBER = 32473
DEFAULT_FACILITY = 13  # "log audit" in RFC 5424's table of facilities

EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG = range(8)
_DEGRADED_STATES = {"scanner_degraded", "sync_failing", "journal_degraded", "syslog_failing"}
# Protection gaps (app.core.journal.agent_run): a kill or crash warns, a pause or stop
# notes; a squatted name (someone on the share acting against this device) warns too.
_GAP_STATES = {"unclean_end": WARNING, "sync_squatted": WARNING, "paused": NOTICE,
               "pause_limit_reached": NOTICE, "quit": NOTICE, "stopped": NOTICE}  # fmt: skip
_ACTION_SEVERITY = {
    "overridden": WARNING,
    "blocked": NOTICE,
    "warned_cancelled": NOTICE,
    "redacted_copy": NOTICE,
    "false_alarm_reported": NOTICE,
    "allowed_policy": INFO,
}
# Fields of the SD element, in this order; nested dicts are flattened with dots.
_SD_FIELDS = (
    "event_id",
    "device_id",
    "seq",
    "kind",
    "time",
    "user",
    "host",
    "action",
    "state",
    "enforcement",
    "tool",
    "policy",
    "detections",
    "chars_bucket",
    "justification",
    "agent_version",
    "schema",
    "key_id",
    "key_store",
    "prev_mac",
    "digest",
    "mac",
)
MAX_PARAM_CHARS = 1000  # a justification is capped at 500 characters before escaping
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def severity_of(record: dict[str, Any]) -> int:
    """Override, unclean end: warning; interventions, pauses, stops: notice; degraded: err."""
    kind = record.get("kind")
    if kind == "incident":
        return _ACTION_SEVERITY.get(str(record.get("action")), NOTICE)
    if kind == "agent_state":
        state = str(record.get("state"))
        if state in _DEGRADED_STATES:
            return ERR
        return _GAP_STATES.get(state, INFO)
    return INFO


def escape_param(value: str, limit: int = MAX_PARAM_CHARS) -> str:
    """A PARAM-VALUE: `"`, `\\` and `]` escaped (RFC 5424 §6.3.3), controls made visible.

    Longer than `limit` characters once escaped, it is cut (never inside an escape) and
    ends with `…`: the message stays under 8 KB, the MSG part keeps the whole value.
    """
    out: list[str] = []
    size = 0
    for char in value:
        if char in '"\\]':
            piece = "\\" + char
        elif char in _CONTROL_ESCAPES:
            piece = _CONTROL_ESCAPES[char]
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            piece = f"\\u{ord(char):04x}"
        else:
            piece = char
        if size + len(piece) > limit:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    return "".join(out)


def sd_params(record: dict[str, Any]) -> list[tuple[str, str]]:
    """The record's fields as (name, text) pairs; empty (null) fields are left out."""
    params: list[tuple[str, str]] = []
    for name in _SD_FIELDS:
        value = record.get(name)
        if name == "detections" and value:
            value = ",".join(f"{d['type']}:{d['count']}:{d['max_score']}" for d in value)
        if isinstance(value, dict):
            params += [
                (f"{name}.{key}", _text(sub)) for key, sub in value.items() if sub is not None
            ]
        elif value is not None and value != []:
            params.append((name, _text(value)))
    return params


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def structured_data(record: dict[str, Any], enterprise_number: int) -> str:
    """`[pastewarden@N name="value" ...]`."""
    body = " ".join(f'{name}="{escape_param(text)}"' for name, text in sd_params(record))
    return f"[pastewarden@{enterprise_number} {body}]"


def _header_token(value: object, limit: int) -> str:
    """HOSTNAME / MSGID: printable US-ASCII without spaces, else the nil value `-`."""
    text = "" if value is None else str(value)
    token = "".join(c for c in text if 33 <= ord(c) <= 126)[:limit]
    return token or "-"


def format_record(
    line: str,
    facility: int = DEFAULT_FACILITY,
    enterprise_number: int = EXAMPLE_ENTERPRISE_NUMBER,
) -> bytes:
    """One RFC 5424 message (without framing) for a stored journal line."""
    record = json.loads(line)
    pri = facility * 8 + severity_of(record)
    header = " ".join(
        (
            f"<{pri}>1",
            _header_token(record.get("time"), 64),
            _header_token(record.get("host"), 255),
            APP_NAME,
            "-",
            _header_token(record.get("kind"), 32),
        )
    )
    return f"{header} {structured_data(record, enterprise_number)} {line}".encode()


def frame(message: bytes) -> bytes:
    """RFC 6587 octet counting: `LEN SP MSG`."""
    return b"%d %s" % (len(message), message)
