"""Broken policy files: each gives a precise FILE:LINE:COL message, and the policy that
was already in force (version 1, last known good) stays in force.

Every case first installs a good signed managed policy, then replaces it with the bad
file and loads again, exactly as a workstation would after IT pushed a broken update.
(The last-known-good copy stands in only when signed: see test_policy_threats.py.)
"""

# One table row, or one expected message, per line: easier to compare with real output.
# ruff: noqa: E501

from __future__ import annotations

import json

import pytest
from policy_helpers import Site, policy_bytes, policy_dict

from policy.validate import MAX_BYTES

TOOL = {"id": "x", "name": "X", "category": "consumer_ai", "match": {"domains": ["x.example"]}}


def _install_then_break(site: Site, bad: bytes) -> list[str]:
    """Load a good signed v1, replace it with `bad`; return the problems as text."""
    site.install_key()
    site.write(policy_bytes(1, heartbeat_minutes=15), signed=True)
    assert site.load().source == "managed"
    site.write(bad, signed=True)
    result = site.load()
    assert result.source == "last_known_good"
    assert (result.policy.version, result.policy.heartbeat_minutes) == (1, 15)
    return [str(p) for p in result.errors]


def test_invalid_json_gives_line_and_column(site: Site) -> None:
    bad = b'{\n  "schema": "pastewarden.policy/1",\n  "version": 2,,\n}'
    problems = _install_then_break(site, bad)
    assert problems == [
        f"{site.managed}:3:16: invalid JSON: Expecting property name enclosed in double quotes"
    ]


def test_wrong_types_are_not_coerced(site: Site) -> None:
    data = policy_dict(2)
    data["version"] = "2"
    data["override"] = {"allowed": "yes"}
    problems = _install_then_break(site, json.dumps(data, indent=2).encode())
    assert (
        f"{site.managed}:3:14: version: Input should be a valid integer (got a string)" in problems
    )
    assert any(
        p.startswith(f"{site.managed}:8:16: override.allowed: Input should be a valid boolean")
        for p in problems
    )


def test_unknown_keys_get_a_did_you_mean_hint(site: Site) -> None:
    data = policy_dict(2, heartbeat_minute=10, detection={"treshold": 0.7})
    problems = _install_then_break(site, json.dumps(data, indent=2).encode())
    assert (
        f"{site.managed}:7:3: heartbeat_minute: unknown key 'heartbeat_minute' (did you mean 'heartbeat_minutes'?)"
        in problems
    )
    assert (
        f"{site.managed}:9:5: detection.treshold: unknown key 'treshold' (did you mean 'threshold'?)"
        in problems
    )


def test_catastrophic_regex_is_refused(site: Site) -> None:
    pattern = {"name": "mrn", "type": "MRN", "pattern": "(\\d+)+$"}
    data = policy_dict(2, detection={"custom_patterns": [pattern]})
    problems = _install_then_break(site, json.dumps(data, indent=2).encode())
    assert len(problems) == 1
    assert problems[0].startswith(
        f"{site.managed}:12:20: detection.custom_patterns[0].pattern: '(\\\\d+)+$': pattern risks catastrophic backtracking"
    )


def test_invalid_regex_syntax_is_refused(site: Site) -> None:
    tool = {**TOOL, "match": {"titles": ["^ChatGPT("]}}
    problems = _install_then_break(site, json.dumps(policy_dict(2, tools=[tool])).encode())
    assert (
        len(problems) == 1
        and "tools[0].match.titles: '^ChatGPT(': not a valid regular expression" in problems[0]
    )


def test_duplicate_tool_ids(site: Site) -> None:
    data = policy_dict(2, tools=[TOOL, {**TOOL, "name": "Again"}])
    problems = _install_then_break(site, json.dumps(data, indent=2).encode())
    assert problems == [
        f"{site.managed}:19:13: tools[1].id: duplicate tool id 'x' (first used at tools[0])"
    ]


def test_duplicate_keys_are_reported(site: Site) -> None:
    bad = policy_bytes(2)[:-2] + b',\n  "version": 3\n}'
    problems = _install_then_break(site, bad)
    assert problems == [
        f"{site.managed}:7:3: version: duplicate key 'version' (JSON keeps only the last one)"
    ]


def test_a_five_megabyte_file_is_refused(site: Site) -> None:
    bad = policy_bytes(2)[:-1] + b" " * (5 * 1024 * 1024) + b"}"
    assert len(bad) > MAX_BYTES
    assert _install_then_break(site, bad) == [f"{site.managed}: file is larger than 1024 KiB"]


def test_an_empty_file_is_refused(site: Site) -> None:
    assert _install_then_break(site, b"") == [
        f"{site.managed}: file is empty: expected a JSON object"
    ]
    assert _install_then_break(site, b" \r\n\t") == [
        f"{site.managed}: file is empty: expected a JSON object"
    ]


def test_utf16_is_refused_with_advice(site: Site) -> None:
    bad = policy_bytes(2).decode().encode("utf-16")
    assert _install_then_break(site, bad) == [
        f"{site.managed}:1:1: file is UTF-16 or UTF-32; save it as UTF-8"
    ]


def test_missing_required_keys(site: Site) -> None:
    data = policy_dict(2)
    del data["organization"]
    assert _install_then_break(site, json.dumps(data).encode()) == [
        f"{site.managed}:1:1: organization: required key is missing (add it to the top level)"
    ]


def test_wrong_schema_id(site: Site) -> None:
    data = {**policy_dict(2), "schema": "pastewarden.policy/2"}
    problems = _install_then_break(site, json.dumps(data).encode())
    assert problems == [f"{site.managed}:1:12: schema: Input should be 'pastewarden.policy/1'"]


@pytest.mark.parametrize(
    ("prefix", "newline"),
    [(b"\xef\xbb\xbf", b"\n"), (b"", b"\r\n"), (b"\xef\xbb\xbf", b"\r\n")],
)
def test_bom_and_crlf_are_accepted(site: Site, prefix: bytes, newline: bytes) -> None:
    raw = prefix + policy_bytes(3).replace(b"\n", newline)
    site.write(raw)
    result = site.load()
    assert (result.source, result.policy.version, result.errors) == ("managed", 3, ())


def test_crlf_positions_are_still_right(site: Site) -> None:
    data = policy_dict(2)
    data["version"] = 2.5
    raw = b"\xef\xbb\xbf" + json.dumps(data, indent=2).encode().replace(b"\n", b"\r\n")
    assert _install_then_break(site, raw) == [
        f"{site.managed}:3:14: version: Input should be a valid integer (got a number)"
    ]


def test_not_after_in_the_past_is_a_warning_not_a_failure(site: Site) -> None:
    site.write(policy_bytes(2, not_after="2026-01-01"))
    result = site.load()
    assert (result.source, result.policy.version, result.errors) == ("managed", 2, ())
    warnings = [str(p) for p in result.problems]
    assert any("policy expired on 2026-01-01" in w and ":7:16: not_after:" in w for w in warnings)


def test_with_no_earlier_policy_a_broken_file_gives_the_builtin_default(site: Site) -> None:
    site.write(b"{not json")
    result = site.load()
    assert result.source == "builtin" and result.policy.defaults.consumer_ai == "block"
    assert [p.line for p in result.errors] == [1]


def test_missing_nested_key_points_at_its_object(site: Site) -> None:
    tool = {"id": "x", "name": "X", "match": {}}
    problems = _install_then_break(
        site, json.dumps(policy_dict(2, tools=[tool]), indent=2).encode()
    )
    assert problems == [
        f"{site.managed}:8:5: tools[0].category: required key is missing (add it to tools[0])"
    ]
