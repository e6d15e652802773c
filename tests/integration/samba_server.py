"""A real Samba server on 127.0.0.1:4450 for the SMB sync tests (DESIGN.md §9).

Every state directory lives under a temp dir; the user is made with `useradd -M` and
`smbpasswd -c CONF -s -a`. `stop()` ends only the smbd this object started (by pid).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

USER, PASSWORD, PORT, SHARE = "pwsync", "Pw-sync-Test-1", 4450, "central"


class SambaServer:
    """smbd with its config, state and one writable share under `base`."""

    def __init__(self, base: Path, share_options: str = "") -> None:
        self.base = base
        self.share_options = share_options  # extra lines for the share (docs/deploy.md recipes)
        self.share_dir = base / "share"
        self.conf = base / "smb.conf"
        self.pid: int | None = None

    def setup(self) -> None:
        for name in ("pid", "lock", "state", "cache", "private", "ncalrpc", "log"):
            (self.base / name).mkdir(parents=True, exist_ok=True)
        self.share_dir.mkdir(parents=True, exist_ok=True)
        self.conf.write_text(self._config())
        if subprocess.run(["id", USER], capture_output=True, check=False).returncode != 0:
            subprocess.run(["useradd", "-M", "-s", "/usr/sbin/nologin", USER], check=True)
        subprocess.run(
            ["smbpasswd", "-c", str(self.conf), "-s", "-a", USER],
            input=f"{PASSWORD}\n{PASSWORD}\n",
            text=True,
            check=True,
            capture_output=True,
        )
        subprocess.run(["chown", "-R", USER, str(self.share_dir)], check=True)

    def prepare(self, rel: str) -> Path:
        """A folder on the share, created as IT would (owned by the share's user)."""
        folder = self.share_dir / rel
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["chown", "-R", USER, str(self.share_dir)], check=True)
        return folder

    def _config(self) -> str:
        b = self.base
        return f"""[global]
    server role = standalone server
    interfaces = lo
    bind interfaces only = yes
    smb ports = {PORT}
    disable netbios = yes
    server min protocol = SMB2_10
    pid directory = {b}/pid
    lock directory = {b}/lock
    state directory = {b}/state
    cache directory = {b}/cache
    private dir = {b}/private
    ncalrpc dir = {b}/ncalrpc
    log file = {b}/log/smbd.log
    passdb backend = tdbsam
    load printers = no
    printing = bsd
    printcap name = /dev/null
[{SHARE}]
    path = {self.share_dir}
    read only = no
    valid users = {USER}
{self.share_options}"""

    def start(self) -> None:
        subprocess.run(["smbd", "-D", "-s", str(self.conf)], check=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            pids = list((self.base / "pid").glob("*.pid"))
            if pids and _port_open():
                self.pid = int(pids[0].read_text().strip())
                return
            time.sleep(0.1)
        log = self.base / "log" / "smbd.log"
        raise RuntimeError(
            "smbd did not start: " + (log.read_text()[-2000:] if log.exists() else "")
        )

    def stop(self) -> None:
        if self.pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (_alive(self.pid) or _port_open()):
            time.sleep(0.1)
        self.pid = None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


def _port_open() -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", PORT)) == 0


@contextlib.contextmanager
def running_samba(share_options: str = "") -> Iterator[SambaServer]:
    """A started server whose share holds clinic/incidents/ (as IT prepares it), removed after.

    Not under pytest's tmp_path: that is root-only (0700), and smbd serves the share as USER.
    """
    base = Path(tempfile.mkdtemp(prefix="pw-samba-"))
    base.chmod(0o755)
    server = SambaServer(base, share_options)
    server.setup()
    server.prepare("clinic/incidents")
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
