"""The identifier types PasteWarden reports, their Safe Harbor letter and redaction placeholder.

One table drives the verdict (which types make a clipboard PHI), the redaction
placeholders and the human-readable labels, so every layer names types the same way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdentifierType:
    """One kind of finding the scanner can report."""

    code: str
    label: str
    safe_harbor: str  # letter in ../shared/HIPAA.md; "" when not a patient identifier
    placeholder: str
    patient_identifier: bool = True  # False: reported, but never makes a clipboard PHI alone
    redacted: bool = True  # False: the de-identified copy keeps it (Safe Harbor allows it)


_TYPES = [
    IdentifierType("NAME", "person name", "A", "[NAME]"),
    IdentifierType("PROVIDER_NAME", "clinician name", "", "[PROVIDER]", patient_identifier=False),
    IdentifierType("ADDRESS", "street address", "B", "[ADDRESS]"),
    IdentifierType("LOCATION", "place below state level", "B", "[LOCATION]"),
    # A hospital or nursing home names no patient ("admitted to <Town> Hospital"), but in a
    # note about one it narrows who that is: replaced in the copy, never the verdict alone.
    IdentifierType(
        "FACILITY",
        "hospital or care facility name",
        "B",
        "[FACILITY]",
        patient_identifier=False,
    ),
    IdentifierType("ZIP", "ZIP code", "B", "[ZIP]"),
    IdentifierType("DATE", "date tied to a person", "C", "[DATE]"),
    IdentifierType(
        "HISTORY_YEAR",
        "year of a past health event",
        "",
        "[YEAR]",
        patient_identifier=False,
        redacted=False,
    ),
    IdentifierType("AGE_OVER_89", "age over 89", "C", "[AGE 90+]"),
    IdentifierType("PHONE", "telephone or fax number", "D", "[PHONE]"),
    IdentifierType("EMAIL", "e-mail address", "F", "[EMAIL]"),
    IdentifierType("SSN", "Social Security number", "G", "[SSN]"),
    IdentifierType("MRN", "medical record number", "H", "[MRN]"),
    IdentifierType("HEALTH_PLAN_ID", "health plan beneficiary number", "I", "[PLAN ID]"),
    IdentifierType("ACCOUNT", "account or claim number", "J", "[ACCOUNT]"),
    IdentifierType("LICENSE", "certificate or licence number", "K", "[LICENSE]"),
    IdentifierType("VEHICLE", "vehicle identifier or plate", "L", "[VEHICLE]"),
    IdentifierType("DEVICE", "device identifier or serial", "M", "[DEVICE]"),
    IdentifierType("URL", "web address", "N", "[URL]"),
    IdentifierType("IP_ADDRESS", "IP address", "O", "[IP]"),
    IdentifierType("BIOMETRIC", "biometric identifier", "P", "[BIOMETRIC]"),
    IdentifierType("OTHER_ID", "other unique identifier", "R", "[ID]"),
    IdentifierType("NPI", "provider NPI", "", "[NPI]", patient_identifier=False),
    IdentifierType("DEA", "provider DEA number", "K", "[DEA]", patient_identifier=False),
]

BY_CODE: dict[str, IdentifierType] = {t.code: t for t in _TYPES}
ALL_CODES: tuple[str, ...] = tuple(BY_CODE)


def placeholder(code: str) -> str:
    """The de-identification placeholder for a type code ([ID] for unknown codes)."""
    known = BY_CODE.get(code)
    return known.placeholder if known else "[ID]"


def is_patient_identifier(code: str) -> bool:
    """True when a finding of this type can make a clipboard PHI on its own."""
    known = BY_CODE.get(code)
    return known.patient_identifier if known else True


def is_redacted(code: str) -> bool:
    """True when the de-identified copy replaces findings of this type."""
    known = BY_CODE.get(code)
    return known.redacted if known else True
