"""Scanning is offline and leaves no files behind (DESIGN.md §4).

A fresh interpreter installs an audit hook that refuses network look-ups and
connections, URL opening and starting programs, and records every file opened for
writing; then it imports detectors, builds a Scanner and scans PHI-rich text. Control
cases in the same harness prove the hook really trips. The per-user directories
(HOME, PASTEWARDEN_HOME, XDG_*, TMPDIR) point into a temporary tree that must be
byte-for-byte unchanged afterwards: in particular no tldextract suffix-list cache.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PHI_TEXT = (
    "Patient: Maria Gonzalez, DOB 03/14/1957, MRN 00482913.\n"
    "Call her at (617) 555-0142 or write to maria.gonzalez@example.org.\n"
    "Seen 2023-11-02 for type 2 diabetes; A1c 8.1%, metformin 1000 mg bid."
)
ALLOWED_PROGRAMS: list[str] = []  # scanning never needs to start a program

_HARNESS = textwrap.dedent(
    """
    import json, os, sys
    MODE, ALLOWED, TEXT = sys.argv[1], set(json.loads(sys.argv[2])), sys.argv[3]
    NETWORK = {
        "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
        "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.sendto",
        "urllib.Request", "http.client.connect",
    }
    PROGRAMS = {"subprocess.Popen", "os.system", "os.posix_spawn", "os.exec", "os.spawn"}
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    blocked, writes, result = [], [], {}

    def program_of(event, args):
        if event == "subprocess.Popen":
            first = args[1][0] if isinstance(args[1], (list, tuple)) and args[1] else args[1]
            return os.path.basename(str(args[0] or first))
        return os.path.basename(str(args[0]))

    def is_write(args):
        mode, flags = (args[1], args[2]) if len(args) > 2 else (args[1], 0)
        return any(c in str(mode or "") for c in "wax+") or bool((flags or 0) & WRITE_FLAGS)

    def hook(event, args):
        if event in NETWORK or (event in PROGRAMS and program_of(event, args) not in ALLOWED):
            blocked.append(f"{event} {args!r:.200}")
            raise PermissionError(f"offline test: {event} is not allowed")
        if event == "open" and is_write(args) and not str(args[0]).startswith("/dev/"):
            writes.append(str(args[0]))

    sys.addaudithook(hook)
    try:
        if MODE == "scan":
            from detectors.scanner import Scanner
            report = Scanner().scan(TEXT, budget_s=30.0)
            result.update(phi=report.phi, complete=report.complete,
                          types=sorted({f.type for f in report.findings}))
            import tldextract  # presidio's e-mail validation uses it: must stay offline
            result["suffix"] = tldextract.extract("someone@example.org").suffix
        elif MODE == "dns":
            import socket
            socket.getaddrinfo("example.org", 443)
        elif MODE == "connect":
            import socket
            socket.socket().connect(("127.0.0.1", 9))
        elif MODE == "url":
            import urllib.request
            urllib.request.urlopen("http://example.org/", timeout=1)
        elif MODE == "program":
            import subprocess
            subprocess.run(["true"], check=False)
        elif MODE == "write":
            with open(os.path.join(os.environ["TMPDIR"], "planted.txt"), "w") as handle:
                handle.write("x")
        result["ok"] = True
    except BaseException as error:
        result.update(ok=False, error=f"{type(error).__name__}: {error}")
    result.update(blocked=blocked, writes=writes)
    print("HARNESS " + json.dumps(result))
    """
)

_ENV_DIRS = {
    "HOME": "home",
    "PASTEWARDEN_HOME": "pastewarden",
    "XDG_CACHE_HOME": "xdg/cache",
    "XDG_CONFIG_HOME": "xdg/config",
    "XDG_DATA_HOME": "xdg/data",
    "XDG_STATE_HOME": "xdg/state",
    "XDG_RUNTIME_DIR": "xdg/runtime",
    "TMPDIR": "tmp",
}


def _prepare(base: Path) -> dict[str, str]:
    """Create the sandbox folders under `base`; return the environment pointing at them."""
    (base / "cwd").mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TLDEXTRACT"))}
    for name, sub in _ENV_DIRS.items():
        (base / sub).mkdir(parents=True, exist_ok=True)
        env[name] = str(base / sub)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # .pyc files in the source tree are not the scan's
    return env


def _harness(mode: str, base: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-c", _HARNESS, mode, json.dumps(ALLOWED_PROGRAMS), PHI_TEXT],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=base / "cwd",
        env=_prepare(base),
        check=False,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("HARNESS ")]
    assert proc.returncode == 0 and lines, f"harness crashed: {proc.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(lines[-1].removeprefix("HARNESS "))
    return result


def _snapshot(base: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `base` with its size and modification time."""
    found: dict[str, tuple[int, int]] = {}
    for path in sorted(base.rglob("*")):
        stat = path.lstat()
        found[str(path.relative_to(base))] = (stat.st_size, stat.st_mtime_ns)
    return found


def test_scan_is_offline_and_finds_phi(tmp_path: Path) -> None:
    result = _harness("scan", tmp_path)
    assert result["ok"], result.get("error")
    assert result["blocked"] == []
    assert result["phi"] is True and result["complete"] is True
    assert "EMAIL" in result["types"]
    assert result["suffix"] == "org"


def test_scan_writes_no_files(tmp_path: Path) -> None:
    _prepare(tmp_path)
    before = _snapshot(tmp_path)
    result = _harness("scan", tmp_path)
    assert result["ok"], result.get("error")
    assert result["writes"] == [], "the scan opened files for writing"
    assert _snapshot(tmp_path) == before, "the scan changed files under HOME/XDG/TMPDIR"
    assert not [p for p in tmp_path.rglob("*") if "tldextract" in p.name.lower()]


@pytest.mark.parametrize("mode", ["dns", "connect", "url", "program"])
def test_harness_blocks_network_and_programs(tmp_path: Path, mode: str) -> None:
    result = _harness(mode, tmp_path)
    assert result["ok"] is False, f"{mode} was not blocked"
    assert result["blocked"], result
    assert "PermissionError" in result["error"] or "URLError" in result["error"]


def test_harness_sees_file_writes(tmp_path: Path) -> None:
    _prepare(tmp_path)
    before = _snapshot(tmp_path)
    result = _harness("write", tmp_path)
    assert result["ok"], result.get("error")
    assert any(w.endswith("planted.txt") for w in result["writes"])
    assert _snapshot(tmp_path) != before
