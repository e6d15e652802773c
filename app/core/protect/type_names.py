"""Identifier types as staff read them, with their counts: "1 name", "3 Social Security
numbers", in the language in use (app.core.i18n). Qt-free.

Each phrase is one ngettext entry with its own plural form, so languages whose plural
is not an English "s" (or whose count rules differ) say it right. A type without a
phrase of its own reads as "other identifier".
"""

from __future__ import annotations

from collections.abc import Callable

from app.core.i18n import ngettext

Phrase = Callable[[int], str]

# Short, staff-friendly names; every detectors.types code has one.
_PHRASES: dict[str, Phrase] = {
    "NAME": lambda n: ngettext("{count} name", "{count} names", n),
    "PROVIDER_NAME": lambda n: ngettext("{count} clinician name", "{count} clinician names", n),
    "DATE": lambda n: ngettext(
        "{count} date tied to a person (such as a birth date)",
        "{count} dates tied to a person",
        n,
    ),
    "SSN": lambda n: ngettext(
        "{count} Social Security number", "{count} Social Security numbers", n
    ),
    "HEALTH_PLAN_ID": lambda n: ngettext(
        "{count} Medicare or health plan number", "{count} Medicare or health plan numbers", n
    ),
    "MRN": lambda n: ngettext("{count} medical record number", "{count} medical record numbers", n),
    "PHONE": lambda n: ngettext("{count} phone or fax number", "{count} phone or fax numbers", n),
    "EMAIL": lambda n: ngettext("{count} e-mail address", "{count} e-mail addresses", n),
    "ADDRESS": lambda n: ngettext("{count} street address", "{count} street addresses", n),
    "AGE_OVER_89": lambda n: ngettext("{count} age over 89", "{count} ages over 89", n),
    "LOCATION": lambda n: ngettext(
        "{count} place below state level", "{count} places below state level", n
    ),
    "HISTORY_YEAR": lambda n: ngettext(
        "{count} year of a past health event", "{count} years of past health events", n
    ),
    "FACILITY": lambda n: ngettext(
        "{count} hospital or care facility name", "{count} hospital or care facility names", n
    ),
    "ZIP": lambda n: ngettext("{count} ZIP code", "{count} ZIP codes", n),
    "ACCOUNT": lambda n: ngettext(
        "{count} account or claim number", "{count} account or claim numbers", n
    ),
    "LICENSE": lambda n: ngettext(
        "{count} certificate or licence number", "{count} certificate or licence numbers", n
    ),
    "VEHICLE": lambda n: ngettext(
        "{count} vehicle identifier or plate", "{count} vehicle identifiers or plates", n
    ),
    "DEVICE": lambda n: ngettext(
        "{count} device identifier or serial", "{count} device identifiers or serials", n
    ),
    "URL": lambda n: ngettext("{count} web address", "{count} web addresses", n),
    "IP_ADDRESS": lambda n: ngettext("{count} IP address", "{count} IP addresses", n),
    "BIOMETRIC": lambda n: ngettext(
        "{count} biometric identifier", "{count} biometric identifiers", n
    ),
    "OTHER_ID": lambda n: ngettext(
        "{count} other unique identifier", "{count} other unique identifiers", n
    ),
    "NPI": lambda n: ngettext("{count} provider NPI", "{count} provider NPIs", n),
    "DEA": lambda n: ngettext("{count} provider DEA number", "{count} provider DEA numbers", n),
}


def _other(count: int) -> str:
    return ngettext("{count} other identifier", "{count} other identifiers", count)


def type_phrase(code: str, count: int) -> str:
    """'1 name', '3 names' (in the language in use)."""
    return _PHRASES.get(code, _other)(count).format(count=count)


def known_codes() -> tuple[str, ...]:
    """The codes with a phrase of their own."""
    return tuple(_PHRASES)
