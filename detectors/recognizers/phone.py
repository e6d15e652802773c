"""Telephone, fax and pager numbers (Safe Harbor D, E).

NANP numbers (area and exchange codes start with 2-9) in the many ways clinical notes
write them: 212-555-0148, (212) 555-0148, 212.555.0148, 201/324/1423,
"212- 555- 0148", "301 555-0148", "(240555-0148)", bare 2125550148, +1/001 prefixes
and "x45"/"ext 12" extensions (kept in the span). Numbers that break NANP digit rules
(surrogates, typos) are still reported, at 0.6, in the strict 3-3-4 dashed shape.
Seven-digit local numbers need a phone word just before them ("call 555-0148");
pager numbers are 4-6 digits right after "pager"/"pgr"/"PG"/"beeper". Other
countries' numbers (7-15 digits in groups) count after a phone label ("Mobile:",
"call me on") or with a "+" prefix.

Clinical notes are full of numbers, so the bare and space-separated forms score
lower and are dropped when they sit inside a run of numbers, when a label such as
"MRN" or "Acct #" announces them, or when "NPI" does (a phone-shaped NPI).
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers._keywords import OTHER_ID_KEYWORDS, PHONE_KEYWORDS, announced_by
from detectors.recognizers.base import ContextSpec, RegexRecognizer, Rule, has_context

# Digits glued to letters, money, decimals or other codes are not phone numbers.
_BEFORE = r"(?<![\w$.,/+]|\d-)"
_AFTER = r"(?![\w/]|[.,:\-]\d)"
# A number followed by a unit is a dose or a measurement ("250-500-1000 mg"). Only the
# word parts ignore case: the number rules match case-sensitively, ~1.5x faster in regex.
_NOT_UNIT = (
    r"(?i:(?!\s?(?:mg|mcg|ug|g|kg|ml|l|units?|u|iu|meq|mmol|mmhg|cc|lbs?|oz|hrs?|min|"
    r"days?|weeks?|wks?|months?|years?|yrs?|%)(?![a-z])))"
)
_SEP = r"(?:\s?[-.\u2013/]\s?|\s)"
_EXT = r"(?i:,?\s?(?:x|ext\.?|extension)\s?\d{1,5})"

# The leading look-ahead changes no match (every number starts with a digit, "(" or
# "+") but lets the regex engine skip other positions fast: ~7 -> ~2 ms per 30 KB.
_NANP = (
    rf"(?=[\d(+]){_BEFORE}(?P<value>(?:(?:\+?1|001)\s?[-.]?\s?)?"
    rf"(?:\(\s?[2-9]\d{{2}}\s?\)\s?[-.]?\s?|[2-9]\d{{2}}{_SEP}?)"
    rf"[2-9]\d{{2}}{_SEP}?\d{{4}}{_EXT}?){_AFTER}{_NOT_UNIT}"
)
# Surrogate and mistyped numbers break NANP rules (area/exchange starting 0 or 1) but
# keep the unmistakable 3-3-4 dashed shape.
_LOOSE_DASHED = (
    rf"{_BEFORE}(?P<value>(?:(?:\+1|001|1)-)?(?P<number>\d{{3}}-\d{{3}}-\d{{4}}){_EXT}?)"
    rf"{_AFTER}{_NOT_UNIT}"
)
_LOCAL = rf"{_BEFORE}(?P<value>[2-9]\d{{2}}[-. ]\d{{4}}{_EXT}?){_AFTER}{_NOT_UNIT}"
_PAGER = (
    r"(?<![a-z])(?:pager|pgr|pg|beeper|bpr)(?![a-z])[\s:#.]*"
    r"(?:(?:no|num|number)\.?[\s:#]*)?"
    rf"(?P<value>\d{{4,6}}){_AFTER}{_NOT_UNIT}"
)

# Outside the NANP: 7-15 digits in groups, after a phone label or with a "+" prefix.
# A comma may glue a number list ("1,234"), not a label: "Office\\,+447700 208 815".
_BEFORE_INTERNATIONAL = r"(?<![\w$./+]|\d-|\d,)"
_INTERNATIONAL = (
    rf"{_BEFORE_INTERNATIONAL}(?P<value>(?:\+|00)?\(?\d[\d().\-/ ]{{5,24}}\d{_EXT}?)"
    rf"{_AFTER}{_NOT_UNIT}"
)
_CALL_ME = regex.compile(
    r"(?:(?:call|reach|text|contact)\w*\s+(?:me|us|him|her|them)?\s*(?:on|at)"
    r"|answering\s+(?:at|on)|messages?\s+(?:to|at|on)|registered(?:\s+(?:number|phone))?"
    r"|(?:number|phone)\s+is)\s*:?\s*$",
    regex.IGNORECASE,
)
# A mistyped number kept in its own parentheses: "(301 273 45166)", one digit too many.
_PARENTHESISED = r"(?<=\(\s?)(?P<value>[2-9]\d{2}[ .\-][2-9]\d{2}[ .\-]\d{5})(?=\s?\))"
# "082 490 1693-Office", "416 60 039 office": a label right after the number.
_LABEL_AFTER = regex.compile(r"\s*-?\s*(?:office|fax|mobile|cell|home|work)\b", regex.IGNORECASE)
_INTERNATIONAL_LABELS = (*PHONE_KEYWORDS, "desk", "whatsapp", "landline")
_DATE_SHAPE = regex.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")

_NPI_LABELS = ("npi", "national provider", "national provider identifier")
_ID_LABELS = tuple(k for k in OTHER_ID_KEYWORDS if k != "npi")


_NANP_SHAPES = [regex.compile(p) for p in (_NANP, _LOOSE_DASHED, _LOCAL)]
# Compiled once: the validators run for every phone-shaped match, and `regex`'s own
# cache lookup costs ~4 µs a call.
_EXTENSION = regex.compile(r"(?i)\s*,?\s*(?:x|ext)")
_NUMBER_BEFORE = regex.compile(r"\d[\s,]$")
_NUMBER_AFTER = regex.compile(r"[\s,]\d")
_FULL_NUMBER_HEAD = regex.compile(r"(?:\d[\s\-.]?|\)\s?)$")


def _nanp_score(text: str, match: regex.Match[str]) -> float | None:
    start, end = match.span("value")
    value = match.group("value")
    if announced_by(text, start, _NPI_LABELS):
        return None
    number = _EXTENSION.split(value)[0]
    if any(c in number for c in "()-./+\u2013"):
        return None if announced_by(text, start, _ID_LABELS) else 0.75
    # Space-separated and bare digits: also MRNs, accounts, runs of lab values.
    if announced_by(text, start, _ID_LABELS) or _in_number_run(text, start, end):
        return None
    return 0.6 if " " in number else 0.55


def _loose_score(text: str, match: regex.Match[str]) -> float | None:
    number = match.group("number")
    if number[0] in "23456789" and number[4] in "23456789":
        return None  # a valid NANP number: the main rule reports it
    start = match.start("value")
    if announced_by(text, start, _NPI_LABELS) or announced_by(text, start, _ID_LABELS):
        return None
    return 0.6


def _international_score(text: str, match: regex.Match[str]) -> float | None:
    value, start = match.group("value"), match.start("value")
    digits = sum(map(str.isdigit, value))
    if not 7 <= digits <= 15 or _DATE_SHAPE.fullmatch(value):
        return None
    if _may_be_nanp_shape(value, digits) and any(rule.fullmatch(value) for rule in _NANP_SHAPES):
        return None  # a NANP shape: the other rules judge it
    if announced_by(text, start, _NPI_LABELS) or announced_by(text, start, _ID_LABELS):
        return None
    labelled = announced_by(text, start, _INTERNATIONAL_LABELS)
    labelled_after = _LABEL_AFTER.match(text, match.end("value")) is not None
    if labelled or labelled_after or _CALL_ME.search(text[max(0, start - 40) : start]):
        return 0.8
    return 0.7 if value.startswith("+") and digits >= 9 else None


def _may_be_nanp_shape(value: str, digits: int) -> bool:
    """False when no NANP rule can match the whole value, known without running them
    (~3 µs for the three): the full and dashed shapes hold ten digits, the local one a
    separator after its first three."""
    return digits >= 10 or value[3:4] in ("-", ".", " ")


def _in_number_run(text: str, start: int, end: int) -> bool:
    """True when another number sits one space or comma before or after the span."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return bool(_NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after))


def _local_score(text: str, match: regex.Match[str]) -> float | None:
    start, end = match.span("value")
    # "555-0148" inside "(212) 555-0148" or "212 555 0148" is the tail of a full number.
    if _FULL_NUMBER_HEAD.search(text[max(0, start - 2) : start]):
        return None
    if announced_by(text, start, _ID_LABELS) or _in_number_run(text, start, end):
        return None
    if has_context(text, start, PHONE_KEYWORDS, chars_before=20):
        return 0.85
    cued = _CALL_ME.search(text[max(0, start - 40) : start]) is not None
    return 0.8 if cued or _LABEL_AFTER.match(text, end) is not None else None


def build() -> list[EntityRecognizer]:
    context = ContextSpec(PHONE_KEYWORDS, chars_before=40, boost=0.2)
    return [
        RegexRecognizer(
            "PHONE",
            [Rule("nanp", _NANP, 0.75, flags=0)],
            name="PhoneRecognizer",
            validator=_nanp_score,
            context=context,
        ),
        RegexRecognizer(
            "PHONE",
            [Rule("loose_dashed", _LOOSE_DASHED, 0.6, flags=0)],
            name="LoosePhoneRecognizer",
            validator=_loose_score,
            context=context,
        ),
        RegexRecognizer(
            "PHONE",
            [Rule("local_7_digit", _LOCAL, 0.85, flags=0)],
            name="LocalPhoneRecognizer",
            validator=_local_score,
        ),
        RegexRecognizer(
            "PHONE",
            [Rule("international", _INTERNATIONAL, 0.8, flags=0)],
            name="InternationalPhoneRecognizer",
            validator=_international_score,
        ),
        RegexRecognizer("PHONE", [Rule("pager", _PAGER, 0.85)], name="PagerRecognizer"),
        RegexRecognizer(
            "PHONE",
            [Rule("parenthesised_typo", _PARENTHESISED, 0.6, flags=0)],
            name="ParenthesisedPhoneRecognizer",
        ),
    ]
