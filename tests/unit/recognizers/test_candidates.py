"""The merge of overlapping token candidates: unions, the stronger rule typing them."""

from __future__ import annotations

import random
from itertools import pairwise

from detectors.text.candidates import Candidate, merge


def test_a_stronger_candidate_types_the_union_and_a_weaker_one_inside_changes_nothing() -> None:
    outer = Candidate(2, 5, "NAME", 0.6)
    assert merge([outer, Candidate(3, 4, "PROVIDER_NAME", 0.5)]) == [outer]
    stronger = Candidate(3, 4, "PROVIDER_NAME", 0.8)
    assert merge([outer, stronger]) == [Candidate(2, 5, "PROVIDER_NAME", 0.8)]
    tie = Candidate(2, 5, "PROVIDER_NAME", 0.6)
    assert merge([tie, outer]) == [tie]  # equal scores: the one listed first decides
    assert merge([Candidate(0, 1, "A", 0.5), Candidate(1, 3, "B", 0.5)]) == [
        Candidate(0, 3, "A", 0.5)
    ]


def test_unions_are_disjoint_cover_every_candidate_and_keep_the_best_score() -> None:
    chooser = random.Random(5)
    for _ in range(500):
        candidates = [
            Candidate(first, first + chooser.randint(0, 3), chooser.choice("AB"), score)
            for first, score in (
                (chooser.randint(0, 20), chooser.choice((0.5, 0.6, 0.7)))
                for _ in range(chooser.randint(0, 12))
            )
        ]
        merged = merge(candidates)
        assert all(a.last < b.first for a, b in pairwise(merged))
        covered = {i for c in merged for i in range(c.first, c.last + 1)}
        assert covered == {i for c in candidates for i in range(c.first, c.last + 1)}
        for union in merged:
            inside = [c for c in candidates if union.first <= c.first <= union.last]
            assert union.score == max(c.score for c in inside)
            assert union.type in {c.type for c in inside if c.score == union.score}
