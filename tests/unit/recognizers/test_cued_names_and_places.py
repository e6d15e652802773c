"""Lower-case names after 'discussed with' and places after a free-standing '@'.
Names and places are invented (first names from the general name lists)."""

from __future__ import annotations

import pytest

from detectors.scanner import Scanner


def _found(scanner: Scanner, text: str) -> set[tuple[str, str]]:
    return {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("discussed with wendell, who agrees with plan", {("wendell", "NAME")}),
        ("Plan discussed with wendell penhallow today.", {("wendell penhallow", "NAME")}),
        ("spoke with tomas re: the plan", {("tomas", "NAME")}),
        # a surname written in lower case after "Dr." in a mixed-case note
        ("Discussed with Dr. okafor at bedside.", {("okafor", "PROVIDER_NAME")}),
        ("d/w dr. vrellani and family.", {("vrellani", "PROVIDER_NAME")}),
        # grandparents by their everyday words; a relation word never starts the name
        ("letter for my pt grandma dottie who fell at home", {("dottie", "NAME")}),
        ("Granddaughter Marisol called back.", {("Marisol", "NAME")}),
        # a colleague who is the subject of health information is a NAME
        ("Our MA Brisa declined the flu shot citing egg allergy.", {("Brisa", "NAME")}),
        ("My receptionist Tomas tested positive for COVID.", {("Tomas", "NAME")}),
        # without health words the colleague stays a clinician name
        (
            "Our nurse Wendell Ashgrove has joined the team.",
            {("Wendell Ashgrove", "PROVIDER_NAME")},
        ),
        ("pt from @ harrowgate, wife at bedside", {("harrowgate", "LOCATION")}),
        ("returned @ Quenton yesterday", {("Quenton", "LOCATION")}),
        ("pt going home to brindlewood tomorrow", {("brindlewood", "LOCATION")}),
        # a gazetteer town after a move cue, in any case
        ("PT WILL RETURN TO SPRINGFIELD TOMORROW", {("SPRINGFIELD", "LOCATION")}),
        ("discharged home to Brindlewood with VNA", {("Brindlewood", "LOCATION")}),
        # a listed town English rarely uses, in lower case in a mixed-case note
        ("Plan: family from hackensack to visit.", {("hackensack", "LOCATION")}),
        ("She was transferred to poughkeepsie ltach.", {("poughkeepsie", "FACILITY")}),
        # after "lives in": also a word English does not know, or a surname more than a word
        ("Her son (lives in tessington) visited.", {("tessington", "LOCATION")}),
        ("Her son (lives in fenwick) visited.", {("fenwick", "LOCATION")}),
        # a town's name ending after a move, in the name's own case
        ("DAUGHTER LIVES IN QUARRY FALLS", {("QUARRY FALLS", "LOCATION")}),
        ("Her daughter lives in quarry falls.", {("quarry falls", "LOCATION")}),
    ],
)
def test_found(scanner: Scanner, text: str, expected: set[tuple[str, str]]) -> None:
    assert _found(scanner, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "discussed with cardiology and family; spoke with mom",
        "talked with will about the plan",  # an everyday word
        "lasix @ 2000, pt @ baseline, @ bedside",
        "home to sleep, home in bed",
        "our MA is out today",
        "returned to normal, went back to bed",
        "vent settings @ harrowgate levels",  # no movement cue before the '@'
        "Dr. appt moved to Friday; dr. visit went well; Dr. recs reviewed.",
        # lower case in a mixed-case note: a misspelling, a common word, not a town
        "Pt asks to go to camode often. She returned to liberty of movement.",
        "She lives in a condo, lives in squalor, lives in seclusion.",
        "Due to recent falls, PT consult; history of multiple falls.",
    ],
)
def test_not_found(scanner: Scanner, text: str) -> None:
    assert _found(scanner, text) == set()


def test_email_host_is_no_place(scanner: Scanner) -> None:
    text = "mail jdoe@harrowgate.org today"
    assert _found(scanner, text) == {("jdoe@harrowgate.org", "EMAIL")}
