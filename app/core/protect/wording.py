"""What the warning dialog and the tray say, in words a front-desk user reads at a glance.

Findings are types and counts only ("2 names, 1 date of birth"), never values. The
dialog speaks from the staff member's side ("Patient information can't be pasted into
ChatGPT (personal)") and explains the Business Associate Agreement in one sentence,
naming the practice when the policy names one. Plain Python, unit-tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.i18n import N_, _
from app.core.protect.type_names import type_phrase


def findings_sentence(counts: dict[str, int]) -> str:
    """All types, most frequent first: '2 names, 1 date …, 1 Social Security number'."""
    if not counts:
        return _("nothing specific")
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(type_phrase(code, count) for code, count in ordered)


# The catalog says "(consumer)" for IT; staff know these as their personal accounts.
_STAFF_SUFFIXES = {" (consumer)": N_(" (personal)")}
# The built-in policies are issued in PasteWarden's own name, not a practice's.
_NOT_A_PRACTICE_PREFIX = "PasteWarden "
YOUR_PRACTICE = N_("Your practice")


@dataclass(frozen=True)
class DialogWording:
    """Every sentence of the warning dialog; plain text (the dialog escapes it)."""

    headline: str
    explanation: str
    found: str
    next_step: str
    approved_button: str


def staff_tool_name(name: str) -> str:
    """'ChatGPT (consumer)' -> 'ChatGPT (personal)'; other names unchanged."""
    for it_suffix, staff_suffix in _STAFF_SUFFIXES.items():
        if name.endswith(it_suffix):
            return name.removesuffix(it_suffix) + _(staff_suffix)
    return name


def practice_name(organization: str) -> str:
    """The policy's organisation, or 'Your practice' for PasteWarden's built-in policies."""
    name = organization.strip()
    return _(YOUR_PRACTICE) if not name or name.startswith(_NOT_A_PRACTICE_PREFIX) else name


# Where the text was stopped: the clipboard (the tray) or a page (the browser companion).
_FOUND = {
    "send": N_("This text looks like patient information: {findings}."),
    "paste": N_("What you pasted looks like patient information: {findings}."),
    "drop": N_("What you dropped looks like patient information: {findings}."),
    "clipboard": N_("What was copied looks like patient information: {findings}."),
}
_HELD = {
    "clipboard": N_("The clipboard now holds a short notice instead."),
    "send": N_("It was not sent."),
    "paste": N_("It was not pasted into the page."),
    "drop": N_("It was not added to the page."),
}


def dialog_wording(
    tool_name: str,
    organization: str,
    findings: str,
    unchecked: bool = False,
    approved_name: str | None = None,
    where: str = "clipboard",
) -> DialogWording:
    """The dialog's sentences for one blocked paste (`where`: clipboard, paste, send, drop)."""
    tool = staff_tool_name(tool_name)
    found = (
        _("PasteWarden could not finish checking this text, so it was held back to be safe.")
        if unchecked
        else _(_FOUND.get(where, _FOUND["clipboard"])).format(findings=findings)
    )
    held = _(_HELD.get(where, _HELD["drop"]))
    if approved_name:
        next_step = _("{held} Use {approved} instead, or use a de-identified version.")
    else:
        next_step = _("{held} Use an approved tool, or use a de-identified version.")
    return DialogWording(
        headline=_("Patient information can't be pasted into {tool}").format(tool=tool),
        explanation=_(
            "{practice} may share patient information only with services that have signed "
            "a Business Associate Agreement, a contract to protect it under HIPAA, and "
            "{tool} has not."
        ).format(practice=practice_name(organization), tool=tool),
        found=found,
        next_step=next_step.format(held=held, approved=approved_name),
        approved_button=approved_button_label(approved_name),
    )


def approved_button_label(approved_name: str | None) -> str:
    """'&Open Microsoft 365 Copilot (work account)'; '&' in the name is not a mnemonic."""
    if not approved_name:
        return _("&Open the approved tool")
    return _("&Open {tool}").format(tool=approved_name.replace("&", "&&"))
