"""Hot reload with real files: a changed policy takes effect without a restart, a broken
one leaves the running policy in force and reports why.

Most tests step an injected clock instead of sleeping; one runs the real polling
thread and checks the 5-second promise against the wall clock.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from policy_helpers import Site, policy_bytes

from policy.loader import LoadResult
from policy.locations import signature_path
from policy.signing import sign
from policy.watcher import PolicyWatcher


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _watcher(site: Site, clock: FakeClock, seen: list[LoadResult] | None = None) -> PolicyWatcher:
    return PolicyWatcher(
        site.load,
        site.locations.watched,
        interval_s=1.0,
        clock=clock,
        on_change=seen.append if seen is not None else None,
    )


def test_changed_file_is_picked_up_on_the_next_poll(site: Site) -> None:
    clock, seen = FakeClock(), list[LoadResult]()
    site.write(policy_bytes(1))
    watcher = _watcher(site, clock, seen)
    assert watcher.current.policy.version == 1
    site.write(policy_bytes(2))
    assert watcher.poll() is False  # not due yet: no file I/O between intervals
    clock.now += 1.0
    assert watcher.poll() is True
    assert watcher.current.policy.version == 2 and [r.policy.version for r in seen] == [2]
    clock.now += 1.0
    assert watcher.poll() is False  # nothing changed since


def test_broken_update_keeps_the_running_policy(site: Site) -> None:
    clock = FakeClock()
    site.write(policy_bytes(1, heartbeat_minutes=15))
    watcher = _watcher(site, clock)
    site.write(b'{"schema": "pastewarden.policy/1", "version": 2,}')
    clock.now += 1.0
    assert watcher.poll() is True
    current = watcher.current
    assert (current.source, current.policy.version, current.policy.heartbeat_minutes) == (
        "managed",
        1,
        15,
    )
    assert [str(p) for p in current.errors] == [
        f"{site.managed}:1:49: invalid JSON: Expecting property name enclosed in double quotes"
    ]
    site.write(policy_bytes(3))
    clock.now += 1.0
    assert watcher.poll() is True
    assert (watcher.current.policy.version, watcher.current.errors) == (3, ())


def test_rewrite_with_same_size_and_mtime_is_detected_by_hash(site: Site) -> None:
    clock = FakeClock()
    site.write(policy_bytes(1))
    before = site.managed.stat()
    watcher = _watcher(site, clock)
    site.write(policy_bytes(2))  # same length: only the digit differs
    os.utime(site.managed, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert site.managed.stat().st_size == before.st_size
    clock.now += 1.0
    assert watcher.poll() is True and watcher.current.policy.version == 2


def test_signature_arriving_after_the_policy(site: Site) -> None:
    clock = FakeClock()
    site.install_key()
    site.write(policy_bytes(1), signed=True)
    watcher = _watcher(site, clock)
    assert watcher.current.signature == "verified"
    site.write(policy_bytes(2))  # MDM copied the policy first; the old .sig is stale
    clock.now += 1.0
    watcher.poll()
    assert watcher.current.policy.version == 1 and watcher.current.errors
    signature_path(site.managed).write_bytes(sign(policy_bytes(2), site.private_key))
    clock.now += 1.0
    assert watcher.poll() is True
    assert (watcher.current.policy.version, watcher.current.signature) == (2, "verified")
    assert watcher.current.errors == ()


def test_policy_appearing_later_is_picked_up(site: Site) -> None:
    clock = FakeClock()
    watcher = _watcher(site, clock)
    assert watcher.current.source == "builtin"
    site.write(policy_bytes(4))
    clock.now += 1.0
    assert watcher.poll() is True
    assert (watcher.current.source, watcher.current.policy.version) == ("managed", 4)


def test_interval_is_capped_at_two_seconds(site: Site) -> None:
    with pytest.raises(ValueError, match="interval"):
        PolicyWatcher(site.load, site.locations.watched, interval_s=2.5)
    PolicyWatcher(site.load, site.locations.watched, interval_s=2.0)


def test_real_thread_applies_a_change_within_five_seconds(site: Site) -> None:
    site.write(policy_bytes(1))
    watcher = PolicyWatcher(site.load, site.locations.watched, interval_s=2.0)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    try:
        time.sleep(0.3)
        changed_at = time.monotonic()
        site.write(policy_bytes(2))
        while watcher.current.policy.version != 2 and time.monotonic() - changed_at < 5.0:
            time.sleep(0.05)
        elapsed = time.monotonic() - changed_at
    finally:
        stop.set()
        thread.join(timeout=5)
    assert watcher.current.policy.version == 2, f"not applied after {elapsed:.1f} s"
    assert elapsed < 5.0
    assert not thread.is_alive()
