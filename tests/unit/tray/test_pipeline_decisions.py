"""The decision table and the pipeline's state machine, with fakes at every port.

Covers tool × findings × policy -> action, the fail-closed paths (scan error, incomplete
scan, journal failure), the grace period, our own clipboard writes, pause and staleness.
"""

from __future__ import annotations

import pytest
from tray_fakes import FailingSink, FakeMatcher, policy, report, tool

from app.core.journal.incident import Justification
from app.core.models import ForegroundWindow
from app.core.ports import MemoryIncidentSink
from app.core.protect.clipboard_text import text_key
from app.core.protect.decision import decide
from app.core.protect.events import UNSCANNED_REASON, sanitize_reason
from app.core.protect.pipeline import Pipeline, PipelineSettings, ScanJob, Trigger
from detectors.models import Finding, ScanReport, Severity
from detectors.types import is_patient_identifier

PHI_TEXT = "Mr. Wendell Purcell DOB 03/22/1951"


def want(pipe: Pipeline, text: str, trigger: Trigger) -> ScanJob | None:
    """want_scan for a plain-text clipboard holding `text`."""
    return pipe.want_scan(text_key(text), trigger, text)


@pytest.mark.parametrize(
    ("action", "types", "complete", "error", "override", "expected", "reason"),
    [
        ("block", ("NAME", "DATE"), True, False, True, "block", "phi_found"),
        ("block", (), True, False, True, "allow", "clean"),
        ("block", (), False, False, True, "block", "scan_incomplete"),
        ("block", (), True, True, True, "block", "scan_error"),
        ("block", ("PROVIDER_NAME",), True, False, True, "allow", "clean"),
        ("block", ("HISTORY_YEAR", "PROVIDER_NAME"), True, False, True, "allow", "clean"),
        ("block_with_override", ("SSN",), True, False, True, "block_with_override", "phi_found"),
        ("block_with_override", ("SSN",), True, False, False, "block", "phi_found"),
        ("block_with_override", (), False, False, True, "block_with_override", "scan_incomplete"),
        ("warn", ("NAME",), True, False, True, "warn", "phi_found"),
        ("warn", (), True, False, True, "allow", "clean"),
        ("warn", (), True, True, True, "warn", "scan_error"),
        ("allow", ("NAME",), True, False, True, "allow", "tool_allowed"),
    ],
)
def test_decision_table(
    action: str,
    types: tuple[str, ...],
    complete: bool,
    error: bool,
    override: bool,
    expected: str,
    reason: str,
) -> None:
    scanned = None if error else report(*types, complete=complete)
    decision = decide(tool(action), scanned, policy(override=override), error=error)  # type: ignore[arg-type]
    assert (decision.action, decision.reason) == (expected, reason)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(action: str = "block_with_override", sink: object = None, **kw: int) -> tuple:
    clock = Clock()
    matcher = FakeMatcher({"ChatGPT": tool(action)})  # type: ignore[arg-type]
    sink = sink if sink is not None else MemoryIncidentSink()
    pipe = Pipeline(matcher, policy(**kw), sink, PipelineSettings(grace_s=60), clock)  # type: ignore[arg-type]
    return pipe, sink, clock


CHAT = ForegroundWindow("google-chrome", "ChatGPT - Google Chrome", 42)
EPIC = ForegroundWindow("epic", "Epic Hyperspace", 43)


def test_no_scan_without_a_matched_tool_in_front() -> None:
    pipe, _, _ = make()
    assert pipe.on_window(EPIC) is False
    assert pipe.on_clipboard_changed() is False
    assert want(pipe, PHI_TEXT, "clipboard") is None


def test_block_then_cancel_journals_and_keeps_the_notice() -> None:
    pipe, sink, _ = make()
    assert pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "window")
    assert job is not None and PHI_TEXT not in repr(job)
    decision = pipe.on_scanned(job, report("NAME", "DATE"))
    assert decision is not None and decision.enforced
    result = pipe.resolve(decision, job, "cancel", None)
    assert (result.release, result.recorded) == ("keep_notice", True)
    event = sink.events[-1]
    assert event.action == "blocked" and event.enforcement == "clipboard_quarantine"
    assert [(d.type, d.count) for d in event.detections] == [("DATE", 1), ("NAME", 1)]
    assert event.tool.id == "chatgpt" and event.tool.process == "google-chrome"
    assert PHI_TEXT not in repr(sink.events)


def test_cancelled_content_is_asked_about_again() -> None:
    pipe, _, _ = make()
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "window")
    assert job is not None
    decision = pipe.on_scanned(job, report("NAME"))
    assert decision is not None
    pipe.resolve(decision, job, "cancel", None)
    assert want(pipe, PHI_TEXT, "clipboard") is not None


def test_override_restores_and_is_not_asked_again_within_grace() -> None:
    pipe, sink, clock = make()
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "clipboard")
    assert job is not None
    decision = pipe.on_scanned(job, report("NAME"))
    assert decision is not None
    reason = Justification("Other (explain)", "patient asked <NAME>")
    result = pipe.resolve(decision, job, "override", reason)
    assert result.release == "restore"
    assert sink.events[-1].action == "overridden"
    assert sink.events[-1].justification == reason
    assert want(pipe, PHI_TEXT, "window") is None
    clock.now += 61
    assert want(pipe, PHI_TEXT, "window") is not None


def test_grace_is_per_tool() -> None:
    pipe, _, _ = make()
    pipe._matcher = FakeMatcher({"ChatGPT": tool("block"), "Gemini": tool("block", "gemini")})
    pipe.on_window(CHAT)
    job = want(pipe, "clean text", "window")
    assert job is not None
    assert pipe.on_scanned(job, report()) is not None
    assert want(pipe, "clean text", "window") is None
    pipe.on_window(ForegroundWindow("chrome", "Gemini - Google Chrome"))
    assert want(pipe, "clean text", "window") is not None


def test_redacted_copy_sets_a_deidentified_text_and_skips_it_later() -> None:
    pipe, sink, _ = make()
    pipe.on_window(CHAT)
    text = "Seen: Wendell Purcell today"
    job = want(pipe, text, "clipboard")
    assert job is not None
    scanned = report()
    scanned = type(scanned)(
        findings=(type(report("NAME").findings[0])(6, 21, "NAME", 0.9, "fake"),),
        phi=True,
        severity=scanned.severity,
        complete=True,
        chars=len(text),
    )
    decision = pipe.on_scanned(job, scanned)
    assert decision is not None
    result = pipe.resolve(decision, job, "redacted_copy", None)
    assert result.release == "set_redacted" and result.redacted == "Seen: [NAME] today"
    assert sink.events[-1].action == "redacted_copy"
    assert want(pipe, "Seen: [NAME] today", "clipboard") is None


def test_redacted_copy_of_an_incomplete_scan_keeps_the_notice() -> None:
    pipe, _, _ = make()
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "clipboard")
    assert job is not None
    decision = pipe.on_scanned(job, report(complete=False))
    assert decision is not None and decision.reason == "scan_incomplete"
    assert pipe.resolve(decision, job, "redacted_copy", None).release == "keep_notice"


@pytest.mark.parametrize(("override", "release"), [(True, "restore"), (False, "keep_notice")])
def test_false_alarm_restores_only_where_override_is_allowed(override: bool, release: str) -> None:
    pipe, sink, _ = make(override=override)
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "clipboard")
    assert job is not None
    decision = pipe.on_scanned(job, report("NAME"))
    assert decision is not None
    assert pipe.resolve(decision, job, "false_alarm", None).release == release
    assert sink.events[-1].action == "false_alarm_reported"


def test_journal_failure_fails_closed() -> None:
    sink = FailingSink()
    pipe, _, _ = make(sink=sink)
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "clipboard")
    assert job is not None
    decision = pipe.on_scanned(job, report("NAME"))
    assert decision is not None
    result = pipe.resolve(decision, job, "override", Justification("x"))
    assert (result.release, result.recorded) == ("keep_notice", False)
    assert not pipe.journal_ok and sink.attempts == 1
    assert want(pipe, PHI_TEXT, "clipboard") is not None  # not cleared either


def test_stale_scan_is_dropped_when_the_clipboard_changed() -> None:
    pipe, _, _ = make()
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "clipboard")
    assert job is not None
    pipe.on_clipboard_changed()
    assert pipe.on_scanned(job, report("NAME")) is None


def test_a_second_copy_while_a_decision_is_open_is_scanned_and_wins_the_clipboard() -> None:
    pipe, sink, _ = make()
    pipe.on_window(CHAT)
    first = want(pipe, PHI_TEXT, "clipboard")
    assert first is not None
    decision = pipe.on_scanned(first, report("NAME"))
    assert decision is not None and decision.enforced and pipe.quarantines()
    pipe.on_clipboard_changed()  # the user copies again while the dialog is open
    second = want(pipe, "SSN 219-09-9999", "clipboard")
    assert second is not None and pipe.is_current(second) and not pipe.is_current(first)
    # overriding the earlier text is journaled but never written over the newer copy
    result = pipe.resolve(decision, first, "override", Justification("other", "x"))
    assert (result.release, result.recorded) == ("keep_notice", True)
    assert sink.events[-1].action == "overridden"
    assert want(pipe, PHI_TEXT, "clipboard") is None  # copying it again passes


def test_warn_tool_records_a_notification_and_remembers_it() -> None:
    pipe, sink, _ = make(action="warn")
    pipe.on_window(CHAT)
    job = want(pipe, PHI_TEXT, "clipboard")
    assert job is not None
    decision = pipe.on_scanned(job, report("NAME"))
    assert decision is not None and decision.action == "warn" and not pipe.quarantines()
    assert pipe.record_warning(decision, job)
    assert sink.events[-1].action == "allowed_policy"
    assert sink.events[-1].enforcement == "notification"
    assert want(pipe, PHI_TEXT, "clipboard") is None


def test_our_own_notice_is_never_scanned() -> None:
    pipe, _, _ = make()
    pipe.on_window(CHAT)
    pipe.own_write("our notice")
    assert want(pipe, "our notice", "clipboard") is None


def test_pause_is_journaled_and_stops_protection_until_it_ends() -> None:
    pipe, sink, clock = make()
    pipe.on_window(CHAT)
    assert pipe.pause() is None
    assert sink.events[-1].kind == "agent_state" and sink.events[-1].state == "paused"
    assert want(pipe, PHI_TEXT, "clipboard") is None
    clock.now += 15 * 60 + 1
    assert want(pipe, PHI_TEXT, "clipboard") is not None


def test_pause_refused_when_policy_forbids() -> None:
    pipe, sink, _ = make(pause=False)
    assert pipe.pause() == "not_allowed"
    assert sink.events == []


def test_pause_over_the_daily_limit_is_refused_and_journaled() -> None:
    pipe, sink, _ = make()
    pipe.on_window(CHAT)
    assert pipe.pause(taken_today=2) is None  # the third of 3
    pipe.resume()
    assert pipe.pause(taken_today=3) == "limit_reached"
    assert [e.state for e in sink.events] == ["paused", "resumed", "pause_limit_reached"]
    assert not pipe.paused() and pipe.want_scan(PHI_TEXT, "clipboard") is not None


def test_pause_length_comes_from_the_policy() -> None:
    pipe, _, clock = make(pause_minutes=5)
    pipe.on_window(CHAT)
    assert pipe.pause() is None
    clock.now += 5 * 60 - 1
    assert pipe.paused()
    clock.now += 2
    assert not pipe.paused()


def test_a_pause_that_cannot_be_journaled_does_not_start() -> None:
    pipe, _, _ = make(sink=FailingSink())
    pipe.on_window(CHAT)
    assert pipe.pause() == "not_recorded"
    assert not pipe.paused() and not pipe.journal_ok


def test_new_policy_rematches_the_window_and_forgets_decisions() -> None:
    pipe, _, _ = make()
    pipe.on_window(CHAT)
    job = want(pipe, "clean", "window")
    assert job is not None
    pipe.on_scanned(job, report())
    pipe.set_policy(FakeMatcher({}), policy())
    assert not pipe.protecting()
    pipe.set_policy(FakeMatcher({"ChatGPT": tool("block")}), policy())
    assert want(pipe, "clean", "window") is not None


def _one_finding(text: str, start: int, end: int, code: str) -> ScanReport:
    """A complete scan of `text` with a single finding."""
    return ScanReport(
        findings=(Finding(start, end, code, 0.9, "fake"),),
        phi=is_patient_identifier(code),
        severity=Severity.LOW,
        complete=True,
        chars=len(text),
    )


def test_override_reason_is_sanitised() -> None:
    text = "Mr Purcell asked for it"
    # The finding becomes <NAME>; the strict filter masks every capitalised word too.
    assert sanitize_reason(text, _one_finding(text, 3, 10, "NAME")) == "<WORD> <NAME> asked for it"
    assert sanitize_reason(text, report(complete=False)) == UNSCANNED_REASON


def test_override_reason_masks_even_what_the_copy_may_keep() -> None:
    """A year of a health event stays in the de-identified copy, but not in the journal."""
    text = "CABG 1999, needed the dose"
    masked = sanitize_reason(text, _one_finding(text, 5, 9, "HISTORY_YEAR"))
    assert masked == "<WORD> <HISTORY_YEAR>, needed the dose"


def test_a_window_is_matched_by_its_class_when_its_instance_is_unknown() -> None:
    from policy.catalog import ToolCatalog
    from policy.paths import resource_path
    from policy.validate import parse_policy, read_policy_bytes

    builtin = resource_path("default_policy.json")
    catalog = ToolCatalog(parse_policy(read_policy_bytes(builtin), str(builtin)).policy)
    pipe = Pipeline(catalog, policy(), MemoryIncidentSink())
    title = "Drug interaction question — Mozilla Firefox"
    assert not pipe.on_window(ForegroundWindow("navigator", title))  # brand-free title
    assert not pipe.on_window(ForegroundWindow("navigator", "ChatGPT", app_class=None))
    assert pipe.on_window(ForegroundWindow("navigator", "ChatGPT", app_class="firefox"))
