"""The native host's relay: browser frames to the tray and back, fail closed without one."""

from __future__ import annotations

import io
import os
import socket
import threading
from typing import BinaryIO, cast

import pytest

from app.backends.tray_socket import TrayUnreachable, connect_tray, socket_path
from app.commands.native_host import Relay
from app.core.companion.framing import FrameDecoder, encode, read_frame


class _Pipe:
    """A stdout the relay writes to, readable by the test."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.lock = threading.Lock()

    def write(self, data: bytes) -> int:
        with self.lock:
            self.data += data
        return len(data)

    def flush(self) -> None:
        pass

    def messages(self) -> list[object]:
        with self.lock:
            return list(FrameDecoder().feed(bytes(self.data)))


def _unreachable() -> object:
    raise TrayUnreachable("the tray is not running")


def test_without_a_tray_checks_are_answered_unreachable_and_bad_frames_get_errors() -> None:
    stdin = io.BytesIO(
        encode({"type": "hello", "browser": "chromium", "version": "1"})
        + b"\x03\x00\x00\x00{x}"
        + encode({"no_type": 1})
        + encode({"type": "check", "id": 7, "kind": "paste", "text": "x"})
    )
    out = _Pipe()
    relay = Relay(stdin, cast(BinaryIO, out), connect=_unreachable)  # type: ignore[arg-type]
    assert relay.run() == 0
    assert out.messages() == [
        {"type": "tray", "connected": False},
        {"type": "error", "error": "bad_json"},
        {"type": "error", "error": "no_type", "id": None},
        {"type": "verdict", "id": 7, "verdict": "unreachable"},
    ]


class _FakeTray:
    def __init__(self) -> None:
        self.ours, theirs = socket.socketpair()
        self.reader = cast(BinaryIO, theirs.makefile("rb", buffering=0))
        self.writer = cast(BinaryIO, theirs.makefile("wb", buffering=0))

    def close(self) -> None:
        self.reader.close()
        self.writer.close()


def test_frames_are_relayed_both_ways_after_the_handover_line() -> None:
    tray = _FakeTray()
    read_end, write_end = os.pipe()
    stdin = os.fdopen(read_end, "rb", buffering=0)
    out = _Pipe()
    relay = Relay(stdin, cast(BinaryIO, out), connect=lambda: tray)  # type: ignore[arg-type]
    worker = threading.Thread(target=relay.run)
    worker.start()
    check = {"type": "check", "id": 3, "kind": "paste", "text": "hello"}
    os.write(write_end, encode(check))
    tray_side = tray.ours.makefile("rb")
    assert tray_side.readline() == b"companion\n"
    assert read_frame(cast(BinaryIO, tray_side)) == check
    tray.ours.sendall(encode({"type": "verdict", "id": 3, "verdict": "allow"}))
    for _ in range(200):
        if out.messages():
            break
        threading.Event().wait(0.01)
    assert out.messages() == [{"type": "verdict", "id": 3, "verdict": "allow"}]
    os.close(write_end)  # the browser closes the port: the host ends
    worker.join(5)
    assert not worker.is_alive()


def test_a_socket_of_another_user_is_refused(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    path = socket_path("pw-test")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    monkeypatch.setattr(os, "getuid", lambda: os.stat(path).st_uid + 1)
    with pytest.raises(TrayUnreachable, match="another user"):
        connect_tray("pw-test")
    listener.close()


def test_no_socket_means_unreachable(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with pytest.raises(TrayUnreachable):
        connect_tray("pw-none")
