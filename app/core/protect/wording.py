"""What the warning dialog and the tray say, in words a front-desk user reads at a glance.

Findings are types and counts only ("2 names, 1 date of birth"), never values. The
dialog speaks from the staff member's side ("Patient information can't be pasted into
ChatGPT (personal)") and explains the Business Associate Agreement in one sentence,
naming the practice when the policy names one. Plain Python, unit-tested without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from detectors.types import BY_CODE

# Short, staff-friendly names (singular, plural); other types use detectors.types labels.
_FRIENDLY: dict[str, tuple[str, str]] = {
    "NAME": ("name", "names"),
    "PROVIDER_NAME": ("clinician name", "clinician names"),
    "DATE": ("date tied to a person (such as a birth date)", "dates tied to a person"),
    "SSN": ("Social Security number", "Social Security numbers"),
    "HEALTH_PLAN_ID": ("Medicare or health plan number", "Medicare or health plan numbers"),
    "MRN": ("medical record number", "medical record numbers"),
    "PHONE": ("phone or fax number", "phone or fax numbers"),
    "EMAIL": ("e-mail address", "e-mail addresses"),
    "ADDRESS": ("street address", "street addresses"),
    "AGE_OVER_89": ("age over 89", "ages over 89"),
    "LOCATION": ("place below state level", "places below state level"),
    "HISTORY_YEAR": ("year of a past health event", "years of past health events"),
}


def type_phrase(code: str, count: int) -> str:
    """'1 name', '3 names'."""
    singular, plural = _FRIENDLY.get(code) or _default(code)
    return f"{count} {singular if count == 1 else plural}"


def _default(code: str) -> tuple[str, str]:
    known = BY_CODE.get(code)
    label = known.label if known else "other identifier"
    return label, label + ("es" if label.endswith("s") else "s")


def findings_sentence(counts: dict[str, int]) -> str:
    """All types, most frequent first: '2 names, 1 date …, 1 Social Security number'."""
    if not counts:
        return "nothing specific"
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(type_phrase(code, count) for code, count in ordered)


# The catalog says "(consumer)" for IT; staff know these as their personal accounts.
_STAFF_SUFFIXES = {" (consumer)": " (personal)"}
# The built-in policies are issued in PasteWarden's own name, not a practice's.
_NOT_A_PRACTICE_PREFIX = "PasteWarden "
YOUR_PRACTICE = "Your practice"


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
            return name.removesuffix(it_suffix) + staff_suffix
    return name


def practice_name(organization: str) -> str:
    """The policy's organisation, or 'Your practice' for PasteWarden's built-in policies."""
    name = organization.strip()
    return YOUR_PRACTICE if not name or name.startswith(_NOT_A_PRACTICE_PREFIX) else name


# Where the text was stopped: the clipboard (the tray) or a page (the browser companion).
_SUBJECT = {"send": "This text", "paste": "What you pasted", "drop": "What you dropped"}
_HELD_IN_PAGE = {"send": "It was not sent.", "paste": "It was not pasted into the page."}


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
        "PasteWarden could not finish checking this text, so it was held back to be safe."
        if unchecked
        else f"{_SUBJECT.get(where, 'What was copied')} looks like patient information: {findings}."
    )
    instead = f"Use {approved_name} instead" if approved_name else "Use an approved tool"
    held = (
        "The clipboard now holds a short notice instead."
        if where == "clipboard"
        else _HELD_IN_PAGE.get(where, "It was not added to the page.")
    )
    return DialogWording(
        headline=f"Patient information can't be pasted into {tool}",
        explanation=(
            f"{practice_name(organization)} may share patient information only with services "
            "that have signed a Business Associate Agreement, a contract to protect it under "
            f"HIPAA, and {tool} has not."
        ),
        found=found,
        next_step=f"{held} {instead}, or use a de-identified version.",
        approved_button=approved_button_label(approved_name),
    )


def approved_button_label(approved_name: str | None) -> str:
    """'&Open Microsoft 365 Copilot (work account)'; '&' in the name is not a mnemonic."""
    if not approved_name:
        return "&Open the approved tool"
    return "&Open " + approved_name.replace("&", "&&")
