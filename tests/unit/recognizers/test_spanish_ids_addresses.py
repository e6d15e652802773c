"""Spanish labels for record and insurance numbers, and US addresses written in Spanish.

The full scanner's typed findings, with exact spans; invented values only.
"""

from __future__ import annotations

import pytest

from detectors.scanner import Scanner

IDS = [
    ("Expediente: 4471208, cita mañana.", "4471208", "MRN"),
    ("el Sr. Pardo (expediente 7720419) faltó", "7720419", "MRN"),
    ("Número de expediente 00583921 de la madre", "00583921", "MRN"),
    ("historia clínica 55102-3 revisada", "55102-3", "MRN"),
    ("Su número de Medi-Cal es 91827364A y venció.", "91827364A", "HEALTH_PLAN_ID"),
    ("Medicaid número 7730184925, ¿sigue activo?", "7730184925", "HEALTH_PLAN_ID"),
    ("número de afiliado XJ4410287 del seguro", "XJ4410287", "HEALTH_PLAN_ID"),
    ("póliza no. 88120-44 de la familia", "88120-44", "HEALTH_PLAN_ID"),
    ("número de seguro social 521-48-7730 del paciente", "521-48-7730", "SSN"),
    ("seguro social: 912-70-4415 (ITIN) del esposo", "912-70-4415", "SSN"),
]
ADDRESSES = [
    ("Vive en 4410 Avenida Cipreses, apto. 12, Bakersfield.", "4410 Avenida Cipreses, apto. 12"),
    ("Calle Almendro 2217, Apto. 4B, Fresno", "Calle Almendro 2217, Apto. 4B"),
    ("Dirección: 1820 Calle Nogal, Calexico", "1820 Calle Nogal"),
    ("Domicilio: Av. Las Américas 915 Int. 3", "Av. Las Américas 915 Int. 3"),
    ("Vive en Paseo de los Álamos 88.", "Paseo de los Álamos 88"),
    ("Colonia Las Palmas, cerca del parque", "Colonia Las Palmas"),
    ("4410 Camino del Sol Apt 3", "4410 Camino del Sol Apt 3"),
]
NEGATIVES = [
    "El número de expediente tiene siete dígitos; ¿cómo lo explico?",
    "Explica la diferencia entre Medicaid y Medi-Cal para un folleto.",
    "Las citas de los sábados son de 9 a 1; la calle principal está en obras.",
    "Tomó 2 tabletas en la Calle de la farmacia.",
]


def _found(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    report = scanner.scan(text)
    return [(f.type, text[f.start : f.end]) for f in sorted(report.findings, key=lambda f: f.start)]


@pytest.mark.parametrize(("text", "value", "entity"), IDS)
def test_spanish_labels_name_record_and_insurance_numbers(
    scanner: Scanner, text: str, value: str, entity: str
) -> None:
    assert (entity, value) in _found(scanner, text)


@pytest.mark.parametrize(("text", "value"), ADDRESSES)
def test_us_addresses_written_in_spanish(scanner: Scanner, text: str, value: str) -> None:
    assert ("ADDRESS", value) in _found(scanner, text)
    overlapping = [v for t, v in _found(scanner, text) if t == "ADDRESS"]
    assert overlapping == [value]


@pytest.mark.parametrize("text", NEGATIVES)
def test_spanish_labels_without_a_value_find_nothing(scanner: Scanner, text: str) -> None:
    assert scanner.scan(text).phi is False
