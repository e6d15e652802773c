"""scripts/_bootstrap.sh: which extras each command installs, and quiet system services.

The shell functions run for real in bash; only the programs they call (the venv's python,
dpkg-query, apt-get, systemctl) are stand-ins on PATH that log their arguments.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BOOTSTRAP = ROOT / "scripts" / "_bootstrap.sh"


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def _bash(script: str, tmp: Path, **env: str) -> subprocess.CompletedProcess[str]:
    run_env = {**os.environ, "PATH": f"{tmp / 'bin'}:{os.environ['PATH']}", **env}
    return subprocess.run(
        ["bash", "-c", f"set -euo pipefail; source {BOOTSTRAP}; {script}"],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _fake_venv(tmp: Path) -> Path:
    """A venv whose python logs every pip call and passes the version check."""
    venv = tmp / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp / "pip.log"
    _tool(venv / "bin", "python", f'[ "$1" = "-c" ] && exit 0\necho "$*" >> {log}')
    _tool(venv / "bin", "pastewarden", "exit 0")
    return venv


def _install(tmp: Path, venv: Path, extras: str) -> str:
    """pw_install_venv with PW_EXTRAS=extras; the pip arguments it used ('' when none)."""
    log = tmp / "pip.log"
    log.unlink(missing_ok=True)
    script = f'PW_VENV={venv}; PW_PY={venv}/bin/python; PW_EXTRAS="{extras}"; pw_install_venv'
    done = _bash(script, tmp)
    assert done.returncode == 0, done.stderr
    return log.read_text() if log.exists() else ""


def test_run_installs_the_app_alone_and_a_fuller_venv_satisfies_it(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    venv = _fake_venv(tmp_path)
    assert "-e ." in _install(tmp_path, venv, "")  # run.sh on a fresh venv: no [dev]
    assert "-e .[dev,build]" in _install(tmp_path, venv, "dev,build")  # then test.sh
    assert _install(tmp_path, venv, "") == ""  # run.sh again: nothing to do
    assert _install(tmp_path, venv, "dev,build") == ""  # and test.sh neither
    assert _install(tmp_path, venv, "dev") == ""


def test_more_extras_keep_the_ones_already_there(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    venv = _fake_venv(tmp_path)
    _install(tmp_path, venv, "dev")
    assert "-e .[dev,build]" in _install(tmp_path, venv, "build")
    assert _install(tmp_path, venv, "dev") == ""


def test_installing_samba_never_starts_or_enables_its_services(tmp_path: Path) -> None:
    """apt-get runs under a policy-rc.d that refuses starts; enabled units are disabled."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    policy_rc, log = tmp_path / "policy-rc.d", tmp_path / "calls.log"
    _tool(bin_dir, "dpkg-query", "exit 1")  # nothing installed yet
    _tool(
        bin_dir,
        "apt-get",
        f'echo "apt-get $*" >> {log}\n{policy_rc} smbd start\necho "policy-rc.d says $?" >> {log}',
    )
    _tool(
        bin_dir,
        "systemctl",
        f'echo "systemctl $*" >> {log}\n'
        '[ "$1" = is-enabled ] && [ "$3" = smbd ] && exit 0\n'
        '[ "$1" = is-active ] && [ "$3" = nmbd ] && exit 0\nexit 1',
    )
    done = _bash(
        'pw_as_root() { "$@"; }; pw_install_packages samba', tmp_path, PW_POLICY_RC=str(policy_rc)
    )
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    installs = [i for i, line in enumerate(calls) if line.startswith("apt-get install")]
    assert installs and calls[installs[0] + 1] == "policy-rc.d says 101"
    assert not policy_rc.exists()  # removed again after the install
    assert calls[-1] == "systemctl disable smbd nmbd"  # no running systemd here: no --now


def test_an_administrators_policy_rc_is_left_alone(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    policy_rc = tmp_path / "policy-rc.d"
    policy_rc.write_text("#!/bin/sh\nexit 0\n")
    _tool(bin_dir, "dpkg-query", "exit 1")
    _tool(bin_dir, "apt-get", "exit 0")
    _tool(bin_dir, "systemctl", "exit 1")
    done = _bash(
        'pw_as_root() { "$@"; }; pw_install_packages samba', tmp_path, PW_POLICY_RC=str(policy_rc)
    )
    assert done.returncode == 0, done.stderr
    assert policy_rc.read_text() == "#!/bin/sh\nexit 0\n"


def test_a_service_already_on_the_machine_is_left_running(tmp_path: Path) -> None:
    """Installing only xdotool must not disable the developer's own, running rsyslog."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    _tool(bin_dir, "dpkg-query", "exit 1")
    _tool(bin_dir, "apt-get", "exit 0")
    _tool(bin_dir, "systemctl", f'echo "systemctl $*" >> {log}\nexit 0')  # all enabled
    done = _bash(
        'pw_as_root() { "$@"; }; pw_install_packages xdotool rsyslog',
        tmp_path,
        PW_POLICY_RC=str(tmp_path / "policy-rc.d"),
    )
    assert done.returncode == 0, done.stderr
    calls = log.read_text().splitlines()
    assert calls[-1] == "systemctl disable rsyslog"
    assert not any("smbd" in line for line in calls)  # samba was not installed now


def test_npx_on_path_satisfies_npm(tmp_path: Path) -> None:
    """NodeSource's nodejs brings npx and conflicts with Debian's npm: nothing to install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _tool(bin_dir, "dpkg-query", "exit 1")  # dpkg knows no npm package
    script = "pw_missing_packages npm xdotool"
    for tool in ("bash", "dirname"):  # a PATH with no npx on it at all
        (bin_dir / tool).symlink_to(shutil.which(tool) or f"/bin/{tool}")
    bare = _bash(script, tmp_path, PATH=str(bin_dir))
    _tool(bin_dir, "npx", "exit 0")
    done = _bash(script, tmp_path)
    assert (bare.returncode, done.returncode) == (0, 0), bare.stderr + done.stderr
    assert bare.stdout.split() == ["npm", "xdotool"] and done.stdout.split() == ["xdotool"]
