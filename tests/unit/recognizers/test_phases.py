"""The phase runner: rules see the earlier phases' candidates, finish joins them."""

from __future__ import annotations

from collections.abc import Sequence

from detectors.text.candidates import Candidate
from detectors.text.phases import Doc, Phase, on_found, on_text, on_tokens, per_found, run_phases
from detectors.text.tokens import Token, tokenize

TEXT = "son Tomas and Brisa came"


def _first_capital(tokens: Sequence[Token]) -> list[Candidate]:
    i = next(i for i, t in enumerate(tokens) if t.shape == "title")
    return [Candidate(i, i, "NAME", 0.8)]


def _word_after_and(tokens: Sequence[Token], name: Candidate) -> list[Candidate]:
    nxt = name.last + 1
    ok = nxt + 1 < len(tokens) and tokens[nxt].lower == "and"
    return [Candidate(nxt + 1, nxt + 1, name.type, 0.7)] if ok else []


def _count_found(tokens: Sequence[Token], found: Sequence[Candidate]) -> list[Candidate]:
    return [Candidate(0, 0, f"SEEN_{len(found)}", 0.1)]


def test_later_phases_read_what_earlier_phases_found() -> None:
    phases = (
        Phase("first", (on_tokens(_first_capital),)),
        Phase("joined", (per_found(_word_after_and),)),
    )
    found = run_phases(TEXT, tokenize(TEXT), phases)
    assert found == [Candidate(1, 1, "NAME", 0.8), Candidate(3, 3, "NAME", 0.7)]


def test_rules_of_one_phase_see_the_same_found() -> None:
    phases = (
        Phase("first", (on_tokens(_first_capital),)),
        Phase("count", (on_found(_count_found), on_found(_count_found)), finish=lambda d, c: c),
    )
    found = run_phases(TEXT, tokenize(TEXT), phases)
    assert [c.type for c in found] == ["NAME", "SEEN_1", "SEEN_1"]


def test_finish_may_filter_and_on_text_passes_the_text() -> None:
    seen: list[str] = []

    def rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
        seen.append(text)
        return [Candidate(0, 0, "NAME", 0.5)]

    def drop_all(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
        return []

    assert run_phases(TEXT, tokenize(TEXT), (Phase("p", (on_text(rule),), drop_all),)) == []
    assert seen == [TEXT]
