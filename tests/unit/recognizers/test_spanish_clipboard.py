"""The Spanish clipboard set: every text with patient information warns, no harmless
text does, and every identifier is covered by a finding.

tests/data/clipboard-es.jsonl holds invented texts in the format of the English
clipboard set (id, phi, text, identifiers). A text is judged as the release scorer
(score_phi.py, used by bench/eval.py) judges documents: the scan's verdict against
`phi`, and an identifier counts as found when a finding overlaps it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detectors.scanner import Scanner

SET = Path(__file__).resolve().parents[2] / "data" / "clipboard-es.jsonl"
CASES: list[dict[str, Any]] = [
    json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()
]
POSITIVES = [case for case in CASES if case["phi"]]
HARMLESS = [case for case in CASES if not case["phi"]]


def test_the_set_has_twenty_texts_of_each_kind_with_unique_ids() -> None:
    assert len(POSITIVES) >= 20 and len(HARMLESS) >= 20
    assert len({case["id"] for case in CASES}) == len(CASES)
    for case in POSITIVES:
        assert case["identifiers"] and all(value in case["text"] for value in case["identifiers"])


@pytest.mark.parametrize("case", POSITIVES, ids=[case["id"] for case in POSITIVES])
def test_spanish_patient_text_warns_and_every_identifier_is_found(
    scanner: Scanner, case: dict[str, Any]
) -> None:
    text = case["text"]
    report = scanner.scan(text)
    assert report.phi is True
    missed = []
    for value in case["identifiers"]:
        start = text.index(value)
        end = start + len(value)
        if not any(f.start < end and start < f.end for f in report.findings):
            missed.append(value)
    assert missed == []


@pytest.mark.parametrize("case", HARMLESS, ids=[case["id"] for case in HARMLESS])
def test_harmless_spanish_text_does_not_warn(scanner: Scanner, case: dict[str, Any]) -> None:
    report = scanner.scan(case["text"])
    assert report.phi is False, [(f.type, case["text"][f.start : f.end]) for f in report.findings]
