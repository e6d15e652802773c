"""Care facilities: reported as FACILITY, replaced in the de-identified copy, never the
verdict alone. Facility names are invented."""

from __future__ import annotations

import pytest

from detectors.redact import redact
from detectors.scanner import Scanner
from detectors.types import is_patient_identifier, is_redacted

FACILITY_TEXTS = [
    ("Pt discharged to Saint Orla Memorial yesterday.", "Saint Orla Memorial"),
    ("PT TRANSFERRED FROM QUILLBY REGIONAL FOR CATH.", "QUILLBY REGIONAL"),
    ("case manager from Orrinwell Regional called re placement", "Orrinwell Regional"),
    ("transferred to Kessing Regional Medical Center today", "Kessing Regional"),
    ("bed at larchmont nursing home confirmed", "larchmont"),
    ("pt will go to brackenford rehab on monday", "brackenford"),
    ("Admitted to Tarnwell Hospital with chest pain.", "Tarnwell"),
    ("she was seen at St. Agnes for the fall", "St. Agnes"),
    ("transferred to tarnwell hospital in mixed-case prose", "tarnwell"),
    ("Then transferred to tarnwell memorial today.", "tarnwell memorial"),
    ("PT TRANSFERRED TO ST. ORLA'S FOR REHAB", "ST. ORLA'S"),
    ("taken to st orla's by ambulance", "st orla's"),
    ("she was at Our Lady of Quellmoor last week", "Our Lady of Quellmoor"),
    ("TRANSFERRED FROM OUR LADY OF TESSALY ED", "OUR LADY OF TESSALY"),
    ("Screened by Tarnwell Rehab coordinator today", "Tarnwell"),
    # Outpatient kinds: urgent care, family medicine and practice, primary care.
    ("He was seen at Quellmoor Urgent Care last week.", "Quellmoor"),
    ("Followed at Brindle Oak Family Medicine for years.", "Brindle Oak"),
    ("records from Tessaly Primary Care were faxed", "Tessaly"),
    ("30 days of SNF at Brightwater Care Center", "Brightwater"),
    ("PT TO QUELLBY SKILLED NURSING TOMORROW", "QUELLBY"),
    ("transferred from st vincents for chf", "st vincents"),  # no apostrophe
    ("TRANSFERRED FROM ST LUKES ED", "ST LUKES"),
    ("MRI done at Quellby General last week", "Quellby General"),  # a name, then General
]

NOT_FACILITIES = [
    "regional anesthesia used without complication",
    "INFERIOR REGIONAL WALL MOTION ABNORMALITY ON ECHO",
    "cardiac rehab referral placed, home health to follow",
    "Pt was sent to the general hospital, then admitted to cardiac rehab.",
    "HR 90 ST. Stable overnight",  # sinus tachycardia
    "Referred to Family Medicine for primary care follow-up.",
    "went to urgent care over the weekend",
    "she went to the day care center; seen at the Wound Care Center",  # kinds of care
    "TO LONG TERM CARE FACILITY",
    "taking st johns wort daily",  # a remedy
    "THE SURGEON GENERAL WARNS; in general she is well; General Surgery consult",
]


def _typed(scanner: Scanner, text: str) -> set[tuple[str, str]]:
    return {(text[f.start : f.end], f.type) for f in scanner.scan(text).findings}


@pytest.mark.parametrize(("text", "name"), FACILITY_TEXTS)
def test_facility_found_with_its_own_type(scanner: Scanner, text: str, name: str) -> None:
    assert _typed(scanner, text) == {(name, "FACILITY")}


@pytest.mark.parametrize(("text", "name"), FACILITY_TEXTS)
def test_facility_alone_is_no_phi(scanner: Scanner, text: str, name: str) -> None:
    assert scanner.scan(text).phi is False


@pytest.mark.parametrize("text", NOT_FACILITIES)
def test_clinical_words_are_no_facility(scanner: Scanner, text: str) -> None:
    assert {t for _, t in _typed(scanner, text)} & {"FACILITY", "LOCATION"} == set()


def test_facility_beside_a_patient_is_replaced(scanner: Scanner) -> None:
    text = "Wendell Ashgrove was transferred to Quillby Regional on 03/14/2026."
    report = scanner.scan(text)
    assert report.phi is True
    assert redact(text, report) == "[NAME] was transferred to [FACILITY] on [DATE]."


def test_facility_type_is_redacted_but_not_a_patient_identifier() -> None:
    assert is_redacted("FACILITY") and not is_patient_identifier("FACILITY")


def test_a_facility_named_once_is_found_at_its_other_mentions(scanner: Scanner) -> None:
    text = "Sent to Quillby Regional for cath. Quillby called with the results."
    first, second = text.index("Quillby"), text.rindex("Quillby")
    found = {(f.start, f.end, f.type) for f in scanner.scan(text).findings}
    assert found == {(first, first + 16, "FACILITY"), (second, second + 7, "FACILITY")}


def test_a_title_before_house_is_a_person(scanner: Scanner) -> None:
    text = "Dr. Gregory House saw the patient"
    assert _typed(scanner, text) == {("Gregory House", "PROVIDER_NAME")}


def test_a_policy_listing_location_still_gets_facilities() -> None:
    from detectors.settings import ScanSettings

    text = "Wendell Ashgrove was transferred to Quillby Regional."
    scanner = Scanner(ScanSettings(entities=("NAME", "LOCATION")), settle_heap=False)
    assert _typed(scanner, text) == {("Wendell Ashgrove", "NAME"), ("Quillby Regional", "FACILITY")}
    only_names = Scanner(ScanSettings(entities=("NAME",)), settle_heap=False)
    assert _typed(only_names, text) == {("Wendell Ashgrove", "NAME")}
