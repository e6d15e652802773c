"""The real tray app on a real X server: quarantine, the dialog, each action by keystroke.

Each test copies its own PHI and checks: the clipboard read back with xclip, the dialog
found with xdotool, the clipboard after the keystrokes, and the journaled record from
`pastewarden run --status`. The last tests stop the app with SIGTERM and search every file
it wrote for the planted values. Screenshots go to docs/images/ for the README.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from e2e_support import PW, ROOT, Desk, tray_icon_geometry, wait_for

from app.core.protect.pipeline import NOTICE


def images(desk: Desk) -> Path:
    """docs/images with PW_DOCS_IMAGES=1 (refresh the README's pictures), else the run's tmp."""
    wanted = os.environ.get("PW_DOCS_IMAGES") == "1"
    folder = ROOT / "docs" / "images" if wanted else desk.tmp / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


PLANTED: list[str] = []


def phi(name: str, dob: str, ssn: str) -> str:
    PLANTED.extend([name, dob, ssn])
    return f"Pt {name}, DOB {dob}, SSN {ssn}. Seen today for CHF follow-up, on furosemide."


def last_incident(desk: Desk, count: int) -> dict[str, object]:
    events = wait_for(lambda: len(desk.incidents()) >= count and desk.incidents(),
                      what="the journal record")  # fmt: skip
    assert isinstance(events, list)
    return events[-1]


def test_copy_while_ai_in_front_is_quarantined_and_cancel_keeps_it(desk: Desk) -> None:
    desk.activate(desk.chat)
    desk.copy(phi("Mrs. Dolores Whitfield", "03/22/1941", "219-09-9999"))
    wait_for(lambda: desk.clipboard() == NOTICE, what="quarantine")
    dialog = desk.dialog()
    desk.screenshot(images(desk) / "tray-dialog.png", dialog)
    desk.keys(dialog, "Escape")
    wait_for(desk.no_dialog, what="the dialog to close")
    event = last_incident(desk, 1)
    assert event["action"] == "blocked" and event["enforcement"] == "clipboard_quarantine"
    types = {d["type"] for d in event["detections"]}  # type: ignore[union-attr, index]
    assert {"NAME", "DATE", "SSN"} <= types
    assert desk.clipboard() == NOTICE


def test_ai_window_coming_to_front_quarantines_and_deidentified_copy(desk: Desk) -> None:
    desk.activate(desk.epic)
    text = phi("Mr. Harold Quimby", "11/05/1950", "078-05-1120")
    desk.copy(text)
    wait_for(lambda: desk.clipboard() == text, what="the copy in the EHR")
    desk.activate(desk.chat)
    wait_for(lambda: desk.clipboard() == NOTICE, what="quarantine on window switch")
    desk.keys(desk.dialog(), "alt+d")
    wait_for(desk.no_dialog, what="the dialog to close")
    copied = wait_for(lambda: "[NAME]" in desk.clipboard() and desk.clipboard())
    assert "Quimby" not in str(copied) and "[SSN]" in str(copied)
    assert last_incident(desk, 2)["action"] == "redacted_copy"


def test_override_with_reason_restores_and_journals_a_scanned_reason(desk: Desk) -> None:
    desk.activate(desk.chat)
    text = phi("Mr. Vernon Ashby", "07/14/1939", "123-45-6780")
    desk.copy(text)
    wait_for(lambda: desk.clipboard() == NOTICE, what="quarantine")
    desk.keys(desk.dialog(), "alt+v", "Tab")
    desk.type("Discussed with Vernon Ashby first")
    PLANTED.append("Vernon Ashby")
    desk.keys(desk.dialog(), "Return")
    wait_for(lambda: desk.clipboard() == text, what="the original back on the clipboard")
    event = last_incident(desk, 3)
    assert event["action"] == "overridden"
    reason = event["justification"]
    assert isinstance(reason, dict) and "Ashby" not in reason["text"]


def test_false_alarm_and_open_approved_tool(desk: Desk) -> None:
    desk.activate(desk.chat)
    text = phi("Ms. Imogen Tarrant", "02/29/1948", "321-54-9876")
    desk.copy(text)
    wait_for(lambda: desk.clipboard() == NOTICE, what="quarantine")
    desk.keys(desk.dialog(), "alt+n")
    wait_for(lambda: desk.clipboard() == text, what="restore after a false-alarm report")
    assert last_incident(desk, 4)["action"] == "false_alarm_reported"
    desk.copy(phi("Mr. Desmond Okafor", "09/30/1944", "456-12-3789"))
    wait_for(lambda: desk.clipboard() == NOTICE, what="quarantine")
    desk.keys(desk.dialog(), "alt+o")
    wait_for(desk.no_dialog, what="the dialog to close")
    assert last_incident(desk, 5)["action"] == "blocked"
    assert desk.clipboard() == NOTICE


def test_tray_icon_is_embedded_and_its_menu_opens(desk: Desk) -> None:
    geometry = wait_for(lambda: _tray_geometry(desk), what="the icon inside the tray host")
    x, y, width, _height = geometry  # type: ignore[misc]
    desk.x("xdotool", "mousemove", str(x + width - 12), str(y + 12), "click", "3")
    menu = wait_for(lambda: desk.x("xdotool", "search", "--onlyvisible", "--class", "pastewarden")
                    .split(), what="the tray menu")  # fmt: skip
    assert menu
    time.sleep(0.5)  # let the menu paint before the screenshot
    shot = images(desk) / "tray-menu.png"
    desk.screenshot(shot, 0, (1280 - 420, 0, 420, 240))
    assert shot.stat().st_size > 1000  # a real picture was taken
    desk.x("xdotool", "key", "Escape")


def _tray_geometry(desk: Desk) -> tuple[int, int, int, int] | None:
    return tray_icon_geometry(desk.x)


def test_second_launch_hands_over_and_exits(desk: Desk) -> None:
    second = subprocess.run([PW, "run"], env=desk.env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0 and "already running" in second.stdout
    assert desk.app.poll() is None


def test_sigterm_stops_cleanly_and_no_file_holds_a_planted_value(desk: Desk) -> None:
    desk.app.send_signal(signal.SIGTERM)
    assert desk.app.wait(timeout=15) == 0
    assert desk.status() == {}
    journal = desk.x(PW, "incidents", "list")  # the decisions are in the on-disk journal
    for action in ("blocked", "redacted_copy", "overridden", "false_alarm_reported"):
        assert action in journal, f"no {action} record in the journal"
    assert "stopped" in journal
    verified = subprocess.run([PW, "incidents", "verify"], env=desk.env, capture_output=True)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    written = [p for p in desk.tmp.rglob("*") if p.is_file() and p.name != "policy.json"]
    assert any(p.name == "pastewarden.log" for p in written)
    log = next(p for p in written if p.name == "pastewarden.log").read_text()
    assert "stopped" in log and "ChatGPT - Google Chrome" not in log
    assert len(PLANTED) >= 15
    for path in written:
        data = path.read_bytes()
        leaked = [v for v in PLANTED if v.encode() in data]
        assert leaked == [], f"{path} holds planted values"
