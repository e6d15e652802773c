"""A real Secret Service keyring for a bench: gnome-keyring in a private D-Bus session.

`run_in_keyring_session(argv)` runs `python argv...` inside `dbus-run-session`, beside
an unlocked gnome-keyring-daemon (secrets component only, password "pw", in the
foreground, its messages in a log file) whose keyring files live in a temporary
folder: the machine's own session bus and keyrings are never touched, and the daemon
ends with the session. Inside, `secret_service()` returns keyring's SecretService
backend and the daemon it talks to, or stops the bench with one line when no unlocked
daemon answers. Needs Debian's `dbus` and `gnome-keyring`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from deadline import BenchStopped
from keyring.backend import KeyringBackend

INSTALL_HINT = "apt-get install dbus gnome-keyring"
_NAME = "org.freedesktop.secrets"  # the Secret Service's bus name
# The daemon reads the unlock password on stdin; its messages and exit status go to
# a log; the shell then becomes the bench.
_SCRIPT = (
    "(printf pw | gnome-keyring-daemon --unlock --foreground --components=secrets; "
    'echo "gnome-keyring-daemon exited with status $?") >"$XDG_RUNTIME_DIR/gnome-keyring.log" '
    '2>&1 & exec "$@"'
)


def run_in_keyring_session(argv: list[str]) -> int:
    """Exit code of `python argv...` run inside a private D-Bus session with gnome-keyring."""
    missing = [t for t in ("dbus-run-session", "gnome-keyring-daemon") if not shutil.which(t)]
    if missing:
        raise BenchStopped(f"{' and '.join(missing)} not found; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="pw-keyring-") as tmp:
        os.mkdir(f"{tmp}/run", 0o700)
        env = os.environ | {"XDG_DATA_HOME": f"{tmp}/data", "XDG_RUNTIME_DIR": f"{tmp}/run"}
        command = ["dbus-run-session", "--", "sh", "-c", _SCRIPT, "sh", sys.executable, *argv]
        session = subprocess.Popen(command, env=env, start_new_session=True)
        try:
            return session.wait()  # the bench inside keeps its own, shorter deadline
        finally:
            if session.poll() is None:  # our deadline or ^C: end the session's whole group
                os.killpg(session.pid, signal.SIGTERM)
                session.wait()


@dataclass(frozen=True)
class Daemon:
    """The gnome-keyring-daemon that answered first, and its memory then."""

    pid: int
    rss_kb: int

    def report(self) -> str:
        """Whether it still serves the Secret Service, and its memory now."""
        owner = _owner_pid()
        kept = "yes" if owner == self.pid else f"NO (now pid {owner}; its log: {_last_words()})"
        return (
            f"gnome-keyring-daemon pid {self.pid}: still the Secret Service at the end: {kept}; "
            f"RSS {self.rss_kb / 1024:.0f} MB at the start, {_rss_kb(self.pid) / 1024:.0f} MB now"
        )


def secret_service(wait_s: float = 10.0) -> tuple[KeyringBackend, Daemon]:
    """keyring's SecretService backend once our unlocked daemon answers (inside the session).

    The daemon takes its bus name a moment after it starts; a request sent earlier would
    make D-Bus start a second, locked daemon (which then asks for a password with no
    display to ask on). So wait for the name first, then check the lock.
    """
    import secretstorage
    from keyring.backends import SecretService

    give_up = time.monotonic() + wait_s
    while (pid := _owner_pid()) is None:
        if time.monotonic() > give_up:
            raise BenchStopped(f"gnome-keyring-daemon did not take {_NAME}: {_last_words()}")
        time.sleep(0.02)
    with _connection() as connection:
        if secretstorage.get_default_collection(connection).is_locked():
            raise BenchStopped("the Secret Service's default collection is locked")
    return SecretService.Keyring(), Daemon(pid, _rss_kb(pid))


def _connection() -> Any:
    import secretstorage

    try:
        return secretstorage.dbus_init()
    except secretstorage.exceptions.SecretStorageException as error:
        raise BenchStopped(f"no D-Bus session bus ({error}); {INSTALL_HINT}") from error


def _owner_pid() -> int | None:
    """Process id of the Secret Service's owner; None when nobody owns the name yet."""
    from jeepney.bus_messages import message_bus

    with _connection() as connection:
        if not connection.send_and_get_reply(message_bus.NameHasOwner(_NAME)).body[0]:
            return None
        reply = connection.send_and_get_reply(message_bus.GetConnectionUnixProcessID(_NAME))
    return int(reply.body[0])


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return 0


def _last_words() -> str:
    """The last lines of the daemon's log that are not its warning about replaced items."""
    try:
        with open(os.path.join(os.environ.get("XDG_RUNTIME_DIR", ""), "gnome-keyring.log")) as log:
            lines = [ln.strip() for ln in log if ln.strip() and "already registered" not in ln]
    except OSError as error:
        return f"unreadable ({error.strerror})"
    return " / ".join(lines[-3:]) or "empty"
