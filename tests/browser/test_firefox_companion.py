"""The same companion in Debian's firefox-esr: the paste case, end to end.

The Firefox build is sideloaded into a fresh profile (unsigned: ESR allows it with
xpinstall.signatures.required off), registered with `browser setup --browser firefox`,
and talks to the same tray. Invented PHI values only.
"""

from __future__ import annotations

from browser_support import Desk, wait_for

HARMLESS = "Please summarise the attached meeting agenda for Thursday."
PHI = "Patient Corwin Abernethy-Lusk, DOB 06/19/1953, MRN 61029374, seen for syncope."


def _inputs(desk: Desk) -> str:
    return "\n".join(r["text"] for r in desk.reports("input"))


def _checks(desk: Desk) -> int:
    return sum(int(c["checks"]) for c in desk.companions())  # type: ignore[call-overload]


def test_firefox_companion_connects(firefox: Desk) -> None:
    assert [c["browser"] for c in firefox.companions()] == ["firefox"]


def test_harmless_paste_reaches_the_page_after_the_tray_checked_it(firefox: Desk) -> None:
    firefox.site.clear()  # type: ignore[attr-defined]
    before = _checks(firefox)
    firefox.paste(HARMLESS)
    wait_for(lambda: HARMLESS in _inputs(firefox), 15, "the harmless text in the page")
    assert _checks(firefox) == before + 1


def test_phi_paste_is_held_the_dialog_appears_and_cancel_keeps_it_out(firefox: Desk) -> None:
    firefox.site.clear()  # type: ignore[attr-defined]
    firefox.paste(PHI)
    firefox.dialog_keys("Escape")
    wait_for(lambda: firefox.reports("notice"), 15, "the in-page notice after cancel")
    assert "61029374" not in firefox.received()
    record = [e for e in firefox.events() if e.get("enforcement") == "browser_paste"][-1]
    assert record["action"] == "blocked"
    assert record["tool"] == {"id": "chatgpt", "category": "consumer_ai",
                              "domain": "chatgpt.com", "process": "firefox"}  # fmt: skip
