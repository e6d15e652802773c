"""OS shutdown told apart from a kill: each OS backend against fakes at the OS-call boundary.

Linux: the systemctl/loginctl answers; Windows: the window-message logic and
SM_SHUTTINGDOWN; macOS: the NSWorkspace power-off observer. Only the Linux commands
could run here; the Windows and macOS calls are fakes (see docs/tray.md).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.backends.session_end import LinuxSessionEnd, choose_session_end, run_quietly
from app.backends.session_end_macos import MacSessionEnd
from app.backends.session_end_windows import (
    WM_ENDSESSION,
    WM_QUERYENDSESSION,
    WindowsSessionEnd,
)


def runner(answers: dict[str, str | None]) -> tuple[Callable[[list[str]], str | None], list[str]]:
    calls: list[str] = []

    def run(args: list[str]) -> str | None:
        line = " ".join(args)
        calls.append(line)
        return answers.get(line)

    return run, calls


@pytest.mark.parametrize(
    ("answers", "session", "ending"),
    [
        ({"systemctl is-system-running": "running"}, None, False),
        ({"systemctl is-system-running": "stopping"}, None, True),
        ({"systemctl --user is-system-running": "stopping"}, None, True),
        ({"loginctl show-session 7 -p State --value": "closing"}, "7", True),
        ({"loginctl show-session 7 -p State --value": "active"}, "7", False),
        ({}, "7", False),  # no systemd at all (containers): a SIGTERM is a stop
    ],
)
def test_linux_asks_systemd_and_logind(
    answers: dict[str, str | None], session: str | None, ending: bool
) -> None:
    run, _ = runner(answers)
    env = {"XDG_SESSION_ID": session} if session else {}
    assert LinuxSessionEnd(run, env).ending_now() is ending


def test_linux_runner_survives_a_missing_command() -> None:
    assert run_quietly(["pastewarden-no-such-command"]) is None


def test_windows_agrees_to_end_and_reports_once() -> None:
    class Calls:
        def __init__(self) -> None:
            self.handler: Callable[[int, int], int | None] | None = None
            self.shutdown = False
            self.closed = False

        def shutting_down(self) -> bool:
            return self.shutdown

        def listen(self, handler: Callable[[int, int], int | None]) -> None:
            self.handler = handler

        def close(self) -> None:
            self.closed = True

    calls, ends = Calls(), []
    backend = WindowsSessionEnd(calls)
    backend.start(lambda: ends.append(1))
    assert calls.handler is not None
    assert not backend.ending_now()
    assert calls.handler(WM_QUERYENDSESSION, 0) == 1  # never veto a shutdown
    assert ends == []  # asked, not yet decided: another app may still cancel
    assert calls.handler(WM_ENDSESSION, 0) == 0 and ends == []  # cancelled
    assert calls.handler(0x000F, 0) is None  # WM_PAINT: the default procedure
    assert calls.handler(WM_ENDSESSION, 1) == 0 and ends == [1]
    assert calls.handler(WM_ENDSESSION, 1) == 0 and ends == [1]
    assert backend.ending_now()
    fresh = WindowsSessionEnd(calls)
    calls.shutdown = True
    assert fresh.ending_now()  # GetSystemMetrics(SM_SHUTTINGDOWN) on a SIGTERM-like end
    backend.stop()
    assert calls.closed


def test_macos_power_off_notification() -> None:
    class Calls:
        def __init__(self) -> None:
            self.callback: Callable[[], None] | None = None
            self.removed: object = None

        def observe_power_off(self, callback: Callable[[], None]) -> object:
            self.callback = callback
            return "token"

        def remove(self, token: object) -> None:
            self.removed = token

    calls, ends = Calls(), []
    backend = MacSessionEnd(calls)
    backend.start(lambda: ends.append(1))
    assert not backend.ending_now() and calls.callback is not None
    calls.callback()
    calls.callback()
    assert ends == [1] and backend.ending_now()
    backend.stop()
    assert calls.removed == "token"


def test_chooser_picks_linux_here() -> None:
    assert isinstance(choose_session_end("linux"), LinuxSessionEnd)
