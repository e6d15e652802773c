"""The engine's speed-motivated shortcuts must not change what a scan reports.

Covers: the NLP engine that runs no NLP, the engine that skips Presidio's context
step, the scanner's direct call of the recognizers, the scan without the cyclic garbage
collector, rule gates and their literal prefilters, the deterministic tie-break between
equal findings, and the heap settling after an engine is built.
"""

from __future__ import annotations

import gc
import itertools
import os
import re
import subprocess
import sys
import weakref

import pytest
import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult

from detectors.engine import ChunkAnalyzer, build_engine, remove_duplicates
from detectors.finding_rows import drop_nested, finding_row
from detectors.models import Finding
from detectors.nlp import EmptyArtifactsNlpEngine
from detectors.recognizers import all_recognizers
from detectors.recognizers._literals import Literals, may_match
from detectors.recognizers.base import RegexRecognizer, Rule, gate_open
from detectors.scanner import Scanner


def test_nlp_engine_hands_presidio_empty_artifacts() -> None:
    artifacts = EmptyArtifactsNlpEngine().process_text("Wendell Purcell seen 01/17/2026", "en")
    assert list(artifacts.tokens) == []
    assert artifacts.entities == [] and artifacts.lemmas == [] and artifacts.keywords == []


@pytest.mark.parametrize(
    ("word", "stop", "punct"),
    [("the", True, False), ("Warfarin", False, False), ("?!", False, True)],
)
def test_nlp_engine_word_classes(word: str, stop: bool, punct: bool) -> None:
    engine = EmptyArtifactsNlpEngine()
    assert engine.is_stopword(word, "en") is stop
    assert engine.is_punct(word, "en") is punct


def test_no_recognizer_relies_on_presidio_context_enhancement() -> None:
    """engine.OwnContextEngine skips Presidio's context step; that is only safe while
    no recognizer overrides EntityRecognizer.enhance_using_context."""
    base = EntityRecognizer.enhance_using_context
    overriding = [r.name for r in all_recognizers() if type(r).enhance_using_context is not base]
    assert overriding == []


def test_engine_reports_what_stock_presidio_reports_with_the_same_recognizers() -> None:
    ours = build_engine()
    stock = AnalyzerEngine(
        registry=ours.registry,
        nlp_engine=ours.nlp_engine,
        supported_languages=["en"],
        default_score_threshold=0.0,
    )
    text = (
        "Pt Mary Quinlan, MRN 6630418, DOB 02/03/1961, lives at 12 Elm Street, Nampa, ID "
        "83651; daughter Jo (cell 208-555-0143) at mychart.example.org/patient?id=4471."
    )

    def report(engine: AnalyzerEngine) -> list[tuple[str, int, int, float]]:
        results = engine.analyze(text=text, language="en", score_threshold=0.0)
        return [(r.entity_type, r.start, r.end, r.score) for r in results]

    assert len(report(ours)) >= 6
    assert report(ours) == report(stock)


GATED_EXAMPLES = {
    "euro_street": ["3184 Haapakatu 41 Apt. 507", "Hauptstr. 5", "Bahnhofstrasse 12"],
    "romance_street": ["Via Flavia 58", "Rua das Flores 50", "Av. Las Américas 915 Int. 3"],
    "spanish_street": ["4410 Avenida Cipreses, apto. 12", "915 Av. Las Américas"],
    "colonia": ["Colonia Las Palmas", "Col. Santa Inés"],
    "us_street": ["2209 Linden Ridge Dr", "12 Elm Street Apt 4B", "4812 2207 DRIMMEL AVENUE"],
    "dea": ["DEA AB1234563", "prescriber BM9123458"],
    "zip_after_state": ["Boise, ID 83714", "Baltimore MD 21201-1234"],
    "zip_after_state_name": ["Columbus, Ohio 43004", "lives in TEXAS 75001", "new  york 10001"],
    "postal_after_country": ["Finland 23221", "New Zealand, 34694", "Czech Republic\n11000"],
    "named_street": ["lives ON Gilbert Ferry Street", "lives off Elm Avenue"],
    "url_bare": ["mychart.example.org/patient?id=4471", "portal.clinic.com/visit/88"],
    "vin": ["VIN 1HGCM82633A004352"],
    "biometric_id": ["fingerprint template ID: A7F3K99Q2Z"],
    "MrnRecognizer": ["MRN: 6630418", "Chart # 88120", "Expediente: 4471208"],
    "HealthPlanIdRecognizer": [
        "Member ID XQJ849201",
        "policy no. 77-4410",
        "número de Medi-Cal es 91827364A",
        "póliza número 88120-44",
    ],
    "AccountNumberRecognizer": ["Acct 0048812", "visit # 99120"],
    "LicenseNumberRecognizer": ["DL D1234567", "driver's license: S530-4412-9981"],
    "DeviceSerialRecognizer": ["SN A1234567", "pacemaker # PX55201"],
    "OtherIdRecognizer": ["patient id 448120", "case number 2026-0441"],
    "card_grouped": ["4864 5428 4103 6641", "4864-5428-4103-6641"],
    "card_amex": ["3786 454284 10365"],
    "card_whole": ["5321753377274746"],
    "MrnRecognizerGrouped": ["MRN 448 812 03", "MRN: 4488/1203"],
    "HealthPlanIdRecognizerGrouped": ["Member ID XEH 881 200 44"],
    "AccountNumberRecognizerGrouped": ["Acct # 4471 2093 11"],
    "day_of_month": ["the third of July", "twenty-first of March, 1948"],
    "month_the_day": ["July twenty-first", "March the fifth"],
    "said_age": ["my patient (he's 94) fell", "she was 91 when", "who turned 95 in May"],
    "birthday": ["her 94th birthday", "101st bday", "92nd B-day party"],
    "labelled_taxpayer_number": [
        "ITIN 912-78-4410",
        "SSN: 987-65-4320",
        "tin: 944 71 2209",
        "Taxpayer ID # 931551284",
        "seguro social: 912-70-4415",
    ],
}


def _gated_rules() -> dict[str, tuple[Rule, regex.Pattern[str], re.Pattern[str]]]:
    rules = {}
    for recognizer in all_recognizers():
        if isinstance(recognizer, RegexRecognizer):
            for rule, compiled, gate in recognizer._rules:
                if gate is not None:
                    rules[rule.name] = (rule, compiled, gate)
    return rules


def _prefilters() -> dict[str, Literals | None]:
    return {
        rule.name: literals
        for recognizer in all_recognizers()
        if isinstance(recognizer, RegexRecognizer)
        for (rule, _, _), literals in zip(recognizer._rules, recognizer._literals, strict=True)
    }


def test_every_gated_rule_has_examples() -> None:
    assert set(_gated_rules()) == set(GATED_EXAMPLES)


@pytest.mark.parametrize(
    ("rule_name", "text"),
    [(name, text) for name, texts in GATED_EXAMPLES.items() for text in texts],
)
def test_gate_is_found_in_every_match_of_its_rule(rule_name: str, text: str) -> None:
    rule, compiled, gate = _gated_rules()[rule_name]
    matches = list(compiled.finditer(f"Note: {text}. Thanks"))
    assert matches, "the example must match the full rule"
    assert all(gate_open(rule, gate, match.group()) for match in matches)
    literals = _prefilters()[rule_name]
    assert all(may_match(literals, m.group(), m.group().lower()) for m in matches)


@pytest.mark.parametrize("rule_name", sorted(GATED_EXAMPLES))
def test_gate_rejects_ordinary_clinic_text(rule_name: str) -> None:
    rule, _, gate = _gated_rules()[rule_name]
    text = "Seen for COPD; prednisone 40 mg daily x 5 days, recheck in 2 weeks. Lives in Ohio."
    assert not gate_open(rule, gate, text)


_TIE_SCRIPT = """
from detectors.models import Finding
from detectors.finding_rows import drop_nested, finding_row
a = Finding(start=10, end=20, type="NAME", score=0.7, recognizer="NameRecognizer")
b = Finding(start=10, end=20, type="LOCATION", score=0.7, recognizer="LocationRecognizer")
print([f.type for f in drop_nested(map(finding_row, [a, b]))])
"""


def test_equal_findings_give_the_same_report_in_every_process() -> None:
    """Set order follows the hash seed, which differs per process."""
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _TIE_SCRIPT],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert outputs == {"['LOCATION']\n"}


def test_a_finding_inside_an_equal_or_stronger_one_is_dropped() -> None:
    outer = Finding(start=10, end=20, type="NAME", score=0.7, recognizer="NameRecognizer")
    inner = Finding(start=12, end=15, type="NAME", score=0.5, recognizer="NameRecognizer")
    for order in itertools.permutations([outer, inner]):
        assert drop_nested(map(finding_row, order)) == [outer]


def test_scanner_settles_its_heap_unless_told_not_to() -> None:
    gc.unfreeze()
    Scanner(settle_heap=False)
    assert gc.get_freeze_count() == 0
    Scanner()
    assert gc.get_freeze_count() > 10_000


class _Cycle:
    """An object that only the garbage collector can free (it refers to itself)."""

    def __init__(self) -> None:
        self.me = self


def test_the_first_settle_frees_young_garbage_and_a_reload_frees_the_replaced_engine() -> None:
    gc.unfreeze()
    garbage = _Cycle()
    garbage_ref = weakref.ref(garbage)
    del garbage
    first = Scanner()
    assert garbage_ref() is None  # collected before the freeze, not frozen for good
    engine_ref = weakref.ref(first._engine)
    del first
    Scanner()  # a policy reload: the new engine is settled, the old one must go
    assert engine_ref() is None
    gc.unfreeze()


_MIXED_NOTE = (
    "Pt Mary Quinlan, MRN 6630418, DOB 02/03/1961, lives at 12 Elm Street, Nampa, ID "
    "83651; daughter Jo (cell 208-555-0143) at mychart.example.org/patient?id=4471.\n"
    "Seen at St. Luke's Hospital on March 3rd, 2024; f/u with Dr. Okafor in Boise.\n"
    "SSN 123-45-6789, card 4864 5428 4103 6641, email mary.q@example.org, age 93."
)


@pytest.mark.parametrize(
    "entities", [None, ["NAME", "LOCATION", "FACILITY"], ["DATE", "PHONE_NUMBER", "NAME"]]
)
def test_chunk_analyzer_reports_what_the_engine_reports(entities: list[str] | None) -> None:
    engine = build_engine()
    analyze = ChunkAnalyzer(engine, entities, 0.5)

    def found(results: list[RecognizerResult]) -> list[tuple[str, int, int, float, str]]:
        name = RecognizerResult.RECOGNIZER_NAME_KEY
        return sorted(
            (r.entity_type, r.start, r.end, r.score, r.recognition_metadata[name]) for r in results
        )

    for text in (_MIXED_NOTE, _MIXED_NOTE.upper(), _MIXED_NOTE.lower(), _MIXED_NOTE * 3):
        expected = engine.analyze(text=text, language="en", entities=entities, score_threshold=0.5)
        assert len(expected) >= 3
        assert found(analyze(text)) == found(expected)


def test_duplicates_go_as_presidio_drops_them() -> None:
    def result(start: int, end: int, score: float, entity: str = "NAME") -> RecognizerResult:
        return RecognizerResult(entity, start, end, score, {"recognizer_name": "x"})

    results = [
        result(0, 10, 0.7),
        result(2, 5, 0.7),  # inside an equal score: dropped
        result(2, 5, 0.9),  # inside a weaker one: kept
        result(0, 10, 0.7),  # equal: one kept
        result(3, 4, 0.8, "LOCATION"),  # another type: kept
        result(20, 25, 0.0),  # zero score: dropped
    ]
    expected = sorted(
        (r.entity_type, r.start, r.end, r.score)
        for r in EntityRecognizer.remove_duplicates(list(results))
    )
    ours = sorted((r.entity_type, r.start, r.end, r.score) for r in remove_duplicates(results))
    assert ours == expected
    assert len(ours) == 3


def test_a_scan_runs_without_the_cyclic_collector_and_restores_it() -> None:
    scanner = Scanner(settle_heap=False)
    seen: list[bool] = []
    real = scanner._analyze

    def watching(text: str) -> list[RecognizerResult]:
        seen.append(gc.isenabled())
        return real(text)

    scanner._analyze = watching  # type: ignore[method-assign]
    gc.enable()
    scanner.scan("Pt Mary Quinlan seen 02/03/2024")
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        scanner.scan("Pt Mary Quinlan seen 02/03/2024")
        assert not gc.isenabled()
    finally:
        gc.enable()
