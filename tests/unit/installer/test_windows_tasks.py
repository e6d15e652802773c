"""The Windows per-machine scheduled tasks (logon + restart on failure, daily policy fetch),
checked on Linux: the Task Scheduler XML parses and carries the settings, and schtasks.exe
is driven through a fake runner. Never run against a real Task Scheduler."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.backends import windows_tasks
from app.backends.autostart_windows import WindowsAutostart
from app.backends.windows_tasks import (
    FETCH_TASK,
    LOGON_TASK,
    TaskScheduler,
    enable_machine_tasks,
    fetch_task_xml,
    logon_task_xml,
)
from app.commands.autostart_cmd import run_machine_tasks
from policy import locations

NS = {"t": windows_tasks.TASK_NS}
EXE = r"C:\Program Files\PasteWarden\pastewarden.exe"


class FakeSchtasks:
    """Records schtasks.exe calls; /Create reads the XML file while it still exists."""

    def __init__(self, fail: tuple[str, ...] = ()) -> None:
        self.calls: list[list[str]] = []
        self.created: dict[str, bytes] = {}
        self.fail = fail

    def __call__(self, args: list[str]) -> int:
        self.calls.append(args)
        name = args[2]
        if args[0] == "/Create":
            self.created[name] = Path(args[4]).read_bytes()
        if args[0] == "/Query":
            return 0 if name in self.created else 1
        return 1 if name in self.fail else 0


def _parse(xml: str | bytes) -> ET.Element:
    return ET.fromstring(xml.encode("utf-16") if isinstance(xml, str) else xml)


def test_logon_task_starts_the_tray_for_every_user_and_restarts_it_on_failure() -> None:
    task = _parse(logon_task_xml([EXE, "run"]))
    assert task.find("t:Triggers/t:LogonTrigger", NS) is not None
    assert task.findtext("t:Principals/t:Principal/t:GroupId", namespaces=NS) == "S-1-5-32-545"
    assert task.findtext("t:Principals/t:Principal/t:RunLevel", namespaces=NS) == "LeastPrivilege"
    settings = task.find("t:Settings", NS)
    assert settings is not None
    assert settings.findtext("t:RestartOnFailure/t:Interval", namespaces=NS) == "PT1M"
    assert settings.findtext("t:RestartOnFailure/t:Count", namespaces=NS) == "255"
    assert settings.findtext("t:ExecutionTimeLimit", namespaces=NS) == "PT0S"  # never killed
    assert settings.findtext("t:MultipleInstancesPolicy", namespaces=NS) == "Parallel"
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=NS) == EXE
    assert task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) == "run"


def test_fetch_task_runs_policy_fetch_daily_as_system() -> None:
    task = _parse(fetch_task_xml([r"C:\Python 3\python.exe", "-m", "app", "run"]))
    assert task.findtext("t:Principals/t:Principal/t:UserId", namespaces=NS) == "S-1-5-18"
    assert task.find("t:Triggers/t:CalendarTrigger/t:ScheduleByDay", NS) is not None
    assert task.findtext("t:Settings/t:StartWhenAvailable", namespaces=NS) == "true"
    arguments = task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS)
    assert arguments == "-m app policy fetch"


def test_enable_registers_both_tasks_from_utf16_files_and_disable_removes_them() -> None:
    fake = FakeSchtasks()
    assert (
        enable_machine_tasks([EXE, "run"], "https://it.example/p.json", TaskScheduler(fake)) == []
    )
    assert set(fake.created) == {LOGON_TASK, FETCH_TASK}
    assert fake.created[LOGON_TASK].startswith(b"\xff\xfe")  # UTF-16 with a BOM
    assert _parse(fake.created[LOGON_TASK]).find("t:Settings/t:RestartOnFailure", NS) is not None
    assert all(call[-1] == "/F" for call in fake.calls)
    windows_tasks.disable_machine_tasks(TaskScheduler(fake))
    assert fake.calls[-2:] == [["/Delete", "/TN", LOGON_TASK, "/F"],
                               ["/Delete", "/TN", FETCH_TASK, "/F"]]  # fmt: skip


def test_without_a_policy_url_there_is_no_fetch_task_and_failures_are_reported() -> None:
    fake = FakeSchtasks(fail=(LOGON_TASK,))
    assert enable_machine_tasks([EXE, "run"], None, TaskScheduler(fake)) == [LOGON_TASK]
    assert ["/Delete", "/TN", FETCH_TASK, "/F"] in fake.calls
    assert FETCH_TASK not in fake.created


def test_machine_enable_reads_install_ini_and_is_windows_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_machine_tasks("machine-enable", platform="linux") == 2
    monkeypatch.setattr(locations, "managed_dir", lambda platform=None: tmp_path)
    (tmp_path / "install.ini").write_text("[PasteWarden]\nPolicyUrl=https://it.example/p.json\n")
    fake = FakeSchtasks()
    assert run_machine_tasks("machine-enable", "win32", TaskScheduler(fake)) == 0
    assert set(fake.created) == {LOGON_TASK, FETCH_TASK}
    assert run_machine_tasks("machine-disable", "win32", TaskScheduler(fake)) == 0


def test_autostart_status_reports_the_installers_logon_task() -> None:
    from test_autostart import FakeRegistry

    fake = FakeSchtasks()
    backend = WindowsAutostart(FakeRegistry(), TaskScheduler(fake))
    assert not backend.state().enabled
    enable_machine_tasks([EXE, "run"], None, TaskScheduler(fake))
    assert backend.state().machine_entry == f"scheduled task {LOGON_TASK}"
