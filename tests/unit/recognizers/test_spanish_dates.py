"""Spanish dates: month names with "de", and day-first pairs in Spanish text only.

Exact spans from the DATE recognizer, and the language test it relies on. Invented
values only.
"""

from __future__ import annotations

import pytest

from detectors.recognizers.dates import FORMATS, DateFormat, DateRecognizer
from detectors.text.language import looks_spanish

POSITIVES = [
    ("Nació el 3 de marzo de 1951 en otro país.", ["3 de marzo de 1951"]),
    ("Su cita es el 18 de noviembre a las 10:30.", ["18 de noviembre"]),
    ("Operada el 1º de mayo del 2024, sin problemas.", ["1º de mayo del 2024"]),
    ("La biopsia se hizo en marzo de 2026.", ["marzo de 2026"]),
    ("Fecha de consulta: 9 de setiembre, 2025", ["9 de setiembre, 2025"]),
    ("La paciente tiene cita el 17/06 con su médico.", ["17/06"]),
    ("Fecha de nacimiento: 30/04, según la madre.", ["30/04"]),
    ("Fecha de nacimiento 14/02/1957, vino con su hija.", ["14/02/1957"]),
    ("fecha de nacimiento 03/03/1951", ["03/03/1951"]),
]
NEGATIVES = [
    # Office events, in Spanish as in English.
    "La clínica estará cerrada el 25 de diciembre y el 1 de enero.",
    "Reunión de empleados el 14 de febrero a las 8.",
    # Day-first needs Spanish text and a date word: these are ratios or English.
    "Pain 17/20 today, the patient walked 13/15 laps.",
    "La escala de dolor fue 17/20 al final.",
    "Se dio 1/2 tableta con la comida.",
    # A month name without "de" and a day is no Spanish date.
    "El mayo pasado fue lluvioso.",
]


def _dates(text: str) -> list[str]:
    results = sorted(DateRecognizer().analyze(text, []), key=lambda r: r.start)
    return [text[r.start : r.end] for r in results if r.score >= 0.5]


@pytest.mark.parametrize(("text", "expected"), POSITIVES)
def test_spanish_dates_are_found_with_exact_spans(text: str, expected: list[str]) -> None:
    assert _dates(text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_office_events_ratios_and_english_pairs_are_no_spanish_dates(text: str) -> None:
    assert _dates(text) == []


def test_day_first_pairs_need_spanish_text() -> None:
    assert _dates("Seen by the team, next visit on 17/06.") == []
    assert _dates("Lo vieron y tiene cita el 17/06.") == ["17/06"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Esposo de la paciente: llamó hoy.", True),
        ("¿Qué dosis le doy?", False),  # too few function words to tell
        ("Pregúntale al paciente si su hijo tiene fiebre.", True),
        ("The patient and her son were seen today at the clinic.", False),
        ("Maria de la Cruz was seen today and the plan is to follow up.", False),
        ("", False),
    ],
)
def test_looks_spanish_counts_function_words(text: str, expected: bool) -> None:
    assert looks_spanish(text) is expected


@pytest.mark.parametrize(
    "fmt", [f for f in FORMATS if f.name.startswith("es_")], ids=lambda f: f.name
)
def test_every_spanish_date_match_holds_its_gate(fmt: DateFormat) -> None:
    texts = [text for text, _ in POSITIVES] + ["Vino el 3  de marzo", "en mayo del 2024"]
    matches = [m.group() for text in texts for m in fmt.pattern.finditer(text)]
    assert matches, "no example for this format"
    assert fmt.gate is not None
    assert all(fmt.gate.search(match.lower()) for match in matches)
    assert fmt.gate.search("seen for copd; lives in ohio; dec 3 visit") is None
