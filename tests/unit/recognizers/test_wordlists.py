"""wordfreq's lists read directly (detectors/text/wordlists.py) give what wordfreq gives.

The detectors read the English and Spanish frequency files themselves so that building
the engine never imports wordfreq. These tests hold the shortcut to wordfreq's own
answers: the same dictionaries, and the same Spanish Zipf value for every word of the
Spanish list, hyphenated pairs of them, and words only wordfreq's tokenizer can judge.
"""

from __future__ import annotations

import gc
import random
import subprocess
import sys
from pathlib import Path

import pytest
import wordfreq

from detectors.names.spanish import _plain_latin, spanish_zipf
from detectors.text import lexicon
from detectors.text.wordlists import wordfreq_frequencies

REPO = Path(__file__).resolve().parents[3]


def test_english_and_spanish_frequencies_equal_wordfreqs_own() -> None:
    english = lexicon.word_frequencies()
    assert english == wordfreq.get_frequency_dict("en", wordlist="large")
    assert len(english) > 300_000 and english["the"] > english["appeal"] > english["brannigan"]
    assert lexicon.spanish_frequencies() == wordfreq.get_frequency_dict("es", wordlist="small")


def test_a_file_that_is_not_a_frequency_list_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    import msgpack

    from detectors.text import wordlists

    (tmp_path / "data").mkdir()
    packed = msgpack.packb([{"format": "other", "version": 1}, ["word"]])
    (tmp_path / "data" / "odd.msgpack.gz").write_bytes(gzip.compress(packed))
    monkeypatch.setattr(wordlists, "_package_folder", lambda package: tmp_path)
    with pytest.raises(ValueError, match="not a wordfreq cBpack file"):
        wordfreq_frequencies("odd")


def _spanish_words() -> list[str]:
    return sorted(lexicon.spanish_frequencies())


def test_spanish_zipf_equals_wordfreq_for_every_listed_word_and_unknown_ones() -> None:
    words = _spanish_words()
    unknown = [w + "qz" for w in words[::50]]
    assert sum(map(_plain_latin, words)) > 0.9 * len(words)  # the shortcut is what is tested
    for word in words + unknown:
        assert spanish_zipf(word) == wordfreq.zipf_frequency(word, "es", wordlist="small"), word


def test_spanish_zipf_equals_wordfreq_for_hyphenated_words() -> None:
    rng = random.Random(7)
    words = _spanish_words()
    pairs = [f"{rng.choice(words)}-{rng.choice(words)}" for _ in range(3000)]
    triples = [f"{rng.choice(words)}-{rng.choice(words)}-{rng.choice(words)}" for _ in range(500)]
    for word in pairs + triples + ["garcía-lópez", "ex-esposo", "zzqx-casa"]:
        assert spanish_zipf(word) == wordfreq.zipf_frequency(word, "es", wordlist="small"), word


@pytest.mark.parametrize(
    "word", ["o'connor", "d’angelo", "straße", "ﬁesta", "maría".upper(), "ñandú", "x-", "-", "a--b"]
)
def test_words_outside_the_shortcut_still_get_wordfreqs_answer(word: str) -> None:
    assert spanish_zipf(word) == wordfreq.zipf_frequency(word, "es", wordlist="small")


def test_only_lower_case_latin_letters_take_the_shortcut() -> None:
    assert _plain_latin("señora") and _plain_latin("pingüino") and _plain_latin("casa")
    for word in ("o'connor", "straße", "ﬁesta", "Casa", "москва", "", "e\u0301"):
        assert not _plain_latin(word), word


def test_building_the_scanner_does_not_import_wordfreq() -> None:
    code = (
        "import sys; from detectors.scanner import Scanner; Scanner(); "
        "print(sorted(m for m in ('wordfreq', 'langcodes', 'ftfy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_building_the_scanner_leaves_garbage_collection_as_it_found_it() -> None:
    from detectors.scanner import Scanner

    assert gc.isenabled()
    Scanner(settle_heap=False)
    assert gc.isenabled()
    gc.disable()
    try:
        Scanner(settle_heap=False)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_process_that_imported_wordfreq_holds_its_english_list_once() -> None:
    """The tray imports wordfreq for the override-reason filter: the detector then takes
    wordfreq's own cached dictionary instead of reading a second ~40 MB copy."""
    import wordfreq

    from detectors.text import lexicon

    lexicon.word_frequencies.cache_clear()
    try:
        assert lexicon.word_frequencies() is wordfreq.get_frequency_dict("en", "large")
    finally:
        lexicon.word_frequencies.cache_clear()
