"""The real tray on a real X server: nothing unchecked stays pasteable while ChatGPT is in front.

- a second copy made while a warning dialog is open is replaced by the notice at once,
  and asked about after the first dialog closes;
- 2 MB and 50 MB PHI clipboards are replaced by the notice long before their scan could
  end (the scan of 50 MB cannot finish in its budget, so the dialog says so);
- PHI only in RTF escapes beside harmless plain text, and PHI split by zero-width
  spaces, are quarantined.
Each wait below is a generous bound for a loaded CI machine; bench/restore_bench.py
measures the real delays. Every value is invented.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from e2e_support import HERE, Desk, wait_for

from app.core.protect.pipeline import NOTICE

NOTICE_WITHIN_S = 1.0
PHI_LINE = "Pt Octavio Brannagh, DOB 11/02/1948, MRN 7731925, SSN 219-09-9999. Cough x3 days.\n"
RTF_PHI = r"{\rtf1\ansi Pt: Ren\'e9e Ostrowsk\u105?, DOB 0\u51?/14/1952, SSN 219-09-9999\par}"


def _notice_within(desk: Desk, started: float) -> float:
    wait_for(lambda: desk.clipboard() == NOTICE, 10, "the notice")
    return time.perf_counter() - started


def _close_dialogs(desk: Desk, count: int) -> None:
    for _ in range(count):
        desk.keys(desk.dialog(), "Escape")
        time.sleep(0.5)
    wait_for(desk.no_dialog, what="every dialog to close")


def _blocked_count(desk: Desk) -> int:
    return sum(1 for e in desk.incidents() if e["action"] == "blocked")


def test_a_second_copy_while_the_dialog_is_open_is_quarantined(desk: Desk) -> None:
    before = _blocked_count(desk)
    desk.activate(desk.chat)
    desk.copy(PHI_LINE)
    desk.dialog()
    desk.activate(desk.chat)  # the user goes back to ChatGPT with the dialog still open
    started = time.perf_counter()
    desk.copy("Re: Ms. Idonea Farquhar-Lisle, DOB 07/30/1961, seen for a rash.")
    assert _notice_within(desk, started) <= NOTICE_WITHIN_S
    _close_dialogs(desk, 2)  # Cancel the first, then the second decision that follows
    wait_for(lambda: _blocked_count(desk) == before + 2, what="two blocked records")
    assert desk.clipboard() == NOTICE


@contextmanager
def _owned(desk: Desk, flavours: dict[str, str]) -> Iterator[float]:
    """Another app (clip_owner.py) owns the clipboard with these flavours; yields when."""
    spec = desk.tmp / "flavours.json"
    spec.write_text(json.dumps(flavours), encoding="utf-8")
    owner = subprocess.Popen([sys.executable, str(HERE / "clip_owner.py"), str(spec)],
                             env=desk.env, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == "ready"
        yield time.perf_counter()
    finally:
        owner.terminate()
        owner.wait(timeout=10)


@pytest.mark.parametrize("megabytes", [2, 50])
def test_a_huge_phi_clipboard_is_replaced_before_its_scan_ends(desk: Desk, megabytes: int) -> None:
    """The notice comes first; the scan (1.5 s budget, cannot finish) only decides the dialog.

    Before, the clipboard was replaced when the scan ended, together with the dialog.
    On X11 the notice waits for the clipboard's own transfer from the other app (tenths of
    a second for 50 MB; the bench measures it); Windows and macOS hand it over in memory.
    """
    desk.activate(desk.chat)
    text = PHI_LINE * (megabytes * 1024 * 1024 // len(PHI_LINE))
    with _owned(desk, {"text/plain": text}) as owned:
        noticed = owned + _notice_within(desk, owned)
        desk.dialog()
        assert time.perf_counter() - noticed >= 0.5  # the scan was still running
        _close_dialogs(desk, 1)  # 50 MB cannot be scanned in the budget: "could not check"
    assert desk.clipboard() == NOTICE


def test_phi_in_rtf_escapes_beside_harmless_text_is_quarantined(desk: Desk) -> None:
    desk.activate(desk.chat)
    with _owned(desk, {"text/plain": "Harmless summary", "text/rtf": RTF_PHI}):
        wait_for(lambda: desk.clipboard() == NOTICE, 10, "the notice")
        _close_dialogs(desk, 1)


def test_phi_split_by_zero_width_spaces_is_quarantined(desk: Desk) -> None:
    desk.activate(desk.chat)
    desk.copy("Pt Oct\u200bavio Bran\u200bnagh, DOB 1\u200b1/02/1948, SSN 219\u200b-09-9999")
    wait_for(lambda: desk.clipboard() == NOTICE, 10, "the notice")
    _close_dialogs(desk, 1)
