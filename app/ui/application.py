"""The Qt application: single instance, waiting for the system tray, clean shutdown.

- One instance per user session (app.ui.instance): a second launch asks the first to show
  its status and exits 0.
- Waits up to 10 s for a system tray (a session's tray host may start after us); without
  one it keeps protecting and says so in the log.
- Keeps running with no window open; Ctrl-C, SIGTERM and SIGHUP quit cleanly through the event
  loop (signal.set_wakeup_fd + QSocketNotifier, so no polling timer is needed), exit 0.
  The agent first asks the OS whether the signal is a shutdown (journaled `os_shutdown`)
  or a stop (`stopped`); Qt's commitDataRequest (session manager) is a shutdown too.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from app.core.journal.store import Journal
from app.core.ports import IncidentSink
from app.ui.agent import Agent
from app.ui.applog import setup_logging
from app.ui.instance import SingleInstance, ask

log = logging.getLogger(__name__)
TRAY_WAIT_S = 10.0
_TRAY_POLL_MS = 250


def run_app(policy_arg: str | None, sink: IncidentSink, journal: Journal | None = None) -> int:
    """Run the tray app until Quit or a signal; 0 on a clean exit."""
    setup_logging()
    app = QApplication(sys.argv[:1])
    app.setApplicationName("PasteWarden")
    app.setQuitOnLastWindowClosed(False)
    instance = SingleInstance()
    if not instance.acquire():
        reply = ask("show")
        log.info("second launch: first instance %s", "answered" if reply else "did not answer")
        print(
            "pastewarden: already running"
            if reply
            else "pastewarden: another instance holds the lock"
        )
        return 0
    agent = Agent(policy_arg, sink, journal)
    instance.listen(
        {"status": agent.status_json, "show": agent.show_status},
        streams={"companion": agent.companion.accept},
    )
    keep = _quit_on_signals(app, agent.lifecycle.on_terminate)
    app.commitDataRequest.connect(agent.lifecycle.on_session_end)
    agent.start()
    wait_for_tray(agent.tray.show)
    code = app.exec()
    agent.shutdown()
    instance.release()
    del keep
    return int(code)


def query_status() -> int:
    """`pastewarden run --status`: print the running instance's status JSON (exit 1: none)."""
    from PySide6.QtCore import QCoreApplication

    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    reply = ask("status")
    if reply is None:
        print("pastewarden: not running", file=sys.stderr)
        return 1
    print(reply)
    return 0


def wait_for_tray(show: Callable[[], None], timeout_s: float = TRAY_WAIT_S) -> None:
    """Call `show` once a system tray exists, or after `timeout_s` anyway."""
    tries = {"left": int(timeout_s * 1000 / _TRAY_POLL_MS)}

    def attempt() -> None:
        available = QSystemTrayIcon.isSystemTrayAvailable()
        tries["left"] -= 1
        if available or tries["left"] <= 0:
            if not available:
                log.warning("no system tray after %.0f s; protecting without an icon", timeout_s)
            show()
            return
        QTimer.singleShot(_TRAY_POLL_MS, attempt)

    attempt()


def _quit_on_signals(
    app: QApplication, before_quit: Callable[[], None]
) -> tuple[QObject, socket.socket, socket.socket]:
    """SIGINT/SIGTERM/SIGHUP wake the event loop through a socket, call `before_quit`, quit."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    # SIGHUP (POSIX only): a closing session may hang up instead; its default would end
    # the process with no record, which the next start would report as a kill.
    hangup = [signal.SIGHUP] if hasattr(signal, "SIGHUP") else []
    for signum in (signal.SIGINT, signal.SIGTERM, *hangup):
        signal.signal(signum, lambda *_: None)  # the C handler writes to the wakeup fd
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def on_signal() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)
        log.info("signal received: quitting")
        before_quit()
        app.quit()

    notifier.activated.connect(on_signal)
    return notifier, reader, writer
