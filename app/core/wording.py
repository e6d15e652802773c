"""What the dialog and tray say about findings: "2 names, 1 date of birth, 1 Medicare number".

Types and counts only, never values. Plain Python so the wording is unit-tested without Qt.
"""

from __future__ import annotations

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
