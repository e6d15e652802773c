"""The evaluation method's own helpers: fixed PhysioNet halves and the snapshot compare."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from snapshot import compare
from splits import half_of, select_half


def test_a_patients_notes_stay_in_one_half() -> None:
    for patient in range(1, 60):
        assert len({half_of(f"{patient}-{note}") for note in range(1, 12)}) == 1


def test_halves_are_fixed_and_both_used() -> None:
    halves = [half_of(f"{patient}-1") for patient in range(1, 200)]
    assert set(halves) == {"A", "B"}
    assert halves == [half_of(f"{patient}-1") for patient in range(1, 200)]
    assert 60 < halves.count("A") < 140


def test_select_half_keeps_corpus_order() -> None:
    cases = [{"id": f"{p}-{n}"} for p in range(1, 30) for n in (1, 2)]
    chosen = select_half(cases, "A")
    assert chosen == [c for c in cases if half_of(c["id"]) == "A"]


def test_compare_identical_runs(capsys: pytest.CaptureFixture[str]) -> None:
    run = {"clipboard-dev.jsonl": {"d-p01": [[0, 4, "NAME", 0.8, "NameRecognizer"]]}}
    assert compare(run, run, listing=0) == 0
    assert capsys.readouterr().out.strip() == "identical"


def test_compare_counts_added_and_removed_by_type(capsys: pytest.CaptureFixture[str]) -> None:
    old = {"c.jsonl": {"1": [[0, 4, "NAME", 0.8, "R"]], "2": [[5, 9, "DATE", 0.9, "R"]]}}
    new = {"c.jsonl": {"1": [[0, 4, "FACILITY", 0.8, "R"]], "2": [[5, 9, "DATE", 0.9, "R"]]}}
    assert compare(old, new, listing=5) == 1
    out = capsys.readouterr().out
    assert "| c.jsonl | 1 | FACILITY 1 | NAME 1 |" in out
    assert "- c.jsonl 1: +[(0, 4, 'FACILITY', 0.8, 'R')] -[(0, 4, 'NAME', 0.8, 'R')]" in out
