"""Names that open a line: a letter's 'Re: <Name>' and a note's 'Patient <Name> …'.

A letter or a referral names its subject after "Re:" / "Regarding:" at the start of a
line: the rest of that line, up to a parenthesis, a dash or a date, is the person
when each of its 1-4 words is name-like (census name, or a word English does not
use), in any case, "Last, First" included. A note that opens a line with "Patient"
followed by one to three name-like words and a lower-case verb or "was"/"is" names
its patient ("Patient Vantosky was seen", "patient tomas ketterly seen today").
Anywhere in a line, "my/our/your patient" before a listed first name names them too
("my patient jorge keeps missing appts").
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import MIN_CUED_LETTERS, census_backed
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

NAME = "NAME"
SCORE = 0.8
MAX_WORDS = 4
_RE_WORDS = frozenset({"re", "regarding", "subject"})
_PATIENT_WORDS = frozenset({"patient", "pt"})
_OPENING_WORDS = _RE_WORDS | _PATIENT_WORDS


def opener_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'Re: KETTERLY, TOMAS', 'Patient Vantosky was seen'."""
    found: list[Candidate] = []
    for i in index_of(tokens).at(_OPENING_WORDS):
        token = tokens[i]
        if i + 1 >= len(tokens):
            break
        if i and tokens[i - 1].lower in _POSSESSIVES and token.lower in _PATIENT_WORDS:
            found.extend(_possessed_patient(tokens, i + 1))  # "my patient jorge"
            continue
        if i and same_line(tokens, i) and not _opens_after_label(tokens, i):
            continue  # only the first word of a line, or right after a label's colon
        if token.lower in _RE_WORDS and tokens[i + 1].gap_before.strip() == ":":
            found.extend(_re_line(tokens, i + 1))
        elif token.lower in _PATIENT_WORDS and tokens[i + 1].gap_before.strip() == "":
            found.extend(_patient_opening(tokens, i + 1))
    return found


# "my patient <first name>": whose patient says the next word is the patient's name.
_POSSESSIVES = frozenset({"my", "our", "your"})


def _possessed_patient(tokens: Sequence[Token], first: int) -> list[Candidate]:
    """'my patient jorge keeps missing appts', 'our pt Maribel Quenn': a listed first name
    (not also an everyday word: 'my patient will', 'my patient may'), in any case."""
    token = tokens[first]
    if not same_line(tokens, first) or token.gap_before != " ":
        return []
    if token.mode == "mixed" and token.shape not in ("title", "upper", "lower"):
        return []
    if token.lower in words.NEVER_A_NAME or not lex.is_known_first_name(token.text):
        return []
    last = first
    if first + 1 < len(tokens) and _joined_name(tokens, first + 1):
        last = first + 1
    return [Candidate(first, last, NAME, SCORE)]


def _opens_after_label(tokens: Sequence[Token], i: int) -> bool:
    """'Nurse note: Pt Yusuf ate …': a 'Patient'/'Pt' opening right after a colon."""
    return tokens[i].lower in _PATIENT_WORDS and tokens[i].gap_before.strip().endswith(":")


def _re_line(tokens: Sequence[Token], first: int) -> list[Candidate]:
    last = first
    while last + 1 < len(tokens) and same_line(tokens, last + 1) and last - first < MAX_WORDS:
        if tokens[last + 1].gap_before.strip() not in ("", ",", "."):
            break  # "(DOB …)", "- follow-up"
        last += 1
    run = tokens[first : last + 1]
    ends_line = last + 1 >= len(tokens) or not same_line(tokens, last + 1)
    ends_line = ends_line or tokens[last + 1].gap_before.strip()[:1] in ("(", "-", "–")
    if ends_line and all(_name_like(t) for t in run):
        return [Candidate(first, last, NAME, SCORE)]
    return []


def _patient_opening(tokens: Sequence[Token], first: int) -> list[Candidate]:
    last = first
    while last + 1 < len(tokens) and last - first < 2 and _joined_name(tokens, last + 1):
        last += 1
    verb = last + 1
    capital = all(t.shape in ("title", "upper") for t in tokens[first : last + 1])
    if not _name_like(tokens[first]):
        return []
    if _clause_ends(tokens, verb):  # "Pt Xiaoming Zhou and his daughter", "Patient Ida Venn,"
        return [Candidate(first, last, NAME, SCORE)] if capital and last > first else []
    if tokens[verb].gap_before.strip():
        return []
    if tokens[verb].shape == "title" and tokens[verb].mode == "mixed":
        return []  # "Patient Education Materials": a heading
    if not (capital or all(lex.is_listed_first_name(t.text) for t in tokens[first : first + 1])):
        return []
    return [Candidate(first, last, NAME, SCORE)] if _person_verb(tokens[verb]) else []


def _clause_ends(tokens: Sequence[Token], i: int) -> bool:
    """The opening's name ends here: the line ends, a comma or bracket, or 'and'."""
    if i >= len(tokens) or not same_line(tokens, i):
        return True
    gap = tokens[i].gap_before.strip()
    return gap[:1] in (",", "(", ";") or (not gap and tokens[i].lower == "and")


def _joined_name(tokens: Sequence[Token], i: int) -> bool:
    """A further word of the name: name-like, or a census surname ('Zhou', which English
    text uses often enough to look like a word)."""
    if not same_line(tokens, i) or tokens[i].gap_before.strip():
        return False
    token = tokens[i]
    return _name_like(token) or (census_backed(token) and token.lower not in words.STOP)


def _name_like(token: Token) -> bool:
    lower = token.lower
    if lower in words.NEVER_A_NAME or looks_clinical(token.text) or len(lower) < MIN_CUED_LETTERS:
        return False
    return lex.is_known_first_name(token.text) or not lex.is_everyday_word(token.text)


def _person_verb(token: Token) -> bool:
    """'was', 'is', 'came', 'seen', 'presents': what a patient does or undergoes."""
    lower = token.lower
    return lower in words.PERSON_VERBS or lower in _PATIENT_VERBS or lower.endswith("ed")


_PATIENT_VERBS = frozenset(
    {"was", "is", "came", "comes", "seen", "presents", "presented", "has", "had", "reports"}
    | {"returns", "returned", "arrived", "called", "states", "denies", "complains", "here"}
    # irregular past tenses (regular ones end in -ed): "Pt Yusuf ate 50% of breakfast"
    | {"ate", "slept", "went", "took", "felt", "fell", "got", "left", "drank", "became"}
    | {"says", "said", "told", "eats", "sleeps", "walks", "feels", "tolerates", "needs"}
)
