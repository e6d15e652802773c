"""RFC 5424 formatting of journal records: header, PRI by kind, SD escaping, msg unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from journal_testkit import incident
from syslog_parse import parse_message, parse_sd, unframe

from app.core.central.syslog_format import (
    ERR,
    INFO,
    NOTICE,
    WARNING,
    escape_param,
    format_record,
    frame,
    severity_of,
)
from app.core.journal.incident import Detection, IncidentEvent, Justification
from app.core.journal.store import Journal

HOSTILE = 'said "ok" \\ then ] closed\nnext line\tand Zoë — 東京 \x01'


def _line(tmp_path: Path, event: IncidentEvent) -> str:
    journal = Journal(tmp_path / "j.sqlite3")
    journal.record(event)
    return journal.rows()[-1][1]


def test_every_record_field_is_in_the_sd_element_and_msg_is_the_line(tmp_path: Path) -> None:
    line = _line(tmp_path, incident(1, "overridden"))
    record = json.loads(line)
    message = parse_message(format_record(line, facility=13, enterprise_number=32473))
    assert (message.pri, message.version) == (13 * 8 + WARNING, "1")
    assert (message.app_name, message.procid, message.msgid) == ("PASTEWARDEN", "-", "incident")
    assert (message.timestamp, message.hostname) == (record["time"], record["host"])
    assert message.sd_id == "pastewarden@32473"
    assert message.msg == line  # unchanged, byte for byte
    params = message.params
    for name in ("event_id", "device_id", "kind", "time", "action", "mac", "digest", "prev_mac"):
        assert params[name] == str(record[name])
    assert params["seq"] == str(record["seq"])
    assert params["tool.id"] == "chatgpt" and params["tool.domain"] == "chatgpt.com"
    assert params["policy.version"] == "7" and params["policy.signed"] == "true"
    assert params["detections"] == "NAME:2:0.85,DATE:1:0.95"
    assert "state" not in params and "justification.text" not in params  # nulls left out


def test_hostile_justification_is_escaped_and_round_trips(tmp_path: Path) -> None:
    event = IncidentEvent(
        kind="incident", action="overridden", justification=Justification("other", HOSTILE)
    )
    line = _line(tmp_path, event)
    data = format_record(line, enterprise_number=55555)
    assert b"\n" not in data and b"\x01" not in data  # one line for line-based receivers
    message = parse_message(data)
    assert message.sd_id == "pastewarden@55555"
    expected = HOSTILE.replace("\n", "\\n").replace("\t", "\\t").replace("\x01", "\\u0001")
    assert message.params["justification.text"] == expected
    assert json.loads(message.msg)["justification"]["text"] == HOSTILE  # exact in the msg


def test_escape_param_escapes_exactly_the_rfc_characters() -> None:
    assert escape_param('a"b\\c]d[e=f') == 'a\\"b\\\\c\\]d[e=f'
    value = ']]\\\\"'
    _, params, rest = parse_sd('[x@1 v="' + escape_param(value) + '"] tail')
    assert params == {"v": value} and rest == " tail"


def test_severity_follows_the_record_kind() -> None:
    assert severity_of({"kind": "incident", "action": "overridden"}) == WARNING
    assert severity_of({"kind": "incident", "action": "blocked"}) == NOTICE
    assert severity_of({"kind": "incident", "action": "allowed_policy"}) == INFO
    for state in ("sync_failing", "scanner_degraded", "journal_degraded", "syslog_failing"):
        assert severity_of({"kind": "agent_state", "state": state}) == ERR
    assert severity_of({"kind": "agent_state", "state": "started"}) == INFO
    assert severity_of({"kind": "agent_state", "state": "unclean_end"}) == WARNING
    for state in ("paused", "pause_limit_reached", "quit", "stopped"):
        assert severity_of({"kind": "agent_state", "state": state}) == NOTICE
    assert severity_of({"kind": "agent_state", "state": "os_shutdown"}) == INFO
    assert severity_of({"kind": "heartbeat"}) == INFO


def test_octet_counting_frames_split_back_into_the_messages(tmp_path: Path) -> None:
    event = IncidentEvent(kind="incident", action="blocked", justification=Justification("x", "é"))
    messages = [format_record(_line(tmp_path, event)) for _ in range(3)]
    stream = b"".join(frame(m) for m in messages)
    assert unframe(stream) == messages
    assert frame(b"\xc3\xa9") == b"2 \xc3\xa9"  # octets, not characters


def test_worst_case_justifications_stay_under_eight_kilobytes(tmp_path: Path) -> None:
    detections = tuple(Detection(f"TYPE_{n}", 99, 0.999) for n in range(15))
    for text in ("\x01" * 500, "😀" * 500, '"]\\' * 170, "東" * 500):
        event = IncidentEvent(
            kind="incident",
            action="overridden",
            detections=detections,
            justification=Justification("other", text),
        )
        line = _line(tmp_path, event)
        data = format_record(line)
        assert len(data) < 8192, (text[:3], len(data))
        message = parse_message(data)
        shown = message.params["justification.text"]
        assert len(shown) <= 1001 and json.loads(message.msg)["justification"]["text"] == text[:500]
    assert escape_param("ab\ncd", limit=3) == "ab…"  # never half an escape
