"""The patterns docs/siem.md gives IT (Splunk, Wazuh, Sentinel) work on real messages.

They are read out of the document and applied, with Python's `re` (close enough to
PCRE and RE2 for these patterns), to messages made by the formatter from records
whose justification is built to trip them: quotes, `]`, braces and `name="value"`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from journal_testkit import ROOT
from syslog_parse import parse_message

from app.core.central.syslog_format import format_record
from app.core.journal.incident import IncidentEvent, Justification
from app.core.journal.store import Journal

DOC = (ROOT / "docs" / "siem.md").read_text(encoding="utf-8")
TRICKY = [
    "plain reason",
    'x="1" y=\\"2\\" ] "] {"a": 1} [pastewarden@1 z="3"]',
    '{not json} "] { and } \\] done\nnext',
]


def _messages(tmp_path: Path) -> list[tuple[str, bytes]]:
    journal = Journal(tmp_path / "j.sqlite3")
    for text in TRICKY:
        journal.record(
            IncidentEvent(
                kind="incident", action="overridden", justification=Justification("o", text)
            )
        )
    return [(line, format_record(line)) for _, line in journal.rows()]


def _splunk_regexes() -> list[str]:
    return re.findall(r"^REGEX = (.+)$", DOC, flags=re.MULTILINE)


def _unescape(raw: str) -> str:
    return re.sub(r'\\(["\\\]])', r"\1", raw)


def test_splunk_transforms_extract_exactly_the_sd_params_and_the_json(tmp_path: Path) -> None:
    sd_regex, msg_regex = _splunk_regexes()
    for line, data in _messages(tmp_path):
        text = data.decode()
        params = parse_message(data).params
        found = {name: _unescape(value) for name, value in re.findall(sd_regex, text)}
        assert found == params  # no spurious pair from inside a value or the JSON
        assert re.search(msg_regex, text).group(1) == line  # type: ignore[union-attr]


def test_sentinel_pattern_finds_the_json_with_or_without_the_structured_data(
    tmp_path: Path,
) -> None:
    pattern = re.search(r"extract\(@'(.+?)', 1, SyslogMessage\)", DOC).group(1)  # type: ignore[union-attr]
    for line, data in _messages(tmp_path):
        with_sd = data.decode().split(" ", 6)[6]  # what follows MSGID
        assert re.search(pattern, with_sd).group(1) == line  # type: ignore[union-attr]
        assert re.search(pattern, line).group(1) == line  # type: ignore[union-attr]
        assert json.loads(line)["justification"]["text"] in TRICKY


def test_wazuh_prematches_find_the_json_after_the_structured_data(tmp_path: Path) -> None:
    header, json_start = re.findall(r'<prematch type="pcre2"[^>]*>(.+?)</prematch>', DOC)
    for line, data in _messages(tmp_path):
        text = data.decode()
        after_header = re.search(header, text)
        assert after_header is not None
        rest = text[after_header.end() :]
        assert rest[re.search(json_start, rest).end() :] == line  # type: ignore[union-attr]
