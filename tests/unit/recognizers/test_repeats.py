"""The shared repeat-mention helper, and the name and place recognizers that use it."""

from __future__ import annotations

from detectors.recognizers.locations import LocationRecognizer
from detectors.recognizers.names import NameRecognizer
from detectors.text.candidates import Candidate
from detectors.text.repeats import REPEAT_SCORE, repeat_mentions
from detectors.text.tokens import Token, tokenize


def _lower(token: Token) -> str:
    return token.lower


def _long(token: Token) -> bool:
    return len(token.lower) > 4


def _spans(text: str, found: list[Candidate]) -> list[tuple[str, str, float]]:
    tokens = tokenize(text)
    return [(text[tokens[c.first].start : tokens[c.last].end], c.type, c.score) for c in found]


def test_other_mentions_take_the_first_sources_type_and_a_capped_score() -> None:
    text = "son Vasko visited; later VASKO and vasko left, Vasko again"
    found = [Candidate(1, 1, "NAME", 0.9), Candidate(8, 8, "OTHER", 0.5)]
    repeats = repeat_mentions(tokenize(text), found, _lower, _long)
    assert _spans(text, repeats) == [
        ("VASKO", "NAME", REPEAT_SCORE),
        ("vasko", "NAME", REPEAT_SCORE),
        ("Vasko", "NAME", REPEAT_SCORE),
    ]


def test_words_not_carried_and_skipped_tokens_are_no_repeats() -> None:
    text = "to Quellmorn ward; Quellmorn ward again; Quellmorn"
    tokens = tokenize(text)
    found = [Candidate(1, 2, "FACILITY", 0.5)]
    repeats = repeat_mentions(tokens, found, _lower, _long, skip={3})
    assert _spans(text, repeats) == [("Quellmorn", "FACILITY", 0.5)]
    assert tokens[repeats[0].first].start == text.rindex("Quellmorn")


def test_nothing_found_means_no_repeats() -> None:
    assert repeat_mentions(tokenize("Vasko Vasko"), [], _lower, _long) == []


def test_name_recognizer_finds_a_bare_repeat_of_a_cued_name() -> None:
    text = "Spoke with son Tavrin today. Tavrin will call back."
    results = sorted(NameRecognizer().analyze(text, []), key=lambda r: r.start)
    assert [(text[r.start : r.end], r.start, r.entity_type) for r in results] == [
        ("Tavrin", 15, "NAME"),
        ("Tavrin", 29, "NAME"),
    ]


def test_location_recognizer_finds_a_bare_repeat_of_a_cued_place() -> None:
    text = "Transferred to Quellmorn Rehab on day 3. Family will visit Quellmorn weekly."
    results = sorted(LocationRecognizer().analyze(text, []), key=lambda r: r.start)
    assert [(text[r.start : r.end], r.start, r.entity_type) for r in results] == [
        ("Quellmorn", 15, "FACILITY"),  # the facility word itself is not reported
        ("Quellmorn", 59, "FACILITY"),
    ]
