"""The literal prefilter may skip a rule only when the rule cannot match.

Covers what `required_literals` and `leading_literals` derive from a pattern, the case
traps that switch the prefilter off, a keyword gate tried only where its words occur,
and, for every rule that gets a prefilter, example matches that must all pass it.
"""

from __future__ import annotations

import re

import pytest
import regex

from detectors.engine import build_engine
from detectors.recognizers import all_recognizers
from detectors.recognizers._gates import gate_found, gate_leads
from detectors.recognizers._literals import (
    CASE_TRAPS,
    leading_literals,
    may_match,
    required_literals,
)
from detectors.recognizers.base import RegexRecognizer, Rule
from detectors.settings import CustomPattern, ScanSettings


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"(?<![a-z])(?:acct|account|claim)\s*#", re.I, ("account", "acct", "claim")),
        (r"Foo(?:bar)?", 0, ("foo",)),  # optional parts require nothing
        (r"(?=plate)\d+", 0, None),  # nor do lookarounds
        (r"(?:enc|encounter)\s+id", re.I, ("enc",)),  # the longer required string wins
        (r"(?:enc|encounter|visit)\d", re.I, ("enc", "visit")),  # "encounter" holds "enc"
        (r"(?:ab|\d)x", 0, ("x",)),  # a branch without a literal is no requirement
        (r"(?:ab|\d)", 0, None),
        (r"\p{L}+ street", re.I, (" street",)),  # `regex`'s \p{L}: any character
        (r"\p{L}+(?:x|\p{Lu})", re.I, None),
        (r"(?P<a>mr)\s?#(?P=a)", re.I, ("mr",)),
        (r"straße", 0, ("stra",)),  # non-ASCII letters end a literal
        (r"x{2,3}(?:box)+", 0, ("box",)),
        (r"(?:x)?", 0, None),
    ],
)
def test_required_literals(pattern: str, flags: int, expected: tuple[str, ...] | None) -> None:
    assert required_literals(pattern, flags) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?<![a-z0-9])(?:acct|account|claim)\s*#", ("account", "acct", "claim")),
        (r"(?<![a-z0-9])(?:enc|encounter|visit)", ("enc", "visit")),  # "encounter" starts "enc"
        (r"\bthe\s+\d", ("the",)),  # anchors and lookarounds consume nothing
        (r"(?:Via|(?-i:DL))\s", ("DL", "Via")),  # exact: a gate matches case-sensitively
        (r"(?:ab|\d)x", None),  # a branch led by a class has no leading word
        (r"x?abc", ("abc", "x")),  # an optional opening: it or what follows starts a match
        (r"(?:member\s+)?portal", ("member", "portal")),
        (r"(?:ab|)?c", None),  # the optional part may match nothing at all
        (r"(?i)abc", None),
        (r"n[uú]mero|p[oó]l", ("numero", "número", "pol", "pól")),  # a small class splits
        (r"[0-9]x", None),
        (r"\b[Vv]ive\s|\b[Dd]omicilio", ("Domicilio", "Vive", "domicilio", "vive")),
        (r"[12]\d{9}", None),  # a lone opening character is no word to search for
        (r"[Vv]\d", None),
    ],
)
def test_leading_literals(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert leading_literals(pattern) == expected


def test_a_folded_lead_stops_at_a_non_ascii_class() -> None:
    assert leading_literals(r"n[uú]mero", re.I) == ("n",)
    assert leading_literals(r"3[47]\d", re.I) == ("34", "37")


def test_a_keyword_gate_is_tried_where_its_words_start() -> None:
    gate = re.compile(r"(?<![a-z0-9])(?:acct|visit)\s*#")
    assert gate_leads(gate) == ("acct", "visit")
    for text in ("pharmacy visit # 4", "visit visit#", "revisit # 3", "acct", "xacct #"):
        assert gate_found(gate, text) is (gate.search(text) is not None)
    assert gate_leads(re.compile(r"(?:Via|Rua)\s")) is None  # capital-led: re is fast


def test_unknown_flags_get_no_prefilter() -> None:
    assert required_literals("account", regex.FULLCASE | regex.IGNORECASE) is None


@pytest.mark.parametrize("pattern", [r"(?:acct){e<=1}\d+", r"[[:alpha:]]+acct"])
def test_syntax_regex_reads_otherwise_gets_no_literals(pattern: str) -> None:
    """A fuzzy match need not contain "acct"; re would read both as literal text."""
    assert required_literals(pattern, re.I) is None
    assert leading_literals(pattern, re.I) is None


def test_a_policy_pattern_always_runs_in_full() -> None:
    settings = ScanSettings(custom_patterns=(CustomPattern("clinic id", "CLINIC_ID", r"CL-\d{6}"),))
    engine = build_engine(settings)
    custom = [r for r in engine.registry.recognizers if r.name == "custom:clinic id"]
    assert isinstance(custom[0], RegexRecognizer)
    assert custom[0]._literals == [None] and custom[0]._leads == [None]


def test_case_traps_are_every_character_str_lower_keeps_from_an_ascii_letter() -> None:
    """Characters that `regex` or `re` match with an ASCII letter case-insensitively but
    whose lower case is not that letter: a lower-cased substring search would miss them."""
    letters = (regex.compile(r"(?i)[a-z]"), re.compile(r"(?i)[a-z]"))
    matching = [
        chr(code)
        for code in range(0x80, 0x20000)
        if any(letter.fullmatch(chr(code)) for letter in letters)
    ]
    traps = {char for char in matching if not (char.lower().isascii() and len(char.lower()) == 1)}
    assert traps == set(CASE_TRAPS)


@pytest.mark.parametrize("trap", CASE_TRAPS)
def test_a_text_with_a_case_trap_runs_every_rule(trap: str) -> None:
    text = f"acc{trap}unt 1234"
    assert may_match(("account",), text, text.lower())


def test_absent_literals_skip_and_present_ones_run() -> None:
    assert not may_match(("acct", "account"), "Seen for COPD", "seen for copd")
    assert may_match(("acct", "account"), "ACCOUNT 5512", "account 5512")
    assert may_match(None, "anything", "anything")


# Matches of every rule that has a prefilter and no regex gate (test_engine_plumbing.py
# holds the gated rules' examples).
UNGATED_EXAMPLES = {
    "years_old": ["92 years old", "101-yr-old"],
    "yo": ["93 y.o.", "95 yo", "91 y/o"],
    "of_age": ["94 years of age"],
    "age_prefix": ["age: 97", "aged 91"],
    "words_years_old": ["ninety-two years old", "one hundred years old"],
    "years_young": ["93 years young", "91-yr-young"],
    "email": ["jo.smith@example.org"],
    "ipv4": ["10.4.22.19"],
    "ipv6": ["fe80::1ff:fe23:4567:890a"],
    "loose_dashed": ["1-208-555-0143"],
    "pager": ["pager 4412", "PGR #55120"],
    "ssn_dashed": ["123-45-6789"],
    "ssn_spaced": ["123 45 6789"],
    "po_box": ["PO Box 4412", "Post Office Box 12"],
    "military_box": ["PSC 1234, Box 5678"],
    "unit_line": ["Apt 4B"],
    "gs1_udi": ["(01)00884838075017"],
    "url_scheme": ["https://portal.example.org/x"],
    "url_www": ["www.example.org/patient"],
    "license_plate": ["plate 7ABC123", "tag # XYZ 4412"],
    "zip_after_keyword": ["zip code 83714", "postal code: 97201"],
    "street_with_unit": ["3184 Haapakatu 41 Apt. 507", "12 Elm Street 4 unit 2"],
    "ship_mail": ["USNS Comfort FPO AE 09587"],
    "cued_address": ["lives at 12 Elm Street in Boise", "Address: 40 Oak Lane. Call"],
    "cued_street": ["lives at Hauptstrasse 5", "address is Rua Augusta 12"],
    "postal_in_place": ["in Berlin 10115 and"],
}


def _prefiltered_rules() -> dict[str, tuple[Rule, regex.Pattern[str], tuple[str, ...]]]:
    rules = {}
    for recognizer in all_recognizers():
        if isinstance(recognizer, RegexRecognizer):
            for (rule, compiled, _), literals in zip(
                recognizer._rules, recognizer._literals, strict=True
            ):
                if literals is not None and rule.gate is None:
                    rules[rule.name] = (rule, compiled, literals)
    return rules


def test_every_prefiltered_rule_has_examples() -> None:
    assert set(_prefiltered_rules()) == set(UNGATED_EXAMPLES)


@pytest.mark.parametrize(
    ("rule_name", "text"),
    [(name, text) for name, texts in UNGATED_EXAMPLES.items() for text in texts],
)
def test_every_match_passes_the_prefilter(rule_name: str, text: str) -> None:
    _, compiled, literals = _prefiltered_rules()[rule_name]
    matches = [m.group() for m in compiled.finditer(f"Note:\n{text}\nThanks")]
    assert matches, "the example must match the full rule"
    assert all(may_match(literals, match, match.lower()) for match in matches)
