"""Clinical words that look like identifiers: eponyms, dose ratios, drugs named like
towns. Each negative has a positive twin that must still be found. Values invented."""

from __future__ import annotations

import pytest

from detectors.scanner import Scanner


def _found(scanner: Scanner, text: str) -> set[tuple[str, str]]:
    return {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "Dx: Parkinson disease, Hashimoto thyroiditis, Bell palsy",
        "Positive Babinski sign and Kernig sign on exam",
        "heparin 25000/250 at 12 ml/hr; dextrose 5/50 hung",
        "Norco 10/325 prn pain",
        "Norco 10/40 prn pain",
        "STARTED ON DESTIN. Destin lotion applied to buttocks.",  # a cream named like a town
        "US WITH FLUID IN DOUGLAS POUCH",
        "PT IN USOH UNTIL YESTERDAY",
        "pt assessed for extubation by rrt, rn, and md.",
        "Aloe Vesta oint applied to the sacrum.",  # a product before its form
        "Stable for transfer to Cardiac floor tonight.",  # a part of the hospital
        "PT QUICKLY WENT INTO V-TACH THEN VFIB",
        "ABD SOFT ON RETURN FROM CATSCAN",
        "order to transfuse 2 additional units",  # a verb, not a ward
        "was o2 dep at prev rehab site",
        "situational depression r/t hosp.",
        "EXTENSIVE BACKGROUND IN HEATH CARE",  # "<town> care" is a kind of care
        "PA pressures in 40's, Wedge is 21.",
        "In Cushing syndrome, what are the first-line screening tests?",  # a town, an eponym
        "The American Academy of Pediatrics says cross-reactivity is low.",
        "Ask the Department of Dermatology about the Society of Hospital Medicine meeting.",
        # a maker and its product, or the maker itself; a device model is no ward
        "Boston Scientific WATCHMAN or Abbott Amulet? He prefers Moderna Spikevax.",
        "Eli Lilly and Novo Nordisk both have savings cards.",
        "Switching from her old pen to the Omnipod 5 next week.",
        # a country is no name (nor a place Safe Harbor counts)
        "Pt is a 45 yo G2P2 from Guatemala; family in South Korea.",
    ],
)
def test_no_finding(scanner: Scanner, text: str) -> None:
    assert _found(scanner, text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wendell Ashgrove test results pending", {("Wendell Ashgrove", "NAME")}),
        ("Orla Penhallow's disease is stable", {("Orla Penhallow's", "NAME")}),
        ("daughter Brisa line is busy", {("Brisa", "NAME")}),
        ("MI 3/98, started coumadin 3/98", {("3/98", "DATE")}),  # both mentions
        ("seen 5/50 in clinic", {("5/50", "DATE")}),
        (
            "lives in Douglas, returned from Destin",
            {("Douglas", "LOCATION"), ("Destin", "LOCATION")},
        ),
        ("GUARDIAN: Niece, Brisa KETTERLY, lives nearby", {("Brisa KETTERLY", "NAME")}),
        ("She moved in Cushing last year.", {("Cushing", "LOCATION")}),  # the town itself
        ("The mother of Wendell Ashgrove called.", {("Wendell Ashgrove", "NAME")}),
        ("Ask Wendell Ashgrove about the cycle of visits.", {("Wendell Ashgrove", "NAME")}),
        ("Mary Abbott called back.", {("Mary Abbott", "NAME")}),  # a maker's name last
        ("Jordan called about his mom.", {("Jordan", "NAME")}),  # a country and a name
        ("I have a patient, 67F, named Orla, who lives alone.", {("Orla", "NAME")}),
        ("Wendell Ashgrove procedure scheduled", {("Wendell Ashgrove", "NAME")}),
        ("PT TRANSFERRED TO THE TARNWELL 2 THIS AM", {("TARNWELL", "LOCATION")}),  # a ward
        ("SPOKE WITH DR KETTERLY AND HYDRALAZINE ON HOLD.", {("KETTERLY", "PROVIDER_NAME")}),
        (
            "Dr. Vantosky and Prell aware",
            {("Vantosky", "PROVIDER_NAME"), ("Prell", "PROVIDER_NAME")},
        ),
    ],
)
def test_person_and_date_still_found(
    scanner: Scanner, text: str, expected: set[tuple[str, str]]
) -> None:
    assert _found(scanner, text) == expected


def test_both_dated_mentions_are_found(scanner: Scanner) -> None:
    text = "MI 3/98, started coumadin 3/98"
    assert len([f for f in scanner.scan(text).findings if f.type == "DATE"]) == 2


def test_a_credential_in_a_name_is_not_carried_to_other_mentions(scanner: Scanner) -> None:
    text = "resp note: assessed by rrt and rn.\nseen by tomas rrt\n"
    assert not any(span == "rrt" for span, _ in _found(scanner, text))
