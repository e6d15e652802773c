"""The scan's de-duplication must keep the very findings it kept before, in the same order.

Two steps were reworked for speed: the chunk de-duplication (engine.remove_duplicates)
ranks results by tuples sorted at C speed, and the scanner keeps findings as tuple
rows until the nested drop (detectors.finding_rows), making Finding objects without
__init__. These tests compare both with the previous implementations (kept here) on
random, overlapping, tied, equal and zero-score spans, and with Presidio's own
de-duplication.
"""

from __future__ import annotations

import pickle
import random
from dataclasses import asdict, replace
from itertools import groupby

import pytest
from presidio_analyzer import EntityRecognizer, RecognizerResult

from detectors.engine import remove_duplicates
from detectors.finding_rows import _finding, drop_nested, finding_row, outside, result_rows
from detectors.models import Finding
from detectors.unicode_fold import fold

Span = tuple[int, int, str, float, str]  # start, end, type, score, recognizer


def _random_spans(rng: random.Random, count: int) -> list[Span]:
    """Spans of three types, many nested or overlapping, a fifth of them repeated."""
    spans = []
    for n in range(count):
        start = rng.randrange(0, 250)
        end = start + rng.choice([0, 1, 2, 3, 5, 8, 13, 25, 40])
        kind = rng.choice(["NAME", "DATE", "LOCATION"])
        score = rng.choice([0.0, 0.3, 0.5, 0.5, 0.65, 0.85, 1.0])
        spans.append((start, end, kind, score, rng.choice(["A", "B", str(n)])))
    return spans + [rng.choice(spans) for _ in range(count // 5)] if spans else []


def _reference_drop_nested(findings: list[Finding]) -> list[Finding]:
    def precedence(f: Finding) -> tuple[int, int, float, str, str]:
        return (f.start, f.start - f.end, -f.score, f.type, f.recognizer)

    kept: list[Finding] = []
    for finding in sorted(set(findings), key=precedence):
        for outer in kept[-8:]:
            inside = outer.start <= finding.start and finding.end <= outer.end
            if inside and outer.score >= finding.score:
                break
        else:
            kept.append(finding)
    return kept


def _reference_remove_duplicates(results: list[RecognizerResult]) -> list[RecognizerResult]:
    unique = {(r.start, r.end, r.score, r.entity_type): r for r in reversed(results)}
    ordered = sorted(
        unique.values(), key=lambda r: (str(r.entity_type), r.start, r.start - r.end, -r.score)
    )
    kept: list[RecognizerResult] = []
    for _, same_type in groupby(ordered, key=lambda r: r.entity_type):
        active: list[RecognizerResult] = []
        for result in same_type:
            if result.score == 0:
                continue
            active = [other for other in active if other.end >= result.start]
            if not any(
                result.start >= o.start and result.end <= o.end and result.score <= o.score
                for o in active
            ):
                kept.append(result)
                active.append(result)
    return kept


def _results(spans: list[Span]) -> list[RecognizerResult]:
    metadata = RecognizerResult.RECOGNIZER_NAME_KEY
    return [
        RecognizerResult(kind, start, end, score, recognition_metadata={metadata: name})
        for start, end, kind, score, name in spans
    ]


@pytest.mark.parametrize("seed", range(40))
def test_drop_nested_keeps_what_the_reference_keeps_in_its_order(seed: int) -> None:
    rng = random.Random(seed)
    findings = [Finding(*span) for span in _random_spans(rng, rng.choice([0, 1, 5, 60, 400]))]
    expected = _reference_drop_nested(findings)
    got = drop_nested(map(finding_row, findings))
    assert got == expected
    assert [asdict(f) for f in got] == [asdict(f) for f in expected]


def test_a_finding_made_without_init_is_the_finding_init_makes() -> None:
    made = _finding(3, 9, "NAME", 0.85, "NameRecognizer")
    built = Finding(start=3, end=9, type="NAME", score=0.85, recognizer="NameRecognizer")
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert vars(made) == vars(built) and list(vars(made)) == list(vars(built))
    assert pickle.loads(pickle.dumps(made)) == built
    assert replace(made, score=0.5) == replace(built, score=0.5)
    with pytest.raises(AttributeError):
        made.start = 4  # type: ignore[misc]


def test_rows_map_results_to_the_callers_offsets_and_round_scores() -> None:
    folded = fold("Ｓｍｉｔｈ seen")  # fullwidth letters fold to ASCII
    metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: "NameRecognizer"}
    result = RecognizerResult("NAME", 0, 5, 0.84999, recognition_metadata=metadata)
    bare = RecognizerResult("DATE", 6, 10, 0.5)
    rows = result_rows([result, bare], 100, folded)
    start, end = folded.span(0, 5)
    assert rows[0] == (100 + start, start - end, -0.85, "NAME", "NameRecognizer", 100 + end)
    assert rows[1][3:5] == ("DATE", "unknown")


def test_rows_inside_an_allowed_span_are_left_out() -> None:
    rows = [finding_row(Finding(s, e, "NAME", 0.5, "A")) for s, e in [(0, 4), (5, 9), (8, 12)]]
    assert outside(rows, [(4, 10)]) == [rows[0], rows[2]]
    assert outside(rows, []) == rows


@pytest.mark.parametrize("seed", range(60))
def test_the_same_results_are_kept_in_the_same_order(seed: int) -> None:
    rng = random.Random(seed)
    results = _results(_random_spans(rng, rng.choice([0, 1, 4, 30, 300])))
    assert [id(r) for r in remove_duplicates(results)] == [
        id(r) for r in _reference_remove_duplicates(results)
    ]


@pytest.mark.parametrize("seed", range(10))
def test_the_kept_results_are_presidios(seed: int) -> None:
    results = _results(_random_spans(random.Random(seed), 80))

    def spans(kept: list[RecognizerResult]) -> list[tuple[str, int, int, float]]:
        return sorted((r.entity_type, r.start, r.end, r.score) for r in kept)

    presidio = EntityRecognizer.remove_duplicates(list(results))
    assert spans(remove_duplicates(results)) == spans(presidio)


def test_a_long_run_of_overlapping_results_keeps_each_stronger_one() -> None:
    results = [RecognizerResult("NAME", i, 100 + i, 0.1 + i / 100, None) for i in range(30)]
    assert remove_duplicates(results) == results
