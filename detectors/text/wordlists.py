"""Reads the word-list files the lexicons are built from, straight from their packages.

Importing `wordfreq` costs more than reading its English list: at import it walks the
whole call stack (inspect.stack) to find its own folder and compiles its tokenizer's
patterns, none of which a dictionary lookup needs. So its lists are read here, in its
documented cBpack format: a gzipped msgpack list whose first item is a header and
whose item i (after the header) holds the words of frequency 10 ** (-i / 100).
"""

from __future__ import annotations

import gzip
import math
from importlib.util import find_spec
from pathlib import Path

import msgpack

_MINIMUM_FREQUENCY = 1e-9  # what zipf_frequency(minimum=0) asks word_frequency for


def wordfreq_frequencies(list_name: str) -> dict[str, float]:
    """Word -> frequency (fraction of all words), as wordfreq.get_frequency_dict gives it.

    `list_name` is a file stem of wordfreq's data folder: "large_en", "small_es".
    """
    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(_cbpack_buckets(list_name)):
        frequency = 10 ** (-index / 100)
        for word in bucket:  # a plain loop: faster than dict.fromkeys plus update here
            frequencies[word] = frequency
    return frequencies


def wordfreq_zipf(frequencies: dict[str, float], tokens: list[str]) -> float:
    """wordfreq.zipf_frequency of a word its tokenizer cuts into `tokens`.

    The same arithmetic: token frequencies combine as 1/f = 1/f1 + 1/f2 + ... (summed
    in order), a missing token gives the minimum (Zipf 0), the frequency keeps three
    significant digits and the Zipf value two decimals.
    """
    frequency = _MINIMUM_FREQUENCY
    if tokens and all(token in frequencies for token in tokens):
        one_over = 0.0
        for token in tokens:
            one_over += 1.0 / frequencies[token]
        frequency = max(1.0 / one_over, _MINIMUM_FREQUENCY)
    leading_zeroes = math.floor(-math.log(frequency, 10))
    return round(math.log(round(frequency, leading_zeroes + 3), 10) + 9, 2)


def _cbpack_buckets(list_name: str) -> list[list[str]]:
    path = _package_folder("wordfreq") / "data" / f"{list_name}.msgpack.gz"
    data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    header = data[0]
    if not isinstance(header, dict) or (header.get("format"), header.get("version")) != ("cB", 1):
        raise ValueError(f"{path.name}: not a wordfreq cBpack file (header {header!r})")
    buckets: list[list[str]] = data[1:]
    return buckets


def _package_folder(package: str) -> Path:
    """The folder of an installed package, found without importing (running) it."""
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {package} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))
