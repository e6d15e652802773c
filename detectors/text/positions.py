"""Which token a regex match follows: for rules led by a pattern found in the raw text.

A few name rules find their cue with one regex over the text ("<Name>, 34M", "<Name>
<a@b.org>") and then look at the words right before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from detectors.text.tokens import Token


def tokens_before_matches(
    tokens: Sequence[Token], text: str, pattern: re.Pattern[str], blanks: str
) -> Iterator[int]:
    """For each match of `pattern`, the index of the token right before it.

    Only characters in `blanks` may stand between that token and the match; matches
    with anything else (or no token) before them are skipped.
    """
    ends = [token.end for token in tokens]
    for match in pattern.finditer(text):
        last = bisect_right(ends, match.start()) - 1
        if last >= 0 and not text[tokens[last].end : match.start()].strip(blanks):
            yield last
