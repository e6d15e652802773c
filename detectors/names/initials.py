"""A patient named by initials: "my patient J.R.", "Assessment for K.L.M., 54M".

Initials are a name under Safe Harbor, and "I only used the initials" is a common
belief. Two or three dotted capitals written together count when a patient cue comes
right before them ("patient", "pt", "for", "re", a courtesy title) or an age right
after them ("J.R., 54M", "J.R. (72 y/o)"). Dotted abbreviations clinics use
("P.O.", "M.D.", "U.S.") are never initials.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detectors.names import words
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token

NAME = "NAME"
SCORE = 0.7
MAX_INITIALS = 3
_CUES = frozenset({"patient", "pt", "for", "re", "regarding", "client", "resident", "member"})
# Dotted capitals that are abbreviations, not a person: routes, times, places, degrees.
_ABBREVIATIONS = frozenset(
    {"po", "am", "pm", "us", "er", "or", "iv", "im", "od", "os", "ou", "dc", "uk", "eu"}
    | {"md", "do", "rn", "pa", "np", "pt", "ot", "dds", "lpn", "cna", "phd", "dpm", "bid"}
    | {"tid", "qid", "qd", "prn", "npo", "dnr", "ed", "fu", "ac", "hs", "ii", "iii"}
    | {"ct", "rt", "id", "gi", "ep", "cm", "sw", "ent", "sob", "ekg", "ecg", "eeg", "mri"}
    | {"bp", "hr", "rr", "vs", "bm", "ua", "ng", "og", "ns", "lr", "pe", "mi", "abg", "cbc"}
    | {"bmp", "cmp", "cxr", "uti", "hiv", "std", "dvt", "cva", "tia", "gcs", "loc", "rom"}
    | {"adl", "snf", "icu", "ccu", "osh", "ama", "wbc", "rbc", "tb", "ms", "sc", "sq", "ok"}
)
# Right after the initials: an age with a sex or "y/o" ("54M", "54 yo", "(72 y/o)").
_AGE_AFTER = re.compile(
    r"\.?[ \t]*[,(]?[ \t]*\d{1,3}[ \t-]*(?:[MF]\b|y/?o\b|yo\b|yr|year)", re.IGNORECASE
)


def initials_rule(tokens: Sequence[Token], text: str) -> list[Candidate]:
    """'my patient J.R.', 'Assessment for K.L.M., 54M'."""
    found: list[Candidate] = []
    taken = -1
    for i in index_of(tokens).initials:
        if i <= taken:
            continue
        last = _initials_end(tokens, i)
        if last is None:
            continue
        taken = last
        letters = "".join(t.lower for t in tokens[i : last + 1])
        if letters in _ABBREVIATIONS:
            continue
        cue = i > 0 and _cue_before(tokens, i)
        if cue or _AGE_AFTER.match(text, tokens[last].end):
            found.append(Candidate(i, last, NAME, SCORE))
    return found


def _initials_end(tokens: Sequence[Token], i: int) -> int | None:
    """The last of 2-3 capitals written 'J.R.' from token i (none before it), else None."""
    if not _capital(tokens[i]) or (i > 0 and tokens[i].gap_before == "."):
        return None
    last = i
    while (
        last + 1 < len(tokens)
        and last - i < MAX_INITIALS - 1
        and tokens[last + 1].gap_before == "."
        and _capital(tokens[last + 1])
    ):
        last += 1
    if last == i or not tokens[last].dotted:
        return None
    following = tokens[last + 1] if last + 1 < len(tokens) else None
    if following is not None and following.gap_before == "." and following.shape == "initial":
        return None  # four or more: an abbreviation such as "N.P.O.S."
    return last


def _capital(token: Token) -> bool:
    return token.shape == "initial" and token.text.isupper()


def _cue_before(tokens: Sequence[Token], i: int) -> bool:
    previous = tokens[i - 1]
    if previous.lower in _CUES or previous.lower in words.PATIENT_TITLES:
        return previous.lower != "for" or tokens[i].gap_before == " "
    return previous.lower in ("patient's", "pt's")
