"""Names in Spanish text: titles and relation cues, and everyday Spanish words that are
no name. Exact spans and types from the name recognizer; invented names only."""

from __future__ import annotations

import pytest

from detectors.names.spanish import (
    EVERYDAY_SPANISH_ZIPF,
    census_first_name,
    drop_spanish_words,
    spanish_cue_rule,
    spanish_zipf,
)
from detectors.recognizers.names import NameRecognizer
from detectors.scanner import Scanner
from detectors.text.candidates import Candidate
from detectors.text.phases import Doc
from detectors.text.tokens import tokenize

CUED = [
    ("La Sra. Ramona Ibarrola vino hoy por dolor de pecho.", [("Ramona Ibarrola", "NAME")]),
    ("Llamar a la Srta. Yesenia Oquendo para la cita.", [("Yesenia Oquendo", "NAME")]),
    ("El Sr. Oyarzábal faltó a su cita de hoy.", [("Oyarzábal", "NAME")]),
    ("Esposo de la paciente: Baltasar Urquidi, celular nuevo.", [("Baltasar Urquidi", "NAME")]),
    ("Su hija Marisol llamó: la paciente vive sola.", [("Marisol", "NAME")]),
    ("La esposa del paciente, Consuelo Ibargüen, pregunta.", [("Consuelo Ibargüen", "NAME")]),
    ("El padre, Rogelio Zubiaurre, firmó el consentimiento.", [("Rogelio Zubiaurre", "NAME")]),
    (
        "La Dra. Itziar Olabarrieta revisó los resultados.",
        [("Itziar Olabarrieta", "PROVIDER_NAME")],
    ),
    ("Mi paciente María de la Luz Treviño tiene cita.", [("María de la Luz Treviño", "NAME")]),
    ("Nota de la señora Benítez sobre su madre.", [("Benítez", "NAME")]),
]
# Spanish text where no person is named: cue words alone, and everyday capitalised words.
NOT_NAMES = [
    "La paciente debe tomar metformina 500 mg dos veces al día con comida.",
    "Pregúntale al paciente si su hijo tiene fiebre y desde cuándo.",
    "Dile al Sr. de la farmacia que el pedido llega el lunes.",
    "Traduce el formulario: Nombre, Fecha de nacimiento, Dirección, Número de seguro social.",
    "Manda la factura a Suministros Médicos del Valle, atención cuentas por pagar.",
    "Explica a una madre primeriza cómo bañar a su bebé sin miedo.",
]


def _names(text: str) -> list[tuple[str, str]]:
    results = sorted(NameRecognizer().analyze(text, []), key=lambda r: r.start)
    return [(text[r.start : r.end], r.entity_type) for r in results if r.score >= 0.5]


@pytest.mark.parametrize(("text", "expected"), CUED)
def test_spanish_cues_introduce_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize("text", NOT_NAMES)
def test_spanish_cues_and_everyday_words_alone_name_nobody(scanner: Scanner, text: str) -> None:
    assert _names(text) == []
    assert scanner.scan(text).phi is False


def test_spanish_cues_need_spanish_text() -> None:
    english = "Sra. Vellacott was seen today and the plan is unchanged."
    spanish = "La Sra. Vellacott vino hoy y la paciente está estable."
    assert spanish_cue_rule(Doc(english, tokenize(english))) == []
    assert spanish_cue_rule(Doc(spanish, tokenize(spanish))) == [Candidate(2, 2, "NAME", 0.85)]


def test_everyday_spanish_words_are_dropped_in_spanish_text_only() -> None:
    english = "Send it to Suministros Quellbrand for the account."
    spanish = "Manda la factura a Suministros de la tienda."
    kept = [Candidate(3, 3, "NAME", 0.6)]
    assert drop_spanish_words(Doc(english, tokenize(english)), kept) == kept
    assert spanish_zipf("suministros") >= EVERYDAY_SPANISH_ZIPF
    assert drop_spanish_words(Doc(spanish, tokenize(spanish)), [Candidate(4, 4, "NAME", 0.6)]) == []


def test_census_first_names_are_matched_without_accents() -> None:
    assert census_first_name("María") is True
    assert census_first_name("Dirección") is False
