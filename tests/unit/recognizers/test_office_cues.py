"""The office-cue shortcuts must decide every date as the plain forms did.

The office words are searched with one branch per first letter, and sentence breaks
are found only when a date has an office cue within reach. These tests compare both
with the plain alternation and an eager reference decision on varied invented text.
"""

from __future__ import annotations

import random
import sys
from bisect import bisect_left
from pathlib import Path

import pytest

from detectors.recognizers import _cue_spans
from detectors.recognizers import _date_context as cues

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from clinic_text import clinic_text

_PLAIN_OFFICE = _cue_spans.word_pattern("offices?|" + _cue_spans.OFFICE_EVENTS)
_PIECES = [
    "staff", "Staffing", "meeting", "meetings", "family meeting", "patient  meeting",
    "conference", "patient conference", "in-service", "inservice", "office", "offices",
    "in the office", "from our office", "closed", "closedx", "xclosed", "2closed", "holidays",
    "reunión", "capacitacion", "cerrados", "pto", "ptos", "seen", "pt", "visit", "12/24",
    "3/4/2026", ".", ". ", "!", "?\n", "\n", " ", ", ", "-", "/", "İnce", "no.", "Dr.",
]  # fmt: skip


def _soup(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(_PIECES) + rng.choice([" ", "", "  ", "\n"]) for _ in range(words))


def _texts() -> list[str]:
    rng = random.Random(7)
    return [clinic_text(20_000, seed=3), *(_soup(rng, rng.randrange(1, 300)) for _ in range(60))]


@pytest.mark.parametrize("text", _texts())
def test_grouped_office_words_match_the_plain_alternation(text: str) -> None:
    lowered = text.lower()
    plain = [m.span() for m in _PLAIN_OFFICE.finditer(lowered)]
    assert [m.span() for m in _cue_spans.OFFICE_FAST.finditer(lowered)] == plain


def test_words_must_start_with_a_plain_letter() -> None:
    assert _cue_spans.by_first_letter(["ab", "ac", "b?x"]) == "a(?:b|c)|b(?:?x)"
    with pytest.raises(ValueError, match="plain word"):
        _cue_spans.by_first_letter(["(?:ab)"])


def _eager_decision(found: cues.OfficeCues, text: str, start: int, end: int) -> bool:
    """OfficeCues.is_office_event as it was: sentence breaks always found first."""
    breaks = [m.start() for m in cues._SENTENCE_BREAK.finditer(text)] if found._office else []
    if not found._office:
        return False
    index = bisect_left(breaks, start)
    sentence_start = breaks[index - 1] + 1 if index else 0
    after = bisect_left(breaks, end)
    sentence_end = breaks[after] if after < len(breaks) else end + 80
    office = cues._nearest(
        [
            cues._gap_before(found._office, start, min(150, start - sentence_start)),
            cues._gap_after(found._office, end, min(80, sentence_end - end)),
        ]
    )
    if office is None:
        return False
    patient = cues._nearest(
        [cues._gap_before(found._patient, start, 150), cues._gap_after(found._patient, end, 80)]
    )
    return patient is None or office < patient


@pytest.mark.parametrize("text", _texts()[:25])
def test_office_decisions_match_the_eager_reference(text: str) -> None:
    rng = random.Random(len(text))
    spans = [
        (s, s + rng.randrange(1, 10)) for s in rng.sample(range(len(text)), min(80, len(text)))
    ]
    found = cues.OfficeCues(text)
    decisions = [found.is_office_event(start, end) for start, end in spans]
    assert decisions == [_eager_decision(found, text, start, end) for start, end in spans]
