"""`pastewarden self-test`: can this installation protect? One line per check, exit 0 only
when every check passes.

IT runs it after a silent install (and the release workflow runs it on every frozen
build): it loads the policy, builds the PHI detector, scans a built-in sample, checks
the OS keyring and the window backend. Nothing it prints contains PHI (the sample is
made up and only types are shown).

Keyring decision: a keyring that cannot hold the journal's chain key (headless Linux,
keyrings.alt's plain-text files) FAILS the self-test, because the tray would then keep
the key in memory only and the incident chain could not be verified after a restart.
`--allow-memory-keyring` turns that failure into a pass with a warning, for CI. Likewise
a window backend that cannot see window titles (no display, Wayland, macOS without the
Accessibility grant) fails; `--allow-limited-window` is for build machines only.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from app.core.ports import TextScanner, WindowWatcher
from app.core.protect.advice import ALLOW_MEMORY, memory_key_note
from policy.loader import LoadResult

EXIT_OK, EXIT_FAILED = 0, 1
WINDOW_WAIT_S = 3.0
# Made up (no real person); covers a name, a date tied to a person and a record number.
PHI_SAMPLE = "Mr. Wendell Purcell (DOB 03/22/1951), MRN 4417802, was seen today for COPD."
PHI_SAMPLE_TYPES = frozenset({"NAME", "DATE"})
CLEAN_SAMPLE = "Please shorten this email about moving the staff meeting to Thursday."
PROBE_SERVICE = "PasteWarden self-test"


@dataclass(frozen=True)
class Check:
    """One line of the self-test: a short name, pass or fail, and why (never PHI)."""

    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'} {self.name}: {self.detail}"


def check_policy(loaded: LoadResult) -> Check:
    """Fails when the policy IT pushed has errors (protection falls back, but IT must know)."""
    summary = f"{loaded.source} policy v{loaded.policy.version}, signature {loaded.signature}" + (
        f", {loaded.path}" if loaded.path else ""
    )
    if loaded.errors:
        first = loaded.errors[0]
        return Check("policy", False, f"{len(loaded.errors)} error(s), first: {first}; {summary}")
    return Check("policy", True, summary)


def check_detector(build: Callable[[], TextScanner]) -> tuple[Check, TextScanner | None]:
    """Builds the offline detector (lexicons, Presidio, spaCy tokenizer) and times it."""
    started = time.perf_counter()
    try:
        scanner = build()
    except Exception as error:  # any missing data file in a bundle shows up here
        return Check("detector", False, f"cannot build: {type(error).__name__}: {error}"), None
    return Check("detector", True, f"built in {time.perf_counter() - started:.1f} s"), scanner


def check_sample(scanner: TextScanner | None) -> Check:
    """The built-in PHI sample must be PHI with a name and a date; the clean one clean."""
    if scanner is None:
        return Check("sample scan", False, "no detector")
    report = scanner.scan(PHI_SAMPLE)
    found = sorted({finding.type for finding in report.findings})
    if not report.phi or not set(found) >= PHI_SAMPLE_TYPES:
        return Check("sample scan", False, f"PHI sample gave phi={report.phi}, types {found}")
    clean = scanner.scan(CLEAN_SAMPLE)
    if clean.phi:
        return Check("sample scan", False, "the clean sample was reported as PHI")
    return Check("sample scan", True, f"PHI sample found ({', '.join(found)}); clean sample clean")


def check_keyring(allow_memory: bool) -> Check:
    """The OS keyring must store and return a probe secret (then it is deleted)."""
    import keyring

    from app.backends.keyring_secrets import refused_backend

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    problem = refused_backend(backend) or _probe(backend)
    if problem is None:
        return Check("keyring", True, name)
    note = memory_key_note(problem)
    if allow_memory:
        return Check("keyring", True, f"WARNING {note}; memory-only key allowed")
    return Check("keyring", False, f"{note}; {ALLOW_MEMORY}")


def _probe(backend: object) -> str | None:
    """Round-trip a random value; None when the backend keeps it."""
    import secrets

    value, user = secrets.token_hex(8), "probe"
    try:
        backend.set_password(PROBE_SERVICE, user, value)  # type: ignore[attr-defined]
        kept = backend.get_password(PROBE_SERVICE, user)  # type: ignore[attr-defined]
        backend.delete_password(PROBE_SERVICE, user)  # type: ignore[attr-defined]
    except Exception as error:  # keyring raises many types (dbus, locked, no backend)
        return f"keyring unavailable ({type(error).__name__})"
    return None if kept == value else "the keyring did not keep a test secret"


def check_window(
    make: Callable[[], WindowWatcher], allow_limited: bool = False, wait_s: float = WINDOW_WAIT_S
) -> Check:
    """Starts the window backend, waits for its first report, and reads its limitation."""
    watcher = make()
    reported = threading.Event()
    try:
        watcher.start(lambda _window: reported.set())
        reported.wait(wait_s)
    except Exception as error:
        return Check("window backend", False, f"{watcher.name}: {type(error).__name__}")
    finally:
        watcher.stop()
    if watcher.limitation:
        detail = f"{watcher.name}: {watcher.limitation}"
        if allow_limited:  # CI runners: no desktop session, no Accessibility grant
            return Check("window backend", True, f"WARNING {detail}; limited window allowed")
        return Check("window backend", False, detail)
    seen = "reported the front window" if reported.is_set() else "started (no window yet)"
    return Check("window backend", True, f"{watcher.name}: {seen}")


def run_checks(
    policy_arg: str | None, allow_memory_keyring: bool, allow_limited_window: bool = False
) -> list[Check]:
    """Every check, in order; a failing one never stops the others."""
    from app.backends.choose import choose_watcher
    from policy.loader import load_policy
    from policy.locations import default_locations

    loaded = load_policy(default_locations(policy_arg))
    detector, scanner = check_detector(lambda: _scanner(loaded))
    return [
        check_policy(loaded),
        detector,
        check_sample(scanner),
        check_keyring(allow_memory_keyring),
        check_window(choose_watcher, allow_limited_window),
    ]


def _scanner(loaded: LoadResult) -> TextScanner:
    from detectors.scanner import Scanner
    from policy.scan_settings import policy_to_scan_settings

    return Scanner(policy_to_scan_settings(loaded.policy))


def run_self_test(args: argparse.Namespace) -> int:
    """Print one line per check (or JSON with --json); exit 0 only when all pass."""
    checks = run_checks(args.policy, args.allow_memory_keyring, args.allow_limited_window)
    passed = all(check.ok for check in checks)
    if args.json:
        print(json.dumps({"ok": passed, "checks": [asdict(c) for c in checks]}))
    else:
        for check in checks:
            print(check.line())
        print("self-test passed" if passed else "self-test FAILED", file=sys.stderr)
    return EXIT_OK if passed else EXIT_FAILED
