"""The scanner's tuple rows must report exactly what Finding objects reported.

detectors.finding_rows replaced a set of Finding dataclasses sorted by a Python key,
and one Finding per Presidio result: these tests compare it with that reference
implementation (kept here) on varied, overlapping, tied and duplicated findings, and
check that a Finding made without __init__ is the Finding __init__ makes.
"""

from __future__ import annotations

import pickle
import random
from dataclasses import asdict, replace

import pytest
from presidio_analyzer import RecognizerResult

from detectors.finding_rows import _finding, drop_nested, finding_row, outside, result_rows
from detectors.models import Finding
from detectors.unicode_fold import fold


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


def _random_findings(rng: random.Random, count: int) -> list[Finding]:
    findings = []
    for _ in range(count):
        start = rng.randrange(0, 300)
        end = start + rng.randrange(0, 25)
        kind = rng.choice(["NAME", "DATE", "LOCATION", "PHONE"])
        score = rng.choice([0.0, 0.3, 0.5, 0.5, 0.65, 0.85, 1.0])
        findings.append(Finding(start, end, kind, score, rng.choice(["A", "B", "C"])))
    return findings + rng.sample(findings, k=count // 4)  # duplicates, as chunks overlap


@pytest.mark.parametrize("seed", range(40))
def test_drop_nested_keeps_what_the_reference_keeps_in_its_order(seed: int) -> None:
    rng = random.Random(seed)
    findings = _random_findings(rng, rng.choice([0, 1, 5, 60, 400]))
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
