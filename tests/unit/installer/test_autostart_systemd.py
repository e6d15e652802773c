"""Linux restart after a crash: the systemd user unit and `autostart enable|disable` with a
fake systemctl (this machine has no systemd user manager), plus the XDG fallback choice."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

import pytest

from app.backends.autostart_base import choose_autostart
from app.backends.autostart_linux import XdgAutostart
from app.backends.autostart_systemd import (
    KICK,
    UNIT_NAME,
    SystemdAutostart,
    linux_autostart,
    unit_text,
)
from app.cli import main

INSTALLER = Path(__file__).resolve().parents[3] / "installer" / "linux"


class FakeSystemctl:
    """Records `systemctl --user` calls; `up` is whether a user manager answers."""

    def __init__(self, up: bool = True, failing: tuple[str, ...] = ()) -> None:
        self.up, self.failing = up, failing
        self.calls: list[list[str]] = []

    def __call__(self, args: list[str]) -> int:
        self.calls.append(args)
        if not self.up or args[0] in self.failing:
            return 1
        return 0


def parse_unit(text: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(interpolation=None, strict=True)
    unit.optionxform = str  # type: ignore[assignment, method-assign]  # keys are case-sensitive
    unit.read_string(text)
    return unit


def test_unit_restarts_on_failure_only_and_starts_with_the_graphical_session() -> None:
    unit = parse_unit(unit_text(["/opt/pastewarden/pastewarden", "run"]))
    service = unit["Service"]
    assert service["ExecStart"] == "/opt/pastewarden/pastewarden run"
    assert service["Restart"] == "on-failure"  # kill -9 / crash: yes; Quit (exit 0): no
    assert 1 <= int(service["RestartSec"]) <= 10
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    assert unit["Unit"]["PartOf"] == "graphical-session.target"
    assert int(unit["Unit"]["StartLimitBurst"]) >= 10  # a few kills do not end the restarts


def test_unit_quotes_paths_with_spaces() -> None:
    unit = parse_unit(unit_text(["/home/a b/venv/bin/python", "-m", "app", "run"]))
    assert unit["Service"]["ExecStart"] == "'/home/a b/venv/bin/python' -m app run"


def test_enable_writes_the_unit_enables_it_and_a_desktop_entry_that_starts_it(
    tmp_path: Path,
) -> None:
    fake = FakeSystemctl()
    none = tmp_path / "none"
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    backend = SystemdAutostart(fake, env=env, machine_unit=none, machine_xdg=none)
    where = backend.enable(["/opt/pastewarden/pastewarden", "run"])
    unit_file = tmp_path / "cfg" / "systemd" / "user" / UNIT_NAME
    assert where.startswith(str(unit_file)) and unit_file.exists()
    assert fake.calls == [["daemon-reload"], ["enable", UNIT_NAME]]
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(tmp_path / "cfg" / "autostart" / "pastewarden.desktop")
    assert entry["Desktop Entry"]["Exec"] == KICK
    assert f"systemctl --user start {UNIT_NAME}" in KICK and "import-environment DISPLAY" in KICK
    assert backend.state().user_entry == str(unit_file)
    assert backend.disable()
    assert fake.calls[-2:] == [["disable", UNIT_NAME], ["daemon-reload"]]
    assert not unit_file.exists() and not backend.state().enabled
    assert not backend.disable()


def test_enable_fails_loudly_when_systemctl_refuses(tmp_path: Path) -> None:
    backend = SystemdAutostart(FakeSystemctl(failing=("enable",)), home=tmp_path)
    with pytest.raises(OSError, match="enable"):
        backend.enable(["/opt/pastewarden/pastewarden", "run"])


def test_machine_unit_is_reported(tmp_path: Path) -> None:
    machine = tmp_path / UNIT_NAME
    machine.write_text(unit_text(["/opt/pastewarden/pastewarden", "run"]))
    backend = SystemdAutostart(FakeSystemctl(), home=tmp_path, machine_unit=machine)
    assert backend.state().machine_entry == str(machine)
    assert "every user" in backend.state().describe()


def test_systemd_is_chosen_where_a_user_manager_answers(tmp_path: Path) -> None:
    assert isinstance(linux_autostart(FakeSystemctl(up=True)), SystemdAutostart)
    assert isinstance(linux_autostart(FakeSystemctl(up=False)), XdgAutostart)


def test_an_enabled_unit_is_still_found_when_the_manager_is_down(private_home: Path) -> None:
    SystemdAutostart(FakeSystemctl()).enable(["/opt/pastewarden/pastewarden", "run"])
    chosen = linux_autostart(FakeSystemctl(up=False))
    assert isinstance(chosen, SystemdAutostart) and chosen.disable()


def test_cli_falls_back_to_xdg_here(private_home: Path) -> None:
    assert isinstance(choose_autostart("linux"), XdgAutostart)  # no systemd user manager
    assert main(["autostart", "enable"]) == 0
    assert not (private_home / "user" / ".config" / "systemd").exists()


def test_installer_unit_and_desktop_entry_match_the_generated_ones() -> None:
    shipped = (INSTALLER / "pastewarden.service").read_text()
    body = "".join(line for line in shipped.splitlines(True) if not line.startswith("# Per"))
    assert body == unit_text(["/opt/pastewarden/pastewarden", "run"])
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(INSTALLER / "pastewarden-systemd.desktop")
    assert entry["Desktop Entry"]["Exec"] == KICK


def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """systemd's own checker (scripts/_bootstrap.sh installs the systemd package)."""
    unit = tmp_path / UNIT_NAME
    unit.write_text(unit_text([sys.executable, "-m", "app", "run"]), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert UNIT_NAME not in done.stderr, done.stderr  # no warning about our unit
    unit.write_text(unit_text(["/no/such/pastewarden", "run"]), encoding="utf-8")
    broken = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True,
                            text=True, timeout=60, check=False)  # fmt: skip
    assert broken.returncode != 0  # the checker does look at ExecStart
