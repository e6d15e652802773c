"""Lexicons for names and places, loaded once and shared by the name and place recognizers.

Sources are general, never corpus-derived: US Census first-name and surname lists
(the MIT `names` package), Moby Word II first names (public domain, detectors/data),
English word frequencies (`wordfreq`, large list: 320k words), Spanish ones (its small
list) and US place names (GeoNames, see detectors/data/places.txt). wordfreq's lists
are read by detectors/text/wordlists.py, without importing wordfreq.

`nameness` compares how common a word is as a name with how common it is as a word:
"david" and "smith" are mostly names, "will", "hope" and "park" mostly words.
"""

from __future__ import annotations

import math
import sys
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import names as census_names

from detectors.text.wordlists import wordfreq_frequencies

NAME_LIKE = 1.3  # nameness at or above which a known word is more name than word
FIRST_NAME_LIKE = NAME_LIKE - 0.5  # a census first name needs a little less ("Rob", "Bush")
UNKNOWN_ZIPF = 2.0  # rarer than this, a capitalized word is almost surely a proper noun
RARE_ZIPF = 3.0  # words rarer than this (per billion, log10) are not everyday English
PROPER_ZIPF = 4.0  # capitalized mid-sentence, only words commoner than this are everyday


@cache
def first_names() -> dict[str, float]:
    """Lower-cased first name -> percent of the population (male and female lists)."""
    shares = _census_file("dist.male.first")
    for name, share in _census_file("dist.female.first").items():
        shares[name] = max(shares.get(name, 0.0), share)
    return shares


@cache
def surnames() -> dict[str, float]:
    """Lower-cased surname -> percent of the population."""
    return _census_file("dist.all.last")


@cache
def moby_first_names() -> frozenset[str]:
    """Lower-cased first names from Moby Word II: many the census lacks ('gustav', 'hamish')."""
    return _data_words("first_names_moby.txt")


@cache
def word_frequencies() -> dict[str, float]:
    """Lower-cased English word -> frequency (fraction of all words).

    In a process that has imported wordfreq already (the tray: its override-reason
    filter uses it), wordfreq's own cached dictionary is taken, so the ~40 MB list is
    held once; elsewhere the list is read without importing wordfreq (faster start).
    Both give the same dictionary.
    """
    loaded = sys.modules.get("wordfreq")
    if loaded is not None:
        shared: dict[str, float] = loaded.get_frequency_dict("en", "large")
        return shared
    return wordfreq_frequencies("large_en")


@cache
def spanish_frequencies() -> dict[str, float]:
    """Lower-cased Spanish word -> frequency, from Zipf 3 up (wordfreq's small list)."""
    return wordfreq_frequencies("small_es")


@cache
def places() -> frozenset[str]:
    """Lower-cased US place names (cities, towns, counties) and the largest world cities."""
    return _data_words("places.txt")


@cache
def countries() -> frozenset[str]:
    """Lower-cased country names (GeoNames, see detectors/data/countries.txt)."""
    return _data_words("countries.txt")


@cache
def place_first_words() -> frozenset[str]:
    """First words of multi-word place names, to find 'middle river' from 'middle'."""
    return frozenset(p.split()[0] for p in places() if " " in p)


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's Zipf scale: log10 of frequency per billion words (0 when unknown)."""
    frequency = word_frequencies().get(base_form(word), 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


@lru_cache(maxsize=65536)
def name_share(word: str) -> float:
    """Largest census share of the word as a first name or a surname (percent)."""
    lower = base_form(word).replace("'", "")  # the census writes O'Connell as OCONNELL
    return max(first_names().get(lower, 0.0), surnames().get(lower, 0.0))


@lru_cache(maxsize=65536)
def nameness(word: str) -> float:
    """log10(name share) − log10(word frequency): >~1.3 name-dominant, <~1 word-dominant.

    Unknown as a word but known as a name → +inf; unknown as both → 0 (no evidence).
    """
    share = name_share(word) / 100
    frequency = word_frequencies().get(base_form(word), 0.0)
    if share <= 0:
        return 0.0 if frequency == 0 else -math.inf
    if frequency <= 0:
        return math.inf
    return math.log10(share) - math.log10(frequency)


@lru_cache(maxsize=65536)
def base_form(word: str) -> str:
    """Lower-cased, without a possessive 's: "White's" -> "white"."""
    lower = word.lower().replace("’", "'")
    return lower[:-2] if lower.endswith("'s") else lower.rstrip("'")


@lru_cache(maxsize=65536)
def is_everyday_word(word: str, min_zipf: float = RARE_ZIPF) -> bool:
    """A common English word that is not mainly a name ('bed', 'will', 'park').

    A hyphenated word is everyday only when every part is ('ex-husband', not 'Brackwin-Painter').
    Raise `min_zipf` where capitalization already hints at a name (wordfreq counts
    "Luca" and "Boston" as words too).
    """
    parts = [p for p in base_form(word).split("-") if p]
    return bool(parts) and all(zipf(p) >= min_zipf and nameness(p) < NAME_LIKE for p in parts)


def in_first_names(word: str) -> bool:
    """In the census first-name list at all, also when more word than name ('Will')."""
    return base_form(word) in first_names()


@lru_cache(maxsize=65536)
def is_known_first_name(word: str) -> bool:
    """In the census first-name list and more name than word."""
    base = base_form(word)
    return base in first_names() and nameness(base) >= FIRST_NAME_LIKE


@lru_cache(maxsize=65536)
def is_listed_first_name(word: str) -> bool:
    """In the census or Moby first-name lists and not everyday English even when
    capitalized ('Gustav', 'Hamish'; not 'Grace' or 'Will')."""
    base = base_form(word)
    listed = base in first_names() or base in moby_first_names()
    return listed and not is_everyday_word(base, PROPER_ZIPF)


@lru_cache(maxsize=65536)
def is_name_like(word: str) -> bool:
    """Name-dominant per the census lists, or not an everyday word (could be a rare name)."""
    base = base_form(word)
    if nameness(base) >= NAME_LIKE:
        return True
    return not is_everyday_word(base) and base.replace("-", "").replace("'", "").isalpha()


def _data_words(filename: str) -> frozenset[str]:
    text = resources.files("detectors").joinpath(f"data/{filename}").read_text("utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _census_file(filename: str) -> dict[str, float]:
    path = Path(census_names.__file__).with_name(filename)
    shares: dict[str, float] = {}
    with path.open(encoding="ascii") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                shares[parts[0].lower()] = float(parts[1])
    return shares
