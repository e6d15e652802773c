"""The browser companion in Debian's Chromium, end to end, with the real tray.

A stand-in chatgpt.com (HTTPS on loopback, tab title without a brand) reports what it
receives. Every PHI value here is invented. The tray-not-running case is last: it stops
the tray for the rest of the module.
"""

from __future__ import annotations

import json
from pathlib import Path

from browser_support import Desk, wait_for

HARMLESS = "Please summarise the attached meeting agenda for Thursday."
PHI_CANCEL = "Patient Marla Quenby, DOB 04/17/1958, MRN 88314207, seen for chest pain."
PHI_REDACT = "Follow up for Dorrit Vantongeren, MRN 55120983, born 09/02/1947."
PHI_OVERRIDE = "Send the letter for Osric Pellham, MRN 71029384, DOB 11/23/1966."
PHI_TYPED = "Osmund Trevellick MRN 60417723 DOB 02/05/1971"
PHI_FALSE_ALARM = "Ward round notes for Ysolde Aldermoor, MRN 47720561."
PHI_DROP = "Discharge summary for Tamsin Brackwater, MRN 20938475."
FILE_NAME = "referral-Hollinsgrave"  # a file name is never recorded
PHI_FORM = "Gwendolyn Ashcombe DOB 12/01/1949 MRN 83716254"
PHI_OFFLINE = "Patient Wenna Castellor, MRN 39281746, DOB 07/30/1955."


def _inputs(desk: Desk) -> str:
    return "\n".join(r["text"] for r in desk.reports("input"))


def test_companion_connects_and_is_journaled(desk: Desk) -> None:
    companions = desk.companions()
    assert companions and companions[0]["browser"] == "chromium"
    states = [e.get("state") for e in desk.events() if e.get("kind") == "agent_state"]
    assert "browser_companion_connected" in states
    status = json.loads(desk.pw("status", "--json"))
    assert [c["browser"] for c in status["browser_companions"] if c["connected"]] == ["chromium"]


def _checks(desk: Desk) -> int:
    return sum(int(c["checks"]) for c in desk.companions())  # type: ignore[call-overload]


def test_harmless_paste_reaches_the_page_after_the_tray_checked_it(desk: Desk) -> None:
    desk.site.clear()  # type: ignore[attr-defined]
    before = _checks(desk)
    desk.paste(HARMLESS)
    wait_for(lambda: HARMLESS in _inputs(desk), 15, "the harmless text in the page")
    assert desk.no_dialog()
    assert _checks(desk) == before + 1


def test_phi_paste_is_held_and_cancel_keeps_it_out(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/1")
    desk.paste(PHI_CANCEL)
    desk.dialog_keys("Escape")
    wait_for(desk.no_dialog, 10, "the dialog to close")
    wait_for(lambda: any(e.get("enforcement") == "browser_paste" for e in desk.events()),
             10, "the browser_paste record")  # fmt: skip
    assert "88314207" not in desk.received()
    assert "Quenby" not in desk.received()
    record = [e for e in desk.events() if e.get("enforcement") == "browser_paste"][-1]
    assert record["action"] == "blocked"
    assert record["tool"] == {"id": "chatgpt", "category": "consumer_ai",
                              "domain": "chatgpt.com", "process": "chromium"}  # fmt: skip
    assert {d["type"] for d in record["detections"]} >= {"MRN"}  # type: ignore[index,union-attr]


def test_redacted_choice_inserts_the_deidentified_text(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/2")
    desk.paste(PHI_REDACT)
    desk.dialog_keys("alt+d")
    wait_for(lambda: "MRN [MRN]" in _inputs(desk), 15,
             "the de-identified text in the page")  # fmt: skip
    assert "55120983" not in desk.received()
    assert "Vantongeren" not in desk.received()


def test_override_inserts_the_original(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/3")
    desk.paste(PHI_OVERRIDE)
    desk.dialog_keys("alt+v", "Tab")
    desk.type("Patient asked us to draft it")
    desk.dialog_keys("Return")
    wait_for(lambda: "71029384" in _inputs(desk), 15, "the original text after override")
    record = [e for e in desk.events() if e.get("enforcement") == "browser_paste"][-1]
    assert record["action"] == "overridden"


def test_false_alarm_lets_the_original_in_where_override_is_allowed(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/7")
    desk.paste(PHI_FALSE_ALARM)
    desk.dialog_keys("alt+n")
    wait_for(lambda: "Aldermoor" in _inputs(desk), 15, "the original text after false alarm")
    record = [e for e in desk.events() if e.get("enforcement") == "browser_paste"][-1]
    assert record["action"] == "false_alarm_reported"


def test_dropped_harmless_text_reaches_the_page_and_phi_does_not(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/8")
    desk.drop_on_prompt(HARMLESS)
    wait_for(lambda: HARMLESS in _inputs(desk), 15, "the dropped text in the page")
    desk.navigate("https://chatgpt.com/c/9")
    desk.drop_on_prompt(PHI_DROP)
    desk.dialog_keys("Escape")
    wait_for(desk.no_dialog, 10, "the dialog to close")
    assert "Brackwater" not in _inputs(desk)
    assert desk.reports("page_drop") == []


def test_dropped_files_ask_first_and_are_recorded_without_names(desk: Desk, tmp_path: Path) -> None:
    letter = tmp_path / f"{FILE_NAME}.txt"
    letter.write_text("harmless file content\n", encoding="utf-8")
    desk.navigate("https://chatgpt.com/c/10")
    desk.drop_on_prompt(files=[str(letter)])
    desk.answer_file_question("Escape")  # No is the default
    wait_for(lambda: desk.reports("notice"), 15, "the notice after No")
    record = [e for e in desk.events() if e.get("enforcement") == "browser_file"][-1]
    assert (record["action"], record["tool"]["domain"]) == ("blocked", "chatgpt.com")  # type: ignore[index]
    assert desk.reports("page_drop") == []
    desk.drop_on_prompt(files=[str(letter)])
    desk.answer_file_question("alt+y")
    wait_for(lambda: desk.reports("page_drop"), 15, "the files reaching the page after Yes")
    assert desk.reports("page_drop")[-1]["text"] == "files:1"
    record = [e for e in desk.events() if e.get("enforcement") == "browser_file"][-1]
    assert record["action"] == "overridden"


def test_typed_enter_with_phi_is_not_sent(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/4")
    desk.focus_page()
    desk.type(PHI_TYPED)
    desk.key("Return")
    desk.dialog_keys("Escape")
    wait_for(lambda: any(e.get("enforcement") == "browser_send" for e in desk.events()),
             10, "the browser_send record")  # fmt: skip
    assert desk.reports("send") == []


def test_typed_enter_harmless_is_sent(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/5")
    desk.focus_page()
    desk.type("What is a good agenda for a staff meeting")
    desk.key("Return")
    wait_for(lambda: desk.reports("send"), 15, "the page's send")
    assert "staff meeting" in desk.reports("send")[-1]["text"]


def test_a_form_is_submitted_only_after_its_text_is_checked(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/11")
    desk.click("line")
    desk.type(PHI_FORM)
    desk.key("Return")
    desk.dialog_keys("Escape")
    wait_for(lambda: desk.reports("notice"), 15, "the notice after cancel")
    assert desk.reports("form") == []
    desk.click("line")
    desk.key("ctrl+a", "BackSpace")
    desk.type("weekly rota for the front desk")
    desk.key("Return")
    wait_for(lambda: desk.reports("form"), 15, "the harmless form submit")
    assert desk.reports("form")[-1]["text"] == "weekly rota for the front desk"


def test_enter_still_starts_a_new_line_where_the_page_does_not_send(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/13")
    desk.click("notes")
    desk.type("first line")
    desk.key("Return")
    desk.type("second line")
    wait_for(lambda: any(r["text"] == "first line\nsecond line" for r in desk.reports("notes")),
             15, "a line break after the checked Enter")  # fmt: skip


def test_a_paste_too_large_to_check_is_held_with_a_notice(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/14")
    desk.paste("lorem ipsum " * 180_000)  # 2.16 million characters
    wait_for(lambda: desk.reports("notice"), 20, "the too-large notice")
    assert "too large" in desk.reports("notice")[-1]["text"]
    assert desk.reports("input") == []


def test_non_ai_site_is_untouched(desk: Desk) -> None:
    desk.navigate("https://example.org/")
    before, checks = len(desk.events()), _checks(desk)
    desk.paste(PHI_OVERRIDE)
    wait_for(lambda: desk.reports("page_paste"), 15, "the page's own paste event")
    assert desk.no_dialog()
    assert (len(desk.events()), _checks(desk)) == (before, checks)  # not asked, not journaled


def test_tray_not_running_blocks_with_a_notice(desk: Desk) -> None:
    desk.navigate("https://chatgpt.com/c/6")
    desk.stop_tray()
    desk.paste(PHI_OFFLINE)
    wait_for(lambda: desk.reports("notice"), 15, "the in-page notice")
    assert "not running" in desk.reports("notice")[-1]["text"]
    desk.paste(HARMLESS)
    wait_for(lambda: len(desk.reports("notice")) >= 2, 15, "a second notice")
    assert desk.reports("input") == []
    assert desk.reports("page_paste") == []
    assert desk.reports("send") == []


def test_the_companion_reconnects_when_the_tray_is_back(desk: Desk) -> None:
    desk.start_tray()  # the native host retries; the extension is told when it is back
    wait_for(lambda: desk.companions(), 30, "the companion reconnecting")
    desk.navigate("https://chatgpt.com/c/12")
    desk.paste(HARMLESS)
    wait_for(lambda: HARMLESS in _inputs(desk), 15, "a harmless paste after the tray came back")


def test_no_planted_value_in_any_file_written(desk: Desk) -> None:
    """Tray files, the browser profile (extension storage included) and temp files."""
    desk.stop_browser()
    never_in_page = ["Quenby", "88314207", "Vantongeren", "55120983", "60417723",
                     "Castellor", "39281746", "Brackwater", "20938475"]  # fmt: skip
    # These reached the page on purpose (override, false alarm, typed): the page and the
    # browser's own session files may keep them, but nothing of ours may.
    in_page = ["71029384", "Pellham", "Aldermoor", "47720561", "Trevellick", FILE_NAME,
               "Ashcombe", "83716254"]  # fmt: skip
    ours = [desk.tmp / "home", desk.tmp / "tmp"]
    extension = [p for p in (desk.tmp / "profile").rglob("*") if _extension_storage(p)]
    problems = _files_containing(desk.tmp, never_in_page)
    problems += _files_containing_any(ours + extension, in_page)
    assert problems == []
    assert any((desk.tmp / "home").rglob("*")), "the tray wrote nothing: the check is empty"


def _extension_storage(path: Path) -> bool:
    parts = "/".join(path.parts)
    return "jbndkgoamjpkfjefmpjdpbohgmgidadi" in parts or "Extension" in parts


def _files_containing(root: Path, values: list[str]) -> list[str]:
    return _files_containing_any([root], values)


def _files_containing_any(roots: list[Path], values: list[str]) -> list[str]:
    found = []
    for root in roots:
        files = [root] if root.is_file() else [p for p in root.rglob("*") if p.is_file()]
        for path in files:
            data = path.read_bytes()
            for value in values:
                if value.encode() in data or value.encode("utf-16-le") in data:
                    found.append(f"{path}: {value}")
    return found
