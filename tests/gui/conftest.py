"""GUI tests run offscreen (pytest-qt), even when the test command provides an X display.

The `make_rig` fixture builds a Bridge wired to fakes (gui_support) and the in-memory sink.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

from collections.abc import Callable, Iterator

import pytest
from gui_support import FakeClipboard, FakeWatcher, Matcher, Rig, gui_policy, shared_scanner
from PySide6.QtGui import QGuiApplication

from app.core.ports import IncidentSink, MemoryIncidentSink
from app.core.protect.pipeline import Pipeline, PipelineSettings
from app.ui.bridge import Bridge
from app.ui.worker import ScanWorker


@pytest.fixture(scope="session", autouse=True)
def _empty_clipboard_at_exit(qapp: object) -> Iterator[None]:
    """PySide6 6.12 on the offscreen platform segfaults at interpreter exit when the
    clipboard still holds a QMimeData set from Python; emptying it first avoids that."""
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture
def make_rig(qapp: object) -> Iterator[Callable[..., Rig]]:
    workers: list[ScanWorker] = []
    rigs: list[Rig] = []

    def build(action: str = "block_with_override", sink: IncidentSink | None = None,
              override: bool = True, timeout_s: float = 120.0) -> Rig:  # fmt: skip
        sink = sink if sink is not None else MemoryIncidentSink()
        settings = PipelineSettings(dialog_timeout_s=timeout_s)
        pipeline = Pipeline(Matcher(action), gui_policy(override), sink, settings)
        worker = ScanWorker(shared_scanner)
        worker.start()
        workers.append(worker)
        clipboard, watcher = FakeClipboard(), FakeWatcher()
        rig = Rig(None, clipboard, watcher, sink)  # type: ignore[arg-type]
        rig.bridge = Bridge(pipeline, clipboard, watcher, worker,
                            lambda t, m: rig.notes.append((t, m)), rig.opened.append)  # fmt: skip
        rig.bridge.start()
        rigs.append(rig)
        return rig

    yield build
    for rig in rigs:
        if rig.bridge.pending is not None and rig.bridge.pending.dialog is not None:
            rig.bridge.pending.dialog.reject()  # resolve as Cancel, like a person would
    for worker in workers:
        worker.stop()
