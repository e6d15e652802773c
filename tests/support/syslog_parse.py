"""An independent reader of RFC 5424 messages for the syslog tests (not the app's code).

`parse_message` splits a message into header, structured data and MSG the way a
receiver following the RFC's ABNF does; `parse_sd` reads `[id name="value" ...]`,
undoing only the three escapes RFC 5424 §6.3.3 defines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Message:
    pri: int
    version: str
    timestamp: str
    hostname: str
    app_name: str
    procid: str
    msgid: str
    sd_id: str
    params: dict[str, str]
    msg: str


def parse_sd(text: str) -> tuple[str, dict[str, str], str]:
    """One SD-ELEMENT at the start of `text`: (SD-ID, params, the rest after `]`)."""
    assert text.startswith("["), text[:40]
    space = text.index(" ")
    sd_id, pos, params = text[1:space], space, {}
    while text[pos] == " ":
        eq = text.index("=", pos)
        name = text[pos + 1 : eq]
        assert text[eq + 1] == '"', f"unquoted value for {name}"
        value, pos = _read_value(text, eq + 2)
        assert name not in params, f"{name} repeated"
        params[name] = value
    assert text[pos] == "]", text[pos : pos + 40]
    return sd_id, params, text[pos + 1 :]


def _read_value(text: str, pos: int) -> tuple[str, int]:
    out: list[str] = []
    while True:
        char = text[pos]
        if char == "\\" and text[pos + 1] in '"\\]':
            out.append(text[pos + 1])
            pos += 2
        elif char == '"':
            return "".join(out), pos + 1
        else:
            assert char != "]", "unescaped ] inside a value"
            out.append(char)
            pos += 1


def parse_message(data: bytes) -> Message:
    """A whole RFC 5424 message (without framing) with exactly one SD element."""
    text = data.decode("utf-8")
    assert text.startswith("<")
    close = text.index(">")
    pri = int(text[1:close])
    fields = text[close + 1 :].split(" ", 6)
    version, timestamp, hostname, app_name, procid, msgid, rest = fields
    sd_id, params, after = parse_sd(rest)
    assert after.startswith(" ")
    return Message(
        pri, version, timestamp, hostname, app_name, procid, msgid, sd_id, params, after[1:]
    )


def unframe(stream: bytes) -> list[bytes]:
    """Split an RFC 6587 octet-counted stream into messages."""
    messages, pos = [], 0
    while pos < len(stream):
        space = stream.index(b" ", pos)
        length = int(stream[pos:space])
        messages.append(stream[space + 1 : space + 1 + length])
        pos = space + 1 + length
    return messages
