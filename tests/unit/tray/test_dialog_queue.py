"""One warning dialog at a time: the pipeline's queue of decisions (app.core.protect.dialogs)."""

from __future__ import annotations

from tray_fakes import policy, report, tool

from app.core.protect.clipboard_text import ClipboardSnapshot
from app.core.protect.decision import decide
from app.core.protect.dialogs import DialogQueue, HeldDecision
from app.core.protect.pipeline import ScanJob


def held(job_id: int) -> HeldDecision:
    matched = tool("block_with_override")
    job = ScanJob(job_id, matched, "chrome", "clipboard", job_id, key=f"k{job_id}")
    decision = decide(matched, report("NAME"), policy())
    return HeldDecision(job, decision, ClipboardSnapshot.of_text(f"original {job_id}"))


def test_the_first_decision_is_shown_and_later_ones_wait_in_order() -> None:
    queue = DialogQueue()
    first, second, third = held(1), held(2), held(3)
    assert queue.offer(first) and queue.shown is first
    assert not queue.offer(second) and not queue.offer(third)
    assert queue.shown is first and queue.has_waiting
    assert queue.answered() is first and queue.shown is None
    assert queue.next_waiting() is second and queue.next_waiting() is third
    assert not queue.has_waiting


def test_answering_twice_gives_the_decision_once() -> None:
    queue = DialogQueue()
    queue.offer(held(1))
    assert queue.answered() is not None
    assert queue.answered() is None  # the original clipboard is handed back exactly once


def test_another_dialog_holds_every_decision_back_until_it_closes() -> None:
    queue = DialogQueue()
    assert not queue.set_other_open(True)
    assert not queue.offer(held(1)) and queue.shown is None and queue.other_open
    assert queue.set_other_open(False)  # closed, nothing on screen: move on now
    assert queue.has_waiting and queue.offer(queue.next_waiting())


def test_closing_the_other_dialog_waits_while_ours_is_open() -> None:
    queue = DialogQueue()
    queue.offer(held(1))
    queue.set_other_open(True)
    assert not queue.set_other_open(False)  # ours is still open: its answer moves on
