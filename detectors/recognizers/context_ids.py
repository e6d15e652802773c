"""Identifiers with no fixed format, recognised by the label written before them.

MRNs, member/subscriber/Medicaid/policy numbers, account/encounter/claim numbers,
licence and certificate numbers, device serials and other ids (patient id, user
id, case #) look like any other code; only the label says what they are. Spanish
labels count too: "expediente", "historia clínica", "número de afiliado", "póliza",
with "número" as a marker and "es" as the verb ("su número de Medi-Cal es …"). Each
recognizer here pairs a set of labels with an id-shaped value: 4-30 letters,
digits and inner dashes with at least one digit, right after the label and an
optional "#", "no.", "number", "id", ":" or "is". The label is not part of the span.

Some labels are everyday words ("chart", "policy", "visit", "case"), so they only
count when a marker follows ("Chart #", "policy no.", "Visit #", "case number").
Four-digit years, dates and dose-like values ("12mg") are rejected.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule, Validator

# A marker that turns an everyday word into a label: "chart #", "policy no.".
_MARKER = r"\s*(?:#|(?:no|nbr|num|number|id|n[uú]m|n[uú]mero)(?![a-z])\.?)"
# "is"/"was", and the Spanish "es"/"era": "su número de Medi-Cal es 91827364A".
_SEP = rf"\.?(?:{_MARKER})?\s*[:#=.\-]?\s*(?:(?:is|was|es|era)\s+)?#?\s*"
_ID_VALUE = r"(?P<value>(?=[A-Z0-9\-]*\d)[A-Z0-9](?:[A-Z0-9\-]{2,28}[A-Z0-9]))"
# A record number may mix dashes and slashes ("MRN 44-8201/77"); after a record label a
# slash between digits is part of the number, not a date.
_RECORD_VALUE = r"(?P<value>(?=[A-Z0-9\-/]*\d)[A-Z0-9](?:[A-Z0-9\-/]{2,28}[A-Z0-9]))"
# User names and portal ids may also contain dots and underscores.
_HANDLE_VALUE = r"(?P<value>(?=[A-Z0-9._\-]*\d)[A-Z0-9](?:[A-Z0-9._\-]{2,28}[A-Z0-9]))"
# Stop before "/" or "." followed by a digit: "10/27/2026" and "2.8" are not ids.
_END = r"(?![\w\-]|[/.:,]\d)"

_YEAR = regex.compile(r"(?:19|20)\d\d")
_MEASUREMENT = regex.compile(
    r"\d+(?:\.\d+)?(?:mg|mcg|ml|kg|cm|mm|hrs?|min|am|pm|yo|st|nd|rd|th|x)", regex.IGNORECASE
)


@dataclass(frozen=True)
class _Labels:
    """Which labels announce one identifier type, and how sure a labelled value is."""

    entity: str
    name: str
    plain: str  # regex alternation of labels that stand alone
    marked: str  # labels that need a marker (#, no., number, id) after them
    score: float
    value: str = _ID_VALUE


_LABELS = (
    _Labels(
        "MRN",
        "MrnRecognizer",
        plain=r"mrn|mr\s?#|med(?:ical)?\.?\s+rec(?:ord)?s?\.?|hospital\s+(?:no\.?|number)"
        r"|unit\s+(?:no\.?|number)"
        r"|expediente(?:\s+(?:m[eé]dico|cl[ií]nico))?|historia\s+cl[ií]nica",  # Spanish
        marked=r"chart",
        score=0.9,
        value=_RECORD_VALUE,
    ),
    _Labels(
        "HEALTH_PLAN_ID",
        "HealthPlanIdRecognizer",
        plain=r"member|subscriber|medicaid|medi-cal|beneficiary|health\s+plan(?:\s+id)?"
        r"|insurance\s+id|plan\s+id|hicn"
        r"|n[uú]mero\s+de\s+(?:afiliado|miembro|p[oó]liza)|seguro\s+m[eé]dico",  # Spanish
        marked=r"policy|group|insurance|plan|contract|p[oó]liza",
        score=0.85,
    ),
    _Labels(
        "ACCOUNT",
        "AccountNumberRecognizer",
        plain=r"acct|account|encounter|fin|claim|har",
        marked=r"enc|visit|invoice|billing|statement",
        score=0.85,
    ),
    _Labels(
        "LICENSE",
        "LicenseNumberRecognizer",
        plain=r"driver'?s?\s+licen[cs]e|driving\s+licen[cs]e|(?<!/)(?-i:DL)"
        r"|licen[cs]e(?!\s+plate)|certificate",
        marked=r"lic|cert|permit",
        score=0.85,
    ),
    _Labels(
        "DEVICE",
        "DeviceSerialRecognizer",
        plain=r"serial|s/n|(?-i:SN)|device\s+id|implant\s+id",
        marked=r"device|implant|pacemaker|pump",
        score=0.85,
    ),
    _Labels(
        "OTHER_ID",
        "OtherIdRecognizer",
        plain=r"patient\s+id|pt\s+id|user\s*id|user\s*name|login|(?:member\s+)?portal\s+id"
        r"|mychart\s+id|accession|specimen\s+id|identifier|(?:id|identity)\s+confirmed\s+with",
        marked=r"case|ref|reference|confirmation|requisition|specimen|patient|report"
        r"|rx|prescription|order",  # a pharmacy's prescription number, an order number
        score=0.8,
        value=_HANDLE_VALUE,
    ),
)


def _pattern(labels: _Labels) -> str:
    keyword = rf"(?:{labels.plain}|(?:{labels.marked}){_MARKER})"
    # A label ending in a letter must end a word ("finance" is not "fin"); "MR#" need not,
    # and neither does one glued to a run of 5+ digits ("MRN4488120").
    word_end = r"(?:(?<=[^a-z0-9])|(?![a-z0-9])|(?=\d{5}))"
    return rf"(?<![a-z0-9]){keyword}{word_end}{_SEP}{labels.value}{_END}"


# Record, member and account numbers written in groups: "MRN 448 812 03", "MRN:
# 4488/1203", "Member ID XEH 881 200 44". One separator throughout, so "MRN 4488 12/03"
# stays a number and a date; every group after the first is digits, the first digits or
# capitals ("account for 1200 dollars" is no number).
_GROUPED_VALUE = (
    r"(?P<value>(?-i:[A-Z0-9]{2,4})(?P<sep>[ /])\d{2,4}(?:(?P=sep)\d{2,4}){0,2})"
    r"(?![\w\-/]|[.:,]\d)"
)
_GROUPED_TYPES = frozenset({"MRN", "HEALTH_PLAN_ID", "ACCOUNT"})


def _grouped_pattern(labels: _Labels) -> str:
    keyword = rf"(?:{labels.plain}|(?:{labels.marked}){_MARKER})"
    return rf"(?<![a-z0-9]){keyword}(?![a-z]){_SEP}{_GROUPED_VALUE}"


def _gate(labels: _Labels) -> str:
    """A label starting a word, a marked one with its marker: without one no match."""
    return rf"(?<![a-z0-9])(?:{labels.plain}|(?:{labels.marked}){_MARKER})"


def _validator(score: float) -> Validator:
    def validate(text: str, match: regex.Match[str]) -> float | None:
        value = match.group("value")
        if _YEAR.fullmatch(value) or _MEASUREMENT.fullmatch(value):
            return None
        return score

    return validate


def _rules(labels: _Labels) -> list[Rule]:
    rules = [Rule(labels.name, _pattern(labels), labels.score, gate=_gate(labels))]
    if labels.entity in _GROUPED_TYPES:
        name = f"{labels.name}Grouped"
        rules.append(Rule(name, _grouped_pattern(labels), labels.score, gate=_gate(labels)))
    return rules


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            labels.entity,
            _rules(labels),
            name=labels.name,
            validator=_validator(labels.score),
        )
        for labels in _LABELS
    ]
