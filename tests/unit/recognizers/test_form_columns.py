"""Where a name ends: at the next field of a form line, and after its particles.

Names are invented. A wide gap (two spaces or a tab) before a label word, or before any
word followed by ':' or '#', ends the name; a single space or a non-label word does not.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest

from detectors.recognizers import _calendar

# The `scanned` fixture (conftest.py): (start, end, type) of every finding.
ScanFinder = Callable[[str], set[tuple[int, int, str]]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Name: Tobran Wexfield    DOB: 1/2/1950", "Tobran Wexfield"),
        ("Patient name: Lucía Ferrovane-Okafor   Account #: 7730021", "Lucía Ferrovane-Okafor"),
        ("Patient: Ida Quennell\tRoom: 412B", "Ida Quennell"),
        ("Name: Ida Quennell    Insurer: Acme", "Ida Quennell"),
        ("Name: Ida  Quennell", "Ida  Quennell"),  # a double space inside a name keeps it
        ("pt name: jorge alvarado-quenn, mrn 00772341, seen today", "jorge alvarado-quenn"),
    ],
)
def test_a_name_stops_at_the_next_field(scanned: ScanFinder, text: str, name: str) -> None:
    names = {text[start:end] for start, end, kind in scanned(text) if kind == "NAME"}
    assert names == {name}


def test_month_names_do_not_follow_the_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt sets the C locale from the desktop: Spanish month names from the calendar module
    must not make "march" unknown."""
    import calendar

    spanish = ["", *["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto"]]
    spanish += ["septiembre", "octubre", "noviembre", "diciembre"]
    monkeypatch.setattr(calendar, "month_name", spanish)
    monkeypatch.setattr(calendar, "month_abbr", [m[:3] for m in spanish])
    reloaded = importlib.reload(_calendar)
    try:
        assert reloaded.month_number("March") == 3 and reloaded.month_number("Sept.") == 9
        assert reloaded.month_number("marzo") == 3  # Spanish text still has its months
        assert "august" in reloaded.CALENDAR_WORDS and "friday" in reloaded.CALENDAR_WORDS
    finally:
        monkeypatch.undo()
        importlib.reload(_calendar)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dear Mr. van der Brekel, your results are normal.", "van der Brekel"),
        ("Mrs. de la Quintana-Villareo called about her refill.", "de la Quintana-Villareo"),
        ("Maria de la Quintana called about her refill.", "Maria de la Quintana"),
        ("Ana dos Quarteiros, 44F, here for follow up.", "Ana dos Quarteiros"),
    ],
)
def test_surname_particles_belong_to_the_name(scanned: ScanFinder, text: str, name: str) -> None:
    names = {text[start:end] for start, end, kind in scanned(text) if kind == "NAME"}
    assert names == {name}


def test_a_particle_before_a_lower_case_word_is_no_surname(scanned: ScanFinder) -> None:
    text = "Lesion excised de novo by Dr. Brekel de la tarde."
    names = {text[start:end] for start, end, kind in scanned(text) if "NAME" in kind}
    assert names == {"Brekel"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reason: chest pain (NPI on file). Patient: Ji-hoon Park. DOB 1/2/1950.", "Ji-hoon Park"),
        ("Patient: Ida Quennell. DOB 1/2/1950", "Ida Quennell"),
    ],
)
def test_a_labelled_name_inline_ends_with_its_sentence(
    scanned: ScanFinder, text: str, name: str
) -> None:
    names = {text[start:end] for start, end, kind in scanned(text) if kind == "NAME"}
    assert names == {name}


def test_an_inline_label_before_no_name_names_no_one(scanned: ScanFinder) -> None:
    text = "The plan was discussed. Patient: tolerated the procedure well."
    assert not any(kind == "NAME" for _, _, kind in scanned(text))
