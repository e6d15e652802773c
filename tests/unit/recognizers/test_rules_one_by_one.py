"""Each name and place rule on its own: one text it must find, one it must leave alone.

The recognizer tests (test_names.py, test_locations.py …) judge the merged result of
every rule; these call one rule through the common rule shape, `(Doc) -> candidates`,
so a change to a rule shows up at that rule. Invented names and places only.
"""

from __future__ import annotations

import pytest

from detectors.names.capitalized import capitalized_rule
from detectors.names.contact import contact_head_rule
from detectors.names.credentials import credential_rule
from detectors.names.cues import (
    answered_name_rule,
    initial_rule,
    signature_rule,
    verb_rule,
)
from detectors.names.kin import kin_possessive_rule
from detectors.names.lists import line_rule
from detectors.names.lone import lone_first_name_rule
from detectors.names.per import per_rule
from detectors.names.rules import role_rule, title_rule
from detectors.names.shapes import (
    field_rule,
    first_last_rule,
    name_before_dob_rule,
    name_before_phone_rule,
)
from detectors.names.staff import staff_subject_rule
from detectors.names.talked import talked_with_rule
from detectors.places.at_sign import at_sign_rule
from detectors.places.facilities import facility_rule
from detectors.places.institutions import saint_rule
from detectors.places.moves import (
    acronym_unit_rule,
    move_rule,
    named_emergency_room_rule,
)
from detectors.places.regions import region_rule
from detectors.text.phases import Doc, Rule, on_text, on_tokens
from detectors.text.tokens import tokenize

T, X = on_tokens, on_text
Found = set[tuple[str, str]]

CASES: list[tuple[str, Rule, str, Found, str]] = [
    ("title", T(title_rule), "Dr. Kessovar and Mrs BRANDOVEC came",
     {("Kessovar", "PROVIDER_NAME"), ("BRANDOVEC", "NAME")}, "Pain 4/10, MS: alert"),
    ("role", T(role_rule), "spoke with son Tavrin today, NP grace aware",
     {("Tavrin", "NAME"), ("grace", "PROVIDER_NAME")}, "the son is here"),
    ("credential", T(credential_rule), "Mary Quenneville, R.N. signed",
     {("Mary Quenneville", "PROVIDER_NAME")}, "RN to call"),
    ("verb", T(verb_rule), "pt updated, Garcia notified",
     {("Garcia", "PROVIDER_NAME")}, "Nurse notified of the plan"),
    ("initial", T(initial_rule), "Z. Miller saw him", {("Z. Miller", "NAME")}, "A. fib noted"),
    ("first_last", T(first_last_rule), "Gerry Pelli is here",
     {("Gerry Pelli", "NAME")}, "Will Power steering"),
    ("field", T(field_rule), "Patient: FENWOLD, MAVIS\nMRN: 1",
     {("FENWOLD, MAVIS", "NAME")}, "Patient education given"),
    ("capitalized", T(capitalized_rule), "We met Tomasz Wrzeszcz yesterday.",
     {("Tomasz Wrzeszcz", "NAME")}, "We met the Medical Director yesterday."),
    ("line", T(line_rule), "Tomasz Wrzeszcz\n",
     {("Tomasz Wrzeszcz", "NAME")}, "Discharge Summary\n"),
    ("lone_first_name", T(lone_first_name_rule), "reach Bob at home",
     {("Bob", "NAME")}, "reach out at home"),
    ("answered_name", T(answered_name_rule), "What's your name? Ilsabet Vorn",
     {("Ilsabet Vorn", "NAME")}, "What is the name of the drug? Eliquis"),
    ("per", T(per_rule), "per h hughes will adjust",
     {("h hughes", "PROVIDER_NAME")}, "per protocol will adjust"),
    ("kin_possessive", T(kin_possessive_rule), "i'm carmelo's daughter",
     {("carmelo's", "NAME")}, "the patient's son"),
    ("talked_with", T(talked_with_rule), "discussed with wendell penhallow",
     {("wendell penhallow", "NAME")}, "discussed with the team"),
    ("signature", X(signature_rule), "heparin changed to 850u/hr.\nMARLENE",
     {("MARLENE", "PROVIDER_NAME")}, "heparin changed to 850u/hr.\nSTABLE"),
    ("contact_head", X(contact_head_rule), "Tamsin Vrelle\n555-014-2273\n",
     {("Tamsin Vrelle", "NAME")}, "Lab Results\n555-014-2273\n"),
    ("staff_subject", X(staff_subject_rule), "Our MA Brisa declined the flu shot citing asthma.",
     {("Brisa", "NAME")}, "Our MA team declined the meeting."),
    ("before_dob", X(name_before_dob_rule), "Harlan Tolley 05/14/1962",
     {("Harlan Tolley", "NAME")}, "harlan tolley 05/14/1962"),
    ("before_phone", X(name_before_phone_rule), "Tamsie Borvelli cell# 555-014-2273",
     {("Tamsie Borvelli", "NAME")}, "Main Office 555-014-2273"),
    ("facility", T(facility_rule), "transferred to Quellmorn Memorial Hospital",
     {("Quellmorn Memorial", "FACILITY")}, "went to the hospital"),
    ("saint", T(saint_rule), "admitted to St. Orla's yesterday",
     {("St. Orla's", "FACILITY")}, "ST. Stable"),
    ("move", X(move_rule), "lives in Springfield with daughter",
     {("Springfield", "LOCATION")}, "returned to normal"),
    ("at_sign", T(at_sign_rule), "came from @ Quellmorn",
     {("Quellmorn", "LOCATION")}, "write to nate@mail.example"),
    ("acronym_unit", T(acronym_unit_rule), "transferred to BVMC ICU today",
     {("BVMC", "FACILITY")}, "transferred to the ICU today"),
    ("emergency_room", T(named_emergency_room_rule), "sent to Halloran Vale EW for eval",
     {("Halloran Vale", "FACILITY")}, "sent to the EW for eval"),
    ("region", T(region_rule), "lives on the North Shore",
     {("North Shore", "LOCATION")}, "north of the shore"),
]  # fmt: skip


IDS = [case[0] for case in CASES]


def _run(rule: Rule, text: str) -> Found:
    tokens = tokenize(text)
    return {
        (text[tokens[c.first].start : tokens[c.last].end], c.type) for c in rule(Doc(text, tokens))
    }


@pytest.mark.parametrize(("name", "rule", "text", "expected", "other"), CASES, ids=IDS)
def test_rule_finds_its_case(name: str, rule: Rule, text: str, expected: Found, other: str) -> None:
    assert _run(rule, text) == expected


@pytest.mark.parametrize(("name", "rule", "text", "expected", "other"), CASES, ids=IDS)
def test_rule_leaves_the_near_miss_alone(
    name: str, rule: Rule, text: str, expected: Found, other: str
) -> None:
    assert _run(rule, other) == set()
