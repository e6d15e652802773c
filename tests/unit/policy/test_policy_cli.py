"""`pastewarden policy ...` and `pastewarden match` through a real subprocess (DESIGN.md §3).

Exit 0 ok, 2 invalid; problems on stderr as FILE:LINE:COL: field: problem; keygen and
sign produce files that validate --pub accepts; `match --json` has exactly the agreed
keys. PASTEWARDEN_HOME points into a temp folder for every run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policy.paths import resource_path

ROOT = Path(__file__).resolve().parents[3]
CLINIC = resource_path("examples", "small-clinic-m365.json")
THERAPY = resource_path("examples", "therapy-practice.json")


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {**os.environ, "PASTEWARDEN_HOME": str(tmp_path / "home")}
    env.pop("PASTEWARDEN_POLICY", None)

    def _run(
        *args: str, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            capture_output=True, text=True, timeout=120, cwd=ROOT, env={**env, **(extra_env or {})},
            check=False,
        )  # fmt: skip

    return _run


def test_validate_ok_and_invalid(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok = run("policy", "validate", str(CLINIC))
    assert ok.returncode == 0 and "valid: version 1" in ok.stdout
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{\n  "schema": "pastewarden.policy/1",\n  "version": "2",\n  "organisation": {}\n}\n'
    )
    result = run("policy", "validate", str(bad))
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert all(
        re.match(rf"^{re.escape(str(bad))}:\d+:\d+: [\w.\[\]]+: ", line) for line in lines
    ), lines
    assert f"{bad}:3:14: version: Input should be a valid integer (got a string)" in lines
    assert (
        f"{bad}:4:3: organisation: unknown key 'organisation' (did you mean 'organization'?)"
        in lines
    )


def test_validate_missing_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("policy", "validate", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.json'}: file not found"


def test_keygen_sign_and_verify(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    keys = tmp_path / "keys"
    keys.mkdir()
    assert run("policy", "keygen", "--dir", str(keys)).returncode == 0
    policy = tmp_path / "policy.json"
    policy.write_bytes(CLINIC.read_bytes())
    signed = run("policy", "sign", str(policy), "--key", str(keys / "policy-signing.key"))
    assert signed.returncode == 0 and (tmp_path / "policy.json.sig").exists()
    pub = str(keys / "policy.pub")
    assert "signature verified" in run("policy", "validate", str(policy), "--pub", pub).stdout
    policy.write_bytes(CLINIC.read_bytes() + b"\n")
    tampered = run("policy", "validate", str(policy), "--pub", pub)
    assert tampered.returncode == 2 and "signature does not match" in tampered.stderr
    again = run("policy", "keygen", "--dir", str(keys))
    assert again.returncode == 2 and "refusing to overwrite" in again.stderr


def test_sign_refuses_an_invalid_policy(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    keys = tmp_path / "keys"
    keys.mkdir()
    run("policy", "keygen", "--dir", str(keys))
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    result = run("policy", "sign", str(bad), "--key", str(keys / "policy-signing.key"))
    assert result.returncode == 2 and not (tmp_path / "bad.json.sig").exists()


def test_show_reports_source_and_state(run) -> None:  # type: ignore[no-untyped-def]
    shown = run("policy", "show", "--json", "--policy", str(CLINIC))
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert (data["source"], data["signature"], data["policy"]["version"]) == (
        "override",
        "unsigned",
        1,
    )
    rows = {row["id"]: row["action"] for row in data["tools_in_effect"]}
    assert rows["m365-copilot"] == "allow" and rows["chatgpt"] == "block_with_override"
    # The therapy example demands a signature: without one it is refused, built-in applies.
    refused = run("policy", "show", extra_env={"PASTEWARDEN_POLICY": str(THERAPY)})
    assert refused.returncode == 2
    assert "source: builtin" in refused.stdout and "no trusted public key" in refused.stdout


@pytest.mark.parametrize("app", ["chromium (/home/u/profile one)", "Chromium", "chromium"])
def test_match_knows_chromium_by_instance_with_a_profile_suffix_and_by_class(run, app) -> None:  # type: ignore[no-untyped-def]
    hit = run("match", "--title", "ChatGPT - Chromium", "--app", app, "--json")
    assert json.loads(hit.stdout)["tool"]["id"] == "chatgpt", hit.stderr


def test_match_json_contract(run) -> None:  # type: ignore[no-untyped-def]
    hit = run("match", "--title", "ChatGPT - Google Chrome", "--app", "chrome.exe", "--json")
    assert hit.returncode == 0
    data = json.loads(hit.stdout)
    assert set(data) == {"tool", "action"} and set(data["tool"]) == {"id", "name", "category"}
    assert (data["tool"]["id"], data["tool"]["category"], data["action"]) == (
        "chatgpt",
        "consumer_ai",
        "block",
    )
    miss = run(
        "match", "--title", "RE: ChatGPT policy - Message (HTML)", "--app", "OUTLOOK.EXE", "--json"
    )
    assert json.loads(miss.stdout) == {"tool": None, "action": "allow"}
    url = run(
        "match",
        "--title",
        "Visit notes",
        "--url",
        "https://claude.ai/chat/1",
        "--policy",
        str(CLINIC),
    )
    assert url.returncode == 0 and "claude" in url.stdout and "block_with_override" in url.stdout
