"""Column headings of pasted tables and the identifier type each one gives its cells.

A heading is compared lower-cased with every run of non-letters and non-digits made
one space ("Date of Birth", "date_of_birth" and "DATE-OF-BIRTH" are all
"date of birth"). General-purpose headings ("date", "id", "city") type their cells only
in a table that also has a heading about a person (PERSON_COLUMNS): an office
spreadsheet of dates and amounts is not a patient list. And a table is only typed
when one heading is about a patient (PATIENT_HEADINGS: a DOB, MRN, SSN, member id,
"patient", a visit date …): a staff list of names, phones and e-mails is not one.
"""

from __future__ import annotations

import re


def _headings(joined: str) -> tuple[str, ...]:
    return tuple(joined.split("|"))


_NAME = _headings(
    "last|last name|lastname|surname|family name|first|first name|firstname|given name"
    "|middle|middle name|name|full name|patient|patient name|pt name|pt|member name"
    "|subscriber name|guardian|emergency contact|contact name|next of kin|nok|mother"
    "|father|spouse"
)
_DATE_OF_PERSON = _headings(
    "dob|date of birth|birth date|birthdate|birthday|dod|date of death|admit date"
    "|admission date|discharge date|date of service|dos|visit date|appt date"
    "|appointment date|service date"
)
_PLACE = _headings("city|town|county")
_OTHER_PERSONAL = {
    "MRN": _headings("mrn|medical record number|mr number|mr|chart number|chart"),
    "SSN": _headings("ssn|social security number|social security|ss number|itin"),
    "ZIP": _headings("zip|zip code|zipcode|postal code|postcode"),
    "PHONE": _headings("phone|telephone|phone number|cell|mobile|home phone|fax"),
    "EMAIL": _headings("email|e mail|email address"),
    "ADDRESS": _headings("address|street|street address|address 1|address1|addr"),
    "HEALTH_PLAN_ID": _headings("member id|subscriber id|insurance id|policy number|mbi"),
    "ACCOUNT": _headings("account|account number|acct|encounter|fin|visit number"),
    "OTHER_ID": _headings("patient id|pt id|patient number"),
}
_GENERAL = {
    "DATE": _headings("date|visit|appointment|appt"),
    "OTHER_ID": ("id",),
    # A schedule's clinician column: replaced in the copy, never the verdict alone.
    "PROVIDER_NAME": _headings("provider|doctor|physician|clinician|attending|pcp|seen by"),
}


def _table() -> dict[str, str]:
    table = {heading: "NAME" for heading in _NAME}
    table.update({heading: "DATE" for heading in _DATE_OF_PERSON})
    for code, headings in _OTHER_PERSONAL.items():
        table.update({heading: code for heading in headings})
    return table


PERSON_COLUMNS: dict[str, str] = _table()
GENERAL_COLUMNS: dict[str, str] = {h: code for code, hs in _GENERAL.items() for h in hs}
PLACE_COLUMNS: dict[str, str] = {heading: "LOCATION" for heading in _PLACE}

# Headings a staff or vendor list has as well: alone they make no patient table.
_SHARED_WITH_STAFF_LISTS = frozenset(
    _headings(
        "last|last name|lastname|surname|family name|first|first name|firstname|given name"
        "|middle|middle name|name|full name|contact name|emergency contact|mother|father"
        "|spouse|guardian"
    )
    + _OTHER_PERSONAL["ZIP"]
    + _OTHER_PERSONAL["PHONE"]
    + _OTHER_PERSONAL["EMAIL"]
    + _OTHER_PERSONAL["ADDRESS"]
    + _OTHER_PERSONAL["ACCOUNT"]
)
PATIENT_HEADINGS = frozenset(PERSON_COLUMNS) - _SHARED_WITH_STAFF_LISTS

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def heading_key(cell: str) -> str:
    """'Date of Birth' -> 'date of birth'; '"DOB:"' -> 'dob'."""
    return _SEPARATORS.sub(" ", cell.lower()).strip()
