"""Builds and wires the running tray app: policy, pipeline, worker, backends, bridge, tray.

The incident sink is injected, and so is the journal when there is one (run.py opens
it; tests pass other sinks and no journal). With a journal, a JournalKeeper thread
sends heartbeats, syncs to the central folder (and the policy's syslog receiver, over
app.backends.syslog_socket) after each decision and agent_state
record and on a timer, and prunes; its problems show as degraded states.
How each run starts and ends (started, unclean_end, quit, stopped, os_shutdown) and
today's pause count come from app.ui.lifecycle; at exit the keeper gets a few seconds
for a last sync, so the final record reaches the central folder now.
Policy hot reload runs policy.watcher.PolicyWatcher on a thread; a change is handed to the
GUI thread through a signal and swapped in everywhere at once.
"""

from __future__ import annotations

import json
import logging
import threading
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from app.backends.choose import choose_watcher
from app.backends.session_end import choose_session_end
from app.core.companion.watch import CompanionAwareWatcher
from app.core.i18n import _
from app.core.journal.agent_run import refusal_message
from app.core.journal.recent import RecentSink
from app.core.journal.store import Journal
from app.core.ports import IncidentSink
from app.core.protect.advice import memory_key_note
from app.core.protect.pipeline import Pipeline, PipelineSettings
from app.core.protect.policy_view import policy_view
from app.core.protect.status import (
    Facts,
    TrayState,
    policy_refusal,
    status_line,
    status_report,
    tray_state,
)
from app.ui.agent_parts import (
    keeper_settings,
    make_clipboard,
    make_keeper,
    make_scanner,
    open_url,
    set_audit_key,
)
from app.ui.bridge import Bridge
from app.ui.check_text import CheckTextDialog
from app.ui.companion_decisions import CompanionDecider
from app.ui.companion_server import CompanionServer
from app.ui.language import install_language
from app.ui.lifecycle import Lifecycle
from app.ui.tray import Tray
from app.ui.worker import ScanWorker
from policy.catalog import ToolCatalog
from policy.loader import LoadResult, load_policy
from policy.locations import default_locations
from policy.watcher import PolicyWatcher

log = logging.getLogger(__name__)
FINAL_SYNC_S = 5.0  # at exit, how long the keeper may take to ship the last records


class Agent(QObject):
    """The whole running app; `start()` after construction, `shutdown()` before exit."""

    _policy_arrived = Signal(object)

    def __init__(
        self, policy_arg: str | None, sink: IncidentSink, journal: Journal | None = None
    ) -> None:
        super().__init__()
        self.journal = journal
        locations = default_locations(policy_arg)
        self.policy_watcher = PolicyWatcher(
            partial(load_policy, locations),
            locations.watched,
            2.0,
            on_change=self._policy_arrived.emit,
        )
        self.loaded = self.policy_watcher.current
        view = policy_view(self.loaded)
        install_language(view.language)  # before any window or menu is built
        self.keeper = make_keeper(journal, lambda: keeper_settings(self.loaded))
        self.sink = RecentSink(sink, after_record=self.keeper.poke if self.keeper else None)
        set_audit_key(journal, self.loaded)
        self.pipeline = Pipeline(
            ToolCatalog(self.loaded.policy), view, self.sink, PipelineSettings()
        )
        reader = journal.records if journal is not None else None
        self.lifecycle = Lifecycle(self.pipeline, reader, choose_session_end())
        self.worker = ScanWorker(partial(make_scanner, self.loaded))
        self.watcher = CompanionAwareWatcher(choose_watcher(), self._companion_families)
        self.clipboard = make_clipboard()
        self.tray = Tray(view, self._about_extra)
        self.bridge = Bridge(
            self.pipeline, self.clipboard, self.watcher, self.worker, self.tray.notify, open_url
        )
        self.companion = self._make_companion()
        self.ready, self.state = False, ""
        self._stop_policy = threading.Event()
        self._keeper_thread: threading.Thread | None = None
        self._pause_token = 0
        self._dialogs: list[CheckTextDialog] = []
        self._review_window: QWidget | None = None
        self._connect()

    def _connect(self) -> None:
        self.clipboard.changed.connect(self.bridge.on_clipboard_changed)
        self.bridge.facts_changed.connect(self.refresh)
        self.companion.changed.connect(self.refresh)
        self._policy_arrived.connect(self._on_policy)
        self.tray.check_text.connect(self._check_text)
        self.tray.review.connect(self._review)
        self.tray.pause.connect(self._pause)
        self.tray.resume.connect(self._resume)
        self.tray.quit.connect(self._quit)

    def start(self) -> None:
        self.worker.start()
        self.bridge.start()
        self.bridge.scan_for("warm-up", self._warmed)  # builds the scanner in the worker
        threading.Thread(
            target=self.policy_watcher.run, args=(self._stop_policy,), name="policy", daemon=True
        ).start()
        self.lifecycle.begin()  # unclean_end, started: before the keeper's first heartbeat
        if self.keeper is not None:
            self._keeper_thread = threading.Thread(
                target=self.keeper.run, args=(self._stop_policy,), name="journal", daemon=True
            )
            self._keeper_thread.start()
        log.info("started: backend=%s policy_source=%s", self.watcher.name, self.loaded.source)
        self.refresh()

    def _warmed(self, report: object) -> None:
        self.ready = True
        self.pipeline.last_scan_incomplete = report is None
        self.refresh()

    # -- state ---------------------------------------------------------------------
    def facts(self) -> Facts:
        return Facts(
            paused=self.pipeline.paused(),
            blocked_just_now=self.bridge.blocked_just_now,
            window_limitation=self.watcher.limitation,
            policy_problem=policy_refusal(self.loaded),
            journal_ok=self.pipeline.journal_ok,
            journal_notes=self._journal_notes(),
            scans_incomplete=self.pipeline.last_scan_incomplete,
            starting=not self.ready,
            browser_notes=self._browser_notes(),
        )

    def refresh(self) -> None:
        facts = self.facts()
        self.tray.update(facts)
        companions = self.companion.companions_text()
        self.tray.set_companions(_("Browser companions: {list}").format(list=companions))
        state: TrayState = tray_state(facts)
        if state != self.state:
            self.state = state
            log.info("state %s", state)  # bench/tray_bench.py waits for "state protecting"

    def status_json(self) -> str:
        facts = self.facts()
        synced = self.keeper.last_sync if self.keeper else None
        report = status_report(
            facts,
            self.pipeline.policy,
            self.watcher.name,
            self.sink.recent(),
            last_sync=synced.isoformat() if synced else None,
        )
        report["browser_companions"] = self.companion.companions.summary()
        return json.dumps(report)

    def show_status(self) -> str:
        self.tray.notify(_("PasteWarden is already running"), status_line(self.facts()))
        return "ok"

    def _journal_notes(self) -> tuple[str, ...]:
        notes = []
        if self.journal is not None and self.journal.degraded:  # a memory-only chain key
            notes.append(memory_key_note(self.journal.key.problem))
        if self.keeper is not None and self.keeper.problem:
            notes.append(self.keeper.problem)
        return tuple(notes)

    def _about_extra(self) -> str:
        limitation = self.watcher.limitation
        limited = _(" (limited: {reason})").format(reason=limitation) if limitation else ""
        journal = type(self.sink.inner).__name__
        synced = self.keeper.last_sync if self.keeper else None
        last_sync = synced.strftime("%Y-%m-%d %H:%M UTC") if synced else _("never")
        return _(
            "Window detection: {backend}{limited}\nBrowser companions: {list}\n"
            "Incident journal: {journal}\nLast sync: {time}"
        ).format(
            backend=self.watcher.name,
            limited=limited,
            list=self.companion.companions_text(),
            journal=journal,
            time=last_sync,
        )

    # -- browser companion -----------------------------------------------------------
    def _make_companion(self) -> CompanionServer:
        decider = CompanionDecider(
            self.pipeline, self.bridge, self.sink, self.tray.notify, lambda: self.loaded.policy
        )
        return CompanionServer(decider, self.pipeline.record_state, lambda: self.loaded.policy)

    def _companion_families(self) -> set[str]:
        companion = getattr(self, "companion", None)  # windows may arrive before it exists
        return companion.connected_families() if companion is not None else set()

    def _browser_notes(self) -> tuple[str, ...]:
        family = self.watcher.uncovered
        if family is None or not self.loaded.policy.browser_companion.required:
            return ()
        note = _("{browser} is running without the PasteWarden browser companion")
        return (note.format(browser=family.capitalize()),)

    # -- requests ------------------------------------------------------------------
    def _on_policy(self, loaded: object) -> None:
        assert isinstance(loaded, LoadResult)
        self.loaded = loaded
        view = policy_view(loaded)
        self.pipeline.set_policy(ToolCatalog(loaded.policy), view)
        set_audit_key(self.journal, loaded)
        self.worker.set_factory(partial(make_scanner, loaded))
        self.tray.set_policy(view)
        self.companion.set_policy(loaded.policy)
        self.pipeline.record_state("policy_changed")
        log.info("policy changed: source=%s version=%s", loaded.source, loaded.policy.version)
        self.refresh()

    def _check_text(self) -> None:
        dialog = CheckTextDialog(self.bridge.scan_for)
        self._dialogs = [d for d in self._dialogs if d.isVisible()] + [dialog]
        dialog.show()

    def _review(self) -> None:
        from app.core.review.source import policy_source
        from app.ui.review_window import ReviewWindow

        try:  # the running policy's folder and detection settings (its allow-list)
            window = ReviewWindow(policy_source(self.loaded.policy))
        except (OSError, ValueError) as error:
            self.tray.notify(_("Cannot open the review"), str(error))
            return
        self._review_window = window  # keep a reference: an unreferenced window is collected
        window.show()

    def _pause(self) -> None:
        taken = self.lifecycle.pauses_today()
        refusal = "not_recorded" if taken is None else self.pipeline.pause(taken)
        if refusal is None:
            self._pause_token += 1
            token = self._pause_token
            ms = int(self.pipeline.pause_seconds() * 1000)
            QTimer.singleShot(ms, lambda: self._pause_over(token))
        else:
            log.info("pause refused: %s", refusal)
            message = refusal_message(refusal, self.pipeline.policy.pauses_per_day)
            self.tray.notify(_("Protection stays on"), message)
        self.refresh()

    def _pause_over(self, token: int) -> None:
        if token == self._pause_token:  # not already resumed (and paused again) by hand
            self._resume()

    def _resume(self) -> None:
        self._pause_token += 1
        self.pipeline.resume()
        self.refresh()
        self.bridge.recheck()

    def _quit(self) -> None:
        if self.pipeline.policy.quit_allowed:
            self.lifecycle.quit_chosen()  # exits 0: a watchdog does not restart a Quit
            QApplication.quit()

    def shutdown(self) -> None:
        self.lifecycle.finish()  # quit, stopped or os_shutdown
        self._stop_policy.set()
        if self.keeper is not None and self._keeper_thread is not None:
            self.keeper.poke()  # wake it for its last pass (the end record)
            self._keeper_thread.join(FINAL_SYNC_S)
        self.watcher.stop()
        self.worker.stop()
        self.tray.icon.hide()
        log.info("stopped")
