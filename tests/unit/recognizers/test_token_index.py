"""The token index the name and place rules share: positions found once, in order."""

from __future__ import annotations

import random
import sys
import threading

from detectors.text.index import index_of
from detectors.text.tokens import tokenize

TEXT = "Son Bram's visit, son and Dr. K. Ostrava\nthe son, then Mel"


def _words(positions: list[int]) -> list[str]:
    tokens = tokenize(TEXT)
    return [tokens[i].text for i in positions]


def test_positions_of_words_come_in_text_order_whatever_their_case() -> None:
    index = index_of(tokenize(TEXT))
    assert _words(index.at({"son", "dr", "absent"})) == ["Son", "son", "Dr", "son"]
    assert _words(index.at(("mel",))) == ["Mel"]
    assert index.at(()) == []


def test_line_starts_titles_initials_apostrophes_and_commas() -> None:
    index = index_of(tokenize(TEXT))
    assert _words(index.line_starts) == ["Son", "the"]
    assert _words(index.prose_titles) == ["Son", "Bram's", "Dr", "Ostrava", "Mel"]
    assert _words(index.initials) == ["K"]
    assert _words(index.apostrophes) == ["Bram's"]
    assert _words(index.commas) == ["son", "then"]
    assert _words(index.at_or({"dr"}, index.apostrophes)) == ["Bram's", "Dr"]


def test_positions_by_shape_and_gap_match_their_definitions() -> None:
    """The one-pass walk agrees with each list's plain definition, on every case mode."""
    chooser = random.Random(3)
    pieces = ["Dr.", "K.", "j.", "SMITH", "Ostrava", "son", "McKay", "eBay", ", ", "\n", " "]
    pieces += ["\nseen at home by the team today j.", "\nSEEN AT HOME BY THE TEAM K."]
    for _ in range(200):
        text = " ".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 30)))
        tokens = tokenize(text)
        index = index_of(tokens)
        numbered = list(enumerate(tokens))
        assert index.line_starts == [i for i, t in numbered if i == 0 or "\n" in t.gap_before]
        assert index.commas == [i for i, t in numbered if "," in t.gap_before]
        assert index.initials == [i for i, t in numbered if t.shape == "initial"]
        titles = [i for i, t in numbered if t.shape == "title" and t.mode == "mixed"]
        assert index.prose_titles == titles
        assert index.titles == [i for i, t in numbered if t.shape == "title"]
        capitalized = ("title", "upper")
        shaped = [i for i, t in numbered if t.mode != "mixed" or t.shape in capitalized]
        assert index.name_shaped == shaped


def test_the_index_is_built_once_per_token_sequence() -> None:
    tokens = tokenize(TEXT)
    assert index_of(tokens) is index_of(tokens)
    other = tuple(tokens)[:3]
    assert index_of(other) is not index_of(tokens)
    assert index_of(other).lowers == ["son", "bram's", "visit"]


def test_where_asks_once_per_word_and_name_shaped_words() -> None:
    asked: list[str] = []

    def starts_with_s(word: str) -> bool:
        asked.append(word)
        return word.startswith("s")

    index = index_of(tokenize(TEXT))
    assert _words(index.where(starts_with_s)) == ["Son", "son", "son"]
    assert sorted(asked) == sorted(set(asked))
    assert _words(index.name_shaped) == ["Son", "Bram's", "Dr", "Ostrava", "Mel"]  # no initial
    lower_line = index_of(tokenize("seen by dr ostrava and son mel today at noon"))
    assert len(lower_line.name_shaped) == len(lower_line.lowers)


def test_the_index_cache_is_safe_for_scanners_on_two_threads() -> None:
    """The tray's worker and a review window's note scanner can scan at the same time in
    one process: evicting from the shared cache raised KeyError without its lock."""
    texts = [f"Pt seen by Dr Quell {i} today and sent to Tarnwell" for i in range(64)]
    token_lists = [tokenize.__wrapped__(text) for text in texts]
    errors: list[str] = []

    def run(offset: int) -> None:
        try:
            for n in range(20_000):
                index_of(token_lists[(n * 7 + offset) % 64])
        except Exception as error:
            errors.append(repr(error))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
