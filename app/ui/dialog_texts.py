"""What the clipboard warning dialog shows: its model for a decision, and the notes it
gives about a newer copy made while it is open (app.ui.bridge decides when)."""

from __future__ import annotations

from app.core.i18n import N_
from app.core.protect.decision import Decision
from app.core.protect.pipeline import Pipeline, ScanJob
from app.core.protect.wording import findings_sentence
from app.ui.warning_dialog import DialogModel
from detectors.redact import redact

PREVIEW_CHARS = 4000
NEWER_HELD = N_(
    "You copied something else while this window was open. It is held back too, "
    "and is being checked."
)
NEWER_CLEAN = N_(
    "Your newer copy has no patient information and is back on the clipboard. "
    "What you choose here applies to the earlier text only."
)
NEWER_ELSEWHERE = N_(
    "You copied something else since. What you choose here applies to the earlier "
    "text only, and leaves your newer copy on the clipboard."
)
NEWER_PHI = N_(
    "Your newer copy contains patient information too. It stays held back, and you "
    "will be asked about it next."
)


def dialog_model(pipeline: Pipeline, job: ScanJob, decision: Decision) -> DialogModel:
    """What the warning dialog shows for a decision (types, counts, a safe preview)."""
    report, policy = decision.report, pipeline.policy
    preview = None
    if report is not None and report.complete:
        preview = redact(job.text, report)[:PREVIEW_CHARS]
    return DialogModel(
        tool_name=job.tool.name,
        organization=policy.organization,
        findings=findings_sentence(report.counts_by_type() if report else {}),
        preview=preview,
        unchecked=decision.reason in ("scan_error", "scan_incomplete"),
        override_allowed=decision.override_offered,
        reasons=policy.override_reasons,
        min_chars=policy.override_min_chars,
        approved_name=policy.approved_name,
        approved_url=policy.approved_url,
        timeout_s=pipeline.settings.dialog_timeout_s,
    )
