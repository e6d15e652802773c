"""`pastewarden autostart`: a real round trip on Linux in a temp HOME; Windows and macOS
against fakes at the OS-call boundary (registry, launchctl)."""

from __future__ import annotations

import argparse
import configparser
import plistlib
from pathlib import Path

import pytest

from app.backends.autostart_base import BUNDLE_ID, launch_command
from app.backends.autostart_linux import XdgAutostart
from app.backends.autostart_macos import MacAutostart
from app.backends.autostart_windows import RUN_KEY, WindowsAutostart
from app.cli import main
from app.commands.autostart_cmd import run_autostart


class FakeRegistry:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str, str], str] = {}

    def get(self, hive: str, key: str, name: str) -> str | None:
        return self.values.get((hive, key, name))

    def set(self, hive: str, key: str, name: str, value: str) -> None:
        self.values[(hive, key, name)] = value

    def delete(self, hive: str, key: str, name: str) -> bool:
        return self.values.pop((hive, key, name), None) is not None


def test_linux_round_trip_through_the_cli_in_a_temp_home(
    private_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = private_home / "user" / ".config" / "autostart" / "pastewarden.desktop"
    assert main(["autostart", "status"]) == 1
    assert main(["autostart", "enable"]) == 0
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read(entry)
    assert parsed["Desktop Entry"]["Exec"].endswith("-m app run")
    assert main(["autostart", "status"]) == 0
    assert "enabled for this user" in capsys.readouterr().out
    assert main(["autostart", "disable"]) == 0
    assert not entry.exists() and main(["autostart", "status"]) == 1


def test_linux_honours_xdg_config_home_and_reports_the_machine_entry(tmp_path: Path) -> None:
    machine = tmp_path / "etc-xdg"
    machine.mkdir()
    (machine / "pastewarden.desktop").write_text("[Desktop Entry]\n")
    backend = XdgAutostart(env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, machine_dir=machine)
    backend.enable(["/opt/pastewarden/pastewarden", "run"])
    assert (tmp_path / "cfg" / "autostart" / "pastewarden.desktop").exists()
    args = argparse.Namespace(action="disable")
    assert run_autostart(args, backend) == 1  # IT's per-machine entry still starts it
    assert "every user" in backend.state().describe()


def test_windows_writes_a_quoted_hkcu_run_value() -> None:
    registry = FakeRegistry()
    backend = WindowsAutostart(registry)
    where = backend.enable([r"C:\Program Files\PasteWarden\pastewarden.exe", "run"])
    assert where.startswith("HKCU\\")
    value = registry.values[("user", RUN_KEY, "PasteWarden")]
    assert value == '"C:\\Program Files\\PasteWarden\\pastewarden.exe" run'
    assert backend.state().user_entry and backend.state().machine_entry is None
    assert backend.disable() and not backend.disable()
    registry.set("machine", RUN_KEY, "PasteWarden", value)
    assert backend.state().enabled and backend.state().machine_entry


def test_macos_writes_a_launch_agent_and_bootstraps_it(tmp_path: Path) -> None:
    calls: list[list[str]] = []
    backend = MacAutostart(home=tmp_path, run=lambda a: calls.append(a) or 0, uid=501,
                           machine_dir=tmp_path / "none")  # fmt: skip
    backend.enable(["/Applications/PasteWarden.app/Contents/MacOS/pastewarden", "run"])
    agent = plistlib.loads(backend.user_file.read_bytes())
    assert agent["Label"] == BUNDLE_ID and agent["RunAtLoad"] is True
    assert agent["LimitLoadToSessionType"] == "Aqua" and agent["KeepAlive"]
    assert calls[-1] == ["bootstrap", "gui/501", str(backend.user_file)]
    assert backend.disable() and calls[-1][0] == "bootout"
    assert not backend.user_file.exists() and not backend.state().enabled


def test_launch_command_runs_the_app_module_from_a_venv() -> None:
    assert launch_command()[-3:] == ["-m", "app", "run"]
