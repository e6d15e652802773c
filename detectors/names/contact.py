"""The name heading a contact block, in any case: 'ottilie brandvold' above a phone.

Pasted contact cards and signatures start with the person's name on a line of its
own, then an employer, a street, phone or e-mail lines. Lower-case headers in notes
("micu npn", "mitral regurg") look alike, so the block below must hold a contact
line within a few lines, and the words must look like a name: a listed first name or
a word English rarely uses, with no clinical or everyday word among them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import rare_or_first_name, rare_word
from detectors.names.rules import NAME
from detectors.places.words import UNIT_ACRONYMS
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

_BLOCK_LINES = 6
_BLOCK_CHARS = 600  # bounds the look below: a long text must not be copied per name line
# A contact line: an e-mail address, a phone number (not a shift's "0700-1930"), or a
# postal unit word before a number. Linear patterns: no timeout needed.
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[a-z]"
    r"|\+?\(?\d{2,4}\)?[ \t.-]?\d{3,4}[ \t.-]?\d{3,5}\b"
    r"|\b(?:apt|suite|ste|unit|box|psc|floor)\b\.?[ \t]*#?[ \t]*\d",
    re.IGNORECASE,
)
_LINE_LEAD = re.compile(r"[^\w\n]*")  # bullets or '???' from a lost character set
_NOT_A_NAME_WORD = (
    words.NEVER_A_NAME | words.PROVIDER_ROLES | words.RELATIONS | words.CREDENTIALS
) | UNIT_ACRONYMS


def contact_head_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """The name line (2–3 name words, one initial) opening a block: the text's start or
    after a blank line."""
    found: list[Candidate] = []
    for i in index_of(tokens).line_starts:
        if not _opens_block(tokens[i], i):
            continue
        last = _line_end(tokens, i)
        if last is None or not _name_words(tokens[i : last + 1]):
            continue
        below = text[tokens[last].end : tokens[last].end + _BLOCK_CHARS]
        rest_of_line, *lines = below.split("\n", _BLOCK_LINES + 1)
        if rest_of_line.strip():
            continue  # more on the line ("npn 7a-7p"): a heading, not a name line
        if _CONTACT.search("\n".join(lines[:_BLOCK_LINES])):
            found.append(Candidate(i, last, NAME, 0.65))
    return found


def _opens_block(token: Token, i: int) -> bool:
    """First word of the text (bullets may lead it), or of a line after a blank line.

    After a blank line only white space may stand between the words: a bullet there, or
    a full stop ending the line above (it is in the gap: the tokenizer keeps no
    punctuation), means no block opens.
    """
    gap = token.gap_before
    if i == 0:
        return _LINE_LEAD.fullmatch(gap.rsplit("\n", 1)[-1]) is not None
    return gap.count("\n") >= 2 and not gap.strip(" \t\n")


def _line_end(tokens: Sequence[Token], i: int) -> int | None:
    """Last token of a line of 2–4 tokens joined by spaces (or an initial's dot)."""
    last = i
    while last + 1 < len(tokens) and same_line(tokens, last + 1):
        if tokens[last + 1].gap_before.strip(" .") or last - i >= 3:
            return None
        last += 1
    return last if last > i else None


def _name_words(line: Sequence[Token]) -> bool:
    named = [t for t in line if len(t.text) > 1]
    if len(named) < 2 or len(line) - len(named) > 1:
        return False  # two name words, at most one initial
    for token in named:
        if not token.text.isalpha() or token.lower in _NOT_A_NAME_WORD:
            return False
        if looks_clinical(token.text) or not rare_or_first_name(token):
            return False
    return any(lex.is_listed_first_name(t.text) or rare_word(t) for t in named)
