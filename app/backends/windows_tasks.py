"""Per-machine scheduled tasks the Windows MSI registers (UNVERIFIED: never run on Windows).

- "PasteWarden": at every user's logon, `pastewarden.exe run` in that user's session
  (principal: the BUILTIN\\Users group, least privilege), with RestartOnFailure (every
  minute, up to 255 times) so the tray comes back if it dies, no execution time limit
  (the default 72 h would kill the tray) and parallel instances (one per logged-on user).
- "PasteWarden policy fetch": as SYSTEM, daily (random delay up to 1 h, catch up when a
  run was missed) and at boot, `pastewarden.exe policy fetch`: only registered when the
  MSI was given POLICY_URL (install.ini's PolicyUrl).
The MSI runs `pastewarden.exe autostart machine-enable` (deferred, as SYSTEM) to register
both from the XML below, and `machine-disable` on uninstall. schtasks.exe goes through an
injectable runner, so tests check the XML and the command lines with a fake.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from xml.sax.saxutils import escape

LOGON_TASK = "PasteWarden"
FETCH_TASK = "PasteWarden policy fetch"
TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task"
USERS_SID = "S-1-5-32-545"  # BUILTIN\Users: the task runs as whoever logs on
SYSTEM_SID = "S-1-5-18"
Runner = Callable[[list[str]], int]


def _task(description: str, triggers: str, principal: str, settings: str,
          command: list[str]) -> str:  # fmt: skip
    """Task Scheduler 1.2 XML running `command` (CreateProcess quoting for the arguments)."""
    exe, arguments = command[0], subprocess.list2cmdline(command[1:])
    return (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        f'<Task version="1.2" xmlns="{TASK_NS}">\n'
        f"  <RegistrationInfo><Description>{escape(description)}</Description></RegistrationInfo>\n"
        f"  <Triggers>{triggers}</Triggers>\n"
        f'  <Principals><Principal id="Author">{principal}</Principal></Principals>\n'
        f"  <Settings>{settings}<Enabled>true</Enabled></Settings>\n"
        '  <Actions Context="Author"><Exec>'
        f"<Command>{escape(exe)}</Command><Arguments>{escape(arguments)}</Arguments>"
        "</Exec></Actions>\n"
        "</Task>\n"
    )


def logon_task_xml(run: list[str]) -> str:
    """Start the tray (`run`, e.g. [pastewarden.exe, "run"]) at every user's logon and
    restart it when it fails."""
    settings = (
        "<MultipleInstancesPolicy>Parallel</MultipleInstancesPolicy>"
        "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>"
        "<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>"
        "<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>"
        "<RestartOnFailure><Interval>PT1M</Interval><Count>255</Count></RestartOnFailure>"
        "<Priority>5</Priority>"  # normal, as an app started by hand (tasks default to 7)
    )
    principal = f"<GroupId>{USERS_SID}</GroupId><RunLevel>LeastPrivilege</RunLevel>"
    triggers = "<LogonTrigger><Enabled>true</Enabled></LogonTrigger>"
    return _task("Starts PasteWarden at logon", triggers, principal, settings, run)


def fetch_task_xml(run: list[str]) -> str:
    """`policy fetch` daily and at boot, as SYSTEM (it writes %ProgramData%); `run` is the
    tray's command, whose last word ("run") is replaced."""
    triggers = (
        "<CalendarTrigger><StartBoundary>2024-01-01T09:00:00</StartBoundary>"
        "<RandomDelay>PT1H</RandomDelay><ScheduleByDay><DaysInterval>1</DaysInterval>"
        "</ScheduleByDay><Enabled>true</Enabled></CalendarTrigger>"
        "<BootTrigger><Delay>PT5M</Delay><Enabled>true</Enabled></BootTrigger>"
    )
    principal = f"<UserId>{SYSTEM_SID}</UserId><RunLevel>HighestAvailable</RunLevel>"
    settings = (
        "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>"
        "<StartWhenAvailable>true</StartWhenAvailable>"
        "<RunOnlyIfNetworkAvailable>true</RunOnlyIfNetworkAvailable>"
        "<ExecutionTimeLimit>PT10M</ExecutionTimeLimit>"
    )
    description = "Downloads the signed PasteWarden policy (install.ini PolicyUrl)"
    return _task(description, triggers, principal, settings, [*run[:-1], "policy", "fetch"])


def _schtasks(args: list[str]) -> int:
    """schtasks.exe's exit code; 1 when it cannot run at all (not Windows, broken PATH)."""
    try:
        done = subprocess.run(["schtasks.exe", *args], capture_output=True, check=False)
    except OSError:
        return 1
    return done.returncode


class TaskScheduler:
    """Create, delete and query tasks through schtasks.exe (`run` is injectable)."""

    def __init__(self, run: Runner = _schtasks) -> None:
        self._run = run

    def create(self, name: str, xml: str) -> bool:
        handle, path = tempfile.mkstemp(suffix=".xml")
        try:
            with os.fdopen(handle, "w", encoding="utf-16") as out:  # schtasks wants UTF-16
                out.write(xml)
            return self._run(["/Create", "/TN", name, "/XML", path, "/F"]) == 0
        finally:
            os.unlink(path)

    def delete(self, name: str) -> bool:
        return self._run(["/Delete", "/TN", name, "/F"]) == 0

    def exists(self, name: str) -> bool:
        return self._run(["/Query", "/TN", name]) == 0


def enable_machine_tasks(run: list[str], policy_url: str | None, tasks: TaskScheduler) -> list[str]:
    """Register the logon task, and the fetch task when a policy URL is configured;
    returns the names that failed."""
    failed = [] if tasks.create(LOGON_TASK, logon_task_xml(run)) else [LOGON_TASK]
    if not policy_url:
        tasks.delete(FETCH_TASK)  # an upgrade without POLICY_URL stops fetching
    elif not tasks.create(FETCH_TASK, fetch_task_xml(run)):
        failed.append(FETCH_TASK)
    return failed


def disable_machine_tasks(tasks: TaskScheduler) -> None:
    """Remove both tasks (uninstall); a task that is not there is not an error."""
    tasks.delete(LOGON_TASK)
    tasks.delete(FETCH_TASK)
