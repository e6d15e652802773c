"""The OS backends' logic with fakes at the OS-call boundary (X11, Win32, AppKit).

The real call layers (XlibCalls, CtypesWin32, PyObjCCalls) are thin; X11's runs for real
in tests/e2e. Windows and macOS have never run on real hardware (see README).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.backends import linux_x11, macos, windows
from app.backends.choose import choose_watcher
from app.backends.unsupported import WAYLAND, UnsupportedWatcher
from app.core.models import ForegroundWindow


class FakeX:
    """Windows by id: (title, wm_class, pid); `active` changes as the test says."""

    def __init__(self, windows: dict[int, tuple[str, tuple[str, str] | None, int | None]]) -> None:
        self.windows = windows
        self.active: int | None = None
        self.watched: list[int | None] = []
        self.waits = 0
        self.script: list[Callable[[], None]] = []
        self.closed = False

    def active_window(self) -> int | None:
        return self.active

    def title(self, wid: int) -> str:
        if wid not in self.windows:
            raise RuntimeError("BadWindow")
        return self.windows[wid][0]

    def wm_class(self, wid: int) -> tuple[str, str] | None:
        return self.windows[wid][1]

    def pid(self, wid: int) -> int | None:
        return self.windows[wid][2]

    def watch(self, wid: int | None) -> None:
        self.watched.append(wid)

    def wait(self, timeout_s: float) -> bool:
        self.waits += 1
        if self.script:
            self.script.pop(0)()
            return True
        raise ConnectionError("X server gone")  # ends the loop like a dead display

    def close(self) -> None:
        self.closed = True


def test_x11_describe_prefers_wm_class_then_proc_exe(tmp_path: Path) -> None:
    (tmp_path / "77").mkdir()
    os.symlink("/opt/google/chrome/chrome", tmp_path / "77" / "exe")
    fake = FakeX({1: ("ChatGPT - Google Chrome", ("google-chrome", "Google-chrome"), 77),
                  2: ("Epic Hyperspace", None, 77), 3: ("x", None, None)})  # fmt: skip
    assert linux_x11.describe(fake, 1, tmp_path) == ForegroundWindow(
        "google-chrome", "ChatGPT - Google Chrome", 77, app_class="google-chrome"
    )
    assert linux_x11.describe(fake, 2, tmp_path) == ForegroundWindow(
        "chrome", "Epic Hyperspace", 77
    )
    assert linux_x11.describe(fake, 3, tmp_path) == ForegroundWindow("", "x", None)
    assert linux_x11.describe(fake, 9, tmp_path) is None  # vanished window
    assert linux_x11.describe(fake, None, tmp_path) is None
    assert linux_x11.exe_name(4242, tmp_path) is None


def test_x11_reports_the_class_beside_an_instance_with_a_profile_suffix() -> None:
    fake = FakeX({1: ("Drug question - Chromium", ("chromium (/tmp/p)", "Chromium"), None),
                  2: ("ChatGPT — Mozilla Firefox", ("Navigator", "firefox"), None)})  # fmt: skip
    first, second = linux_x11.describe(fake, 1), linux_x11.describe(fake, 2)
    assert first is not None and (first.app, first.app_class) == ("chromium (/tmp/p)", "chromium")
    assert second is not None and (second.app, second.app_class) == ("navigator", "firefox")


def test_x11_watcher_reports_changes_and_degrades_when_the_server_goes() -> None:
    fake = FakeX({1: ("Epic Hyperspace", ("epic", "Epic"), None),
                  2: ("ChatGPT - Google Chrome", ("google-chrome", "G"), None)})  # fmt: skip
    fake.active = 1

    def switch() -> None:
        fake.active = 2

    def retitle() -> None:
        fake.windows[2] = ("Inbox - Google Chrome", ("google-chrome", "G"), None)

    fake.script = [switch, retitle]
    seen: list[ForegroundWindow | None] = []
    done = threading.Event()
    watcher = linux_x11.X11WindowWatcher(connect=lambda: fake)

    def on_change(window: ForegroundWindow | None) -> None:
        seen.append(window)
        if window is None:
            done.set()

    watcher.start(on_change)
    assert done.wait(5)
    assert [w.title if w else None for w in seen] == [
        "Epic Hyperspace", "ChatGPT - Google Chrome", "Inbox - Google Chrome", None,
    ]  # fmt: skip
    assert fake.watched == [1, 2] and fake.closed
    assert watcher.limitation is not None and "stopped" in watcher.limitation


def test_x11_watcher_without_a_server_is_limited_not_silent() -> None:
    def refuse() -> linux_x11.XCalls:
        raise ConnectionRefusedError

    seen: list[object] = []
    watcher = linux_x11.X11WindowWatcher(connect=refuse)
    watcher.start(seen.append)
    assert watcher.ready.wait(5)
    watcher.stop()
    assert seen == [None] and watcher.limitation


class FakeWin32:
    def __init__(self) -> None:
        self.fg = 10
        self.titles = {10: "ChatGPT - Google Chrome", 11: "Epic Hyperspace"}
        self.pids = {10: 500, 11: 600}
        self.images = {500: r"C:\Program Files\Google\Chrome\Application\chrome.exe"}
        self.callback: windows.HookCallback | None = None
        self.unhooked: list[Any] = []

    def foreground_window(self) -> int:
        return self.fg

    def window_text(self, hwnd: int) -> str:
        return self.titles[hwnd]

    def window_pid(self, hwnd: int) -> int:
        return self.pids[hwnd]

    def process_image(self, pid: int) -> str | None:
        return self.images.get(pid)

    def set_hooks(self, callback: windows.HookCallback) -> list[Any]:
        self.callback = callback
        return ["h1", "h2"]

    def unhook(self, handles: list[Any]) -> None:
        self.unhooked = handles


def test_windows_watcher_follows_foreground_and_title_events() -> None:
    fake = FakeWin32()
    seen: list[ForegroundWindow | None] = []
    watcher = windows.WindowsWindowWatcher(fake)
    watcher.start(seen.append)
    assert seen == [ForegroundWindow("chrome.exe", "ChatGPT - Google Chrome", 500)]
    assert fake.callback is not None
    fake.fg = 11
    fake.callback(windows.EVENT_SYSTEM_FOREGROUND, 11, 0)
    assert seen[-1] == ForegroundWindow("", "Epic Hyperspace", 600)  # image unreadable
    fake.titles[10] = "Gemini - Google Chrome"
    fake.callback(windows.EVENT_OBJECT_NAMECHANGE, 10, 0)  # not the foreground window
    fake.callback(windows.EVENT_OBJECT_NAMECHANGE, 11, -4)  # a child object, not the window
    assert len(seen) == 2
    fake.titles[11] = "Epic - Chart"
    fake.callback(windows.EVENT_OBJECT_NAMECHANGE, 11, 0)
    assert seen[-1] is not None and seen[-1].title == "Epic - Chart"
    watcher.stop()
    assert fake.unhooked == ["h1", "h2"]


def test_windows_real_layer_refuses_to_load_off_windows() -> None:
    seen: list[object] = []
    watcher = windows.WindowsWindowWatcher()
    watcher.start(seen.append)
    assert seen == [None] and watcher.limitation


class FakeMac:
    def __init__(self, trusted: bool) -> None:
        self.trusted = trusted
        self.front: tuple[str, str | None, int] | None = ("Google Chrome", "com.google.Chrome", 9)
        self.title = "ChatGPT"
        self.count = 5
        self.concealed = 0

    def frontmost(self) -> tuple[str, str | None, int] | None:
        return self.front

    def accessibility_trusted(self, prompt: bool) -> bool:
        return self.trusted

    def focused_window_title(self, pid: int) -> str | None:
        return self.title

    def change_count(self) -> int:
        return self.count

    def mark_concealed(self) -> None:
        self.concealed += 1


@pytest.mark.parametrize("trusted", [True, False])
def test_macos_watcher_uses_bundle_id_and_needs_accessibility_for_titles(trusted: bool) -> None:
    fake = FakeMac(trusted)
    seen: list[ForegroundWindow | None] = []
    watcher = macos.MacWindowWatcher(fake, interval_s=60)
    watcher.start(seen.append)
    watcher.stop()
    title = "ChatGPT" if trusted else ""
    assert seen == [ForegroundWindow("com.google.chrome", title, 9)]
    assert (watcher.limitation is None) == trusted
    if not trusted:
        assert watcher.limitation is not None and "Accessibility" in watcher.limitation
    fake.front = None
    watcher.tick(seen.append)
    assert seen[-1] is None


def test_macos_pasteboard_poller_sees_change_count_moves() -> None:
    fake = FakeMac(True)
    poller = macos.PasteboardPoller(fake)
    assert not poller.changed()
    fake.count = 6
    assert poller.changed() and not poller.changed()


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"DISPLAY": ":1"}, "x11"),
        ("linux", {"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0"}, "unsupported"),
        ("linux", {}, "unsupported"),
        ("win32", {}, "windows"),
        ("darwin", {}, "macos"),
        ("freebsd13", {"DISPLAY": ":1"}, "unsupported"),
    ],
)
def test_choose_watcher(platform: str, env: dict[str, str], expected: str) -> None:
    assert choose_watcher(platform, env).name == expected


def test_unsupported_says_why() -> None:
    seen: list[object] = []
    watcher = UnsupportedWatcher(WAYLAND)
    watcher.start(seen.append)
    assert seen == [None] and watcher.limitation == WAYLAND and watcher.current() is None
