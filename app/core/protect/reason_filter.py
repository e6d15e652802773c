"""The strict filter an override reason goes through before it is stored. Qt-free.

The scanner alone let "chart 7788992", "for OCTAVIA BRANNIGAN's appeal" and "brannigan
chart 7788992" through. What is stored is therefore what is left when everything that
could identify a patient is masked, not what is left after the scanner found something:

- what the scanner found becomes <TYPE>;
- every number of 3 or more digits, and every number written with separators
  ("3/4/21", "12-7"), becomes <NUMBER>;
- every month name, "may" included ("march 4" is a date of service);
- every word with a capital letter, and every word that is not common English (Zipf
  frequency below 3.5 in wordfreq's large list, the one the detectors use) or that is
  more a name than a word (US Census first names and surnames), becomes <WORD>;
- other symbols become spaces.

Only common lower-case words, short numbers and plain punctuation are kept: "needed
for the appeal, chart <NUMBER>". The same function previews the stored reason to the
staff member before they confirm. Lexicons load on first use (≈0.3–0.5 s); `warm()`
lets a caller load them off the GUI thread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache

import names as census_names
import wordfreq

COMMON_ZIPF = 3.5  # log10 of uses per billion words: "appeal" 4.7, "octavia" 3.0
NAME_LIKE = 1.3  # log10(name share) − log10(word frequency): more name than word
MAX_REASON = 500
WORD_MASK, NUMBER_MASK = "<WORD>", "<NUMBER>"
_MONTHS = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
))  # fmt: skip
# A scanner placeholder, a number (with separators), a word (with an apostrophe), the rest.
_TOKEN = re.compile(
    r"(?P<mask><[A-Z_]+>)"
    r"|(?P<number>\d+(?:[/.:\-]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<space>\s+)"
    r"|(?P<punct>[.,;:!?()\-'])"
    r"|(?P<other>.)",
    re.DOTALL,
)


def strict_reason(text: str, spans: Iterable[tuple[int, int, str]] = ()) -> str:
    """`text` with the scanner's spans as <TYPE> and everything else not common masked."""
    pieces: list[str] = []
    cursor = 0
    for start, end, code in sorted(spans):
        if start < cursor:
            continue
        pieces += [_filter(text[cursor:start]), f"<{code}>"]
        cursor = end
    pieces.append(_filter(text[cursor:]))
    return re.sub(r"\s+", " ", "".join(pieces)).strip()[:MAX_REASON]


def _filter(text: str) -> str:
    return "".join(_kept(match) for match in _TOKEN.finditer(text))


def _kept(match: re.Match[str]) -> str:
    kind, value = match.lastgroup, match[0]
    if kind == "number":
        return value if value.isdigit() and len(value) < 3 else NUMBER_MASK
    if kind == "word":
        return value if is_common_word(value) else WORD_MASK
    if kind == "other":
        return " "
    return value  # a scanner placeholder typed by the user stays a placeholder: harmless


def is_common_word(word: str) -> bool:
    """Lower case, common English, and more a word than a name ('will' yes, 'john' no)."""
    if word != word.lower() or word in _MONTHS:
        return False
    return _common(word.replace("’", "'"))


@lru_cache(maxsize=16384)
def _common(word: str) -> bool:
    zipf = wordfreq.zipf_frequency(word, "en", wordlist="large")
    if zipf < COMMON_ZIPF:
        return False
    share = _name_shares().get(word.replace("'", ""), 0.0) / 100
    return share <= 0 or math.log10(share) - (zipf - 9) < NAME_LIKE


@cache
def _name_shares() -> dict[str, float]:
    """Lower-cased census first name or surname → largest share (percent)."""
    shares: dict[str, float] = {}
    for path in census_names.FILES.values():
        with open(path, encoding="ascii") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 2:
                    name = parts[0].lower()
                    shares[name] = max(shares.get(name, 0.0), float(parts[1]))
    return shares


def warm() -> None:
    """Load the word list and the name lists now (a thread can call this)."""
    _name_shares()
    _common("the")


def is_warm() -> bool:
    return _name_shares.cache_info().currsize > 0 and _common.cache_info().currsize > 0
