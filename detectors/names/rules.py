"""The title and role rules that find person names (predicates.py judges the words).

Each rule returns candidate spans as token-index ranges with a type (NAME or
PROVIDER_NAME) and a score. Rules lean on context (titles, roles, relations,
credentials, verbs like "aware") because clinical notes are often ALL CAPS or all
lower case, where capitalization carries no signal.
"""

from __future__ import annotations

from collections.abc import Sequence

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.predicates import (
    MIN_NAME_LETTERS,
    after_title_ok,
    census_backed,
    continues,
    medium_ok,
    relative_name_ok,
    strong_ok,
    surname_ok,
)
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.index import index_of
from detectors.text.tokens import Token, same_line

NAME, PROVIDER = "NAME", "PROVIDER_NAME"
MAX_PARTICLES = 3  # "de la", "van der", "van den": never more in one surname


def extend(tokens: Sequence[Token], first: int, limit: int = 2) -> int:
    """Index of the last token of a name that starts at `first`."""
    last = first
    while last + 1 < len(tokens) and last - first < limit:
        nxt = tokens[last + 1]
        if nxt.lower in words.SURNAME_PARTICLES:
            joined = particle_surname(tokens, last + 1)
            if joined is None:
                break
            last = joined  # "Maria de la Cruz": the particles join the surname
            continue
        nickname_end = _quoted_nickname(tokens, last + 1)
        if nickname_end is not None:
            last = nickname_end  # 'Wilhelmina "Mina" Ostrander': the nickname and surname
            continue
        if not same_line(tokens, last + 1) or not continues(nxt):
            break
        if nxt.gap_before.strip(" .") not in ("", "-"):
            break
        if "." in nxt.gap_before and tokens[last].shape != "initial":
            break  # "KESSEL. W. BRASCONI" is two names, not one
        if column_label(tokens, last + 1):
            break  # "Name: Ida Quenn    DOB: …": the next field's label
        last += 1
    return last


_NICKNAME_QUOTES = {' "': '" ', " “": "” ", " '": "' ", " (": ") "}


def _quoted_nickname(tokens: Sequence[Token], i: int) -> int | None:
    """The surname's index after a quoted nickname starting at token i ('"Mina"
    Ostrander', "(Bill) Varga"), or None when none is there."""
    if i + 1 >= len(tokens):
        return None
    closing = _NICKNAME_QUOTES.get(tokens[i].gap_before)
    nickname, surname = tokens[i], tokens[i + 1]
    if closing is None or surname.gap_before != closing or not same_line(tokens, i + 1):
        return None
    if nickname.shape not in ("title", "upper") or not continues(surname):
        return None
    return i + 1


def particle_surname(tokens: Sequence[Token], i: int) -> int | None:
    """The surname after lower-case particles from token i ('van der Berg', 'de la
    Cruz-Villanueva'), or None when no capitalised word on the line follows them."""
    j = i
    while j < len(tokens) and j - i < MAX_PARTICLES and tokens[j].lower in words.SURNAME_PARTICLES:
        if tokens[j].shape != "lower" or (j > i and tokens[j].gap_before != " "):
            return None
        j += 1
    if j == i or j >= len(tokens) or tokens[j].gap_before != " " or not same_line(tokens, j):
        return None
    surname = tokens[j]
    return j if surname.shape in ("title", "upper") and surname_ok(surname) else None


def column_label(tokens: Sequence[Token], i: int) -> bool:
    """A form's next field set off by a wide gap (two spaces or a tab): a label word
    ("DOB", "Account") or any word followed by ':' or '#'."""
    gap = tokens[i].gap_before
    if "\t" not in gap and "  " not in gap:
        return False
    after = tokens[i + 1].gap_before.lstrip(" ") if i + 1 < len(tokens) else ""
    return tokens[i].lower in words.COLUMN_LABELS or after.startswith((":", "#"))


def title_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'Dr. Kessel', 'MRS BRANDOVEC', 'mr. pellacchi' and 'Dr. X and Y'."""
    found: list[Candidate] = []
    index = index_of(tokens)
    for i in index.at_or(_TITLES, index.apostrophes):
        if i + 1 >= len(tokens):
            break
        token = tokens[i]  # a title, or a word with an apostrophe: base_form differs only there
        kind = _title_kind(token)
        if kind is None or not same_line(tokens, i + 1):
            continue
        particles_end = particle_surname(tokens, i + 1)
        if particles_end is not None:  # "Mrs. de la Cruz", "Dr. van der Berg"
            found.append(Candidate(i + 1, extend(tokens, particles_end), kind, 0.85))
            continue
        two_words = _first_and_surname(tokens, i + 1)
        named = after_title_ok(tokens[i + 1], doctor=kind == PROVIDER)
        if not (named or _told_after(tokens, i + 1) or two_words):
            continue
        if tokens[i + 1].gap_before not in (" ", ". ", ".", "  ", ".  "):
            continue  # "MS: alert" is mental status, not Ms.
        if token.lower in ("mr", "ms") and not _plausible_after_mr(token, tokens[i + 1]):
            continue  # "MR." / "ms." also abbreviate mitral regurgitation and mental status
        last = max(extend(tokens, i + 1), i + 2 if two_words else i + 1)
        found.append(Candidate(i + 1, last, kind, 0.85))
        found.extend(_coordinated(tokens, last, kind))
    return found


_TITLES = words.PROVIDER_TITLES | words.PATIENT_TITLES


# Words that say someone was told: 'dr green aware', 'Dr. Brown notified'.
_TOLD = frozenset({"aware", "notified", "paged", "informed", "updated"})
# "dr office notified", "RN staff aware": the clinician's office, service or team.
_DOCTORS_THINGS = frozenset(
    {"office", "offices", "service", "services", "covering", "group", "staff", "team"}
    | {"unit", "floor", "desk", "station", "pharmacy", "lab", "all", "both", "on", "call"}
)


def _told_after(tokens: Sequence[Token], i: int) -> bool:
    """An everyday word after a title is still the name when 'aware'/'notified' follows it."""
    token = tokens[i]
    if token.lower in words.NEVER_A_NAME or token.lower in _DOCTORS_THINGS:
        return False
    if (
        token.lower in words.PROVIDER_ROLES
        or len(token.text) < MIN_NAME_LETTERS
        or not token.text.isalpha()
    ):
        return False
    j = i + 1
    return j < len(tokens) and same_line(tokens, j) and tokens[j].lower in _TOLD


def _first_and_surname(tokens: Sequence[Token], i: int) -> bool:
    """'Dr Will Tolliver', 'Dr. O Neill': a first name that is also a word, or the Irish 'O',
    right before a surname in the same case."""
    token = tokens[i]
    if i + 1 >= len(tokens) or not same_line(tokens, i + 1) or tokens[i + 1].gap_before != " ":
        return False
    surname = tokens[i + 1]
    irish = token.lower == "o" and surname.shape in ("title", "upper", "lower")
    first_name = token.shape == "title" and lex.in_first_names(token.text)
    same_shape = surname.shape == token.shape or irish
    return (irish or first_name) and same_shape and census_backed(surname) and surname_ok(surname)


def _plausible_after_mr(title: Token, name: Token) -> bool:
    if title.mode == "mixed":
        return title.shape != "upper"
    return census_backed(name) or lex.zipf(name.text) < lex.UNKNOWN_ZIPF  # "ms. replete lytes"


def _title_kind(token: Token) -> str | None:
    lower = lex.base_form(token.text)  # "Drs'" -> "drs"
    if lower in words.PROVIDER_TITLES:
        return PROVIDER
    if lower in words.PATIENT_TITLES:
        return NAME
    return None


def _coordinated(tokens: Sequence[Token], last: int, kind: str) -> list[Candidate]:
    """'Dr. Vantosky and Prell aware': a second name joined by 'and' / '&'."""
    nxt = last + 2
    if nxt >= len(tokens) or tokens[last + 1].lower not in ("and",):
        return []
    candidate = tokens[nxt]
    if candidate.lower in words.PROVIDER_TITLES | words.PATIENT_TITLES:
        return []
    if looks_clinical(candidate.text):
        return []  # "SPOKE WITH DR <SURNAME> AND HYDRALAZINE ON HOLD"
    if medium_ok(candidate) or (strong_ok(candidate) and lex.is_name_like(candidate.text)):
        return [Candidate(nxt, extend(tokens, nxt), kind, 0.75)]
    return []


def role_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'NP grace', 'psych nurse leslie vardoulis', 'son bill', 'Sons Peter and Ambrose'."""
    found: list[Candidate] = []
    index = index_of(tokens)
    for i in index.at_or(_ROLE_WORDS, index.apostrophes):
        if i + 1 >= len(tokens):
            break
        kind = _role_kind(tokens, i)
        if kind is None:
            continue
        start = _skip_linkers(tokens, i + 1)
        if start is None:
            continue
        told = kind == PROVIDER and _told_after(tokens, start)  # "NP JEN AWARE"
        if not (
            medium_ok(tokens[start]) or told or (kind == NAME and _relation_target(tokens, start))
        ):
            continue
        last = extend(tokens, start)
        found.append(Candidate(start, last, kind, 0.8))
        found.extend(_coordinated(tokens, last, kind))
    return found


def _relation_target(tokens: Sequence[Token], i: int) -> bool:
    """After a relation word: 'son Mark', 'BROTHER RUDOLPH', 'son: Anatoly Brennan'."""
    token = tokens[i]
    if relative_name_ok(token):
        return True
    if token.lower in words.NEVER_A_NAME or token.lower in words.RELATIONS:
        return False
    if len(token.text) < MIN_NAME_LETTERS:
        return False
    if token.mode != "mixed":  # ALL-CAPS notes misspell words ('WIFE AGRESS'): no guessing
        return False
    following = tokens[i + 1] if i + 1 < len(tokens) and same_line(tokens, i + 1) else None
    two_words = following is not None and following.shape == "title" and continues(following)
    backed = census_backed(token) or (following is not None and census_backed(following))
    return token.shape == "title" and two_words and backed


_ROLE_WORDS = words.PROVIDER_ROLES | words.RELATIONS


def _role_kind(tokens: Sequence[Token], i: int) -> str | None:
    lower = tokens[i].lower
    if lower in words.PROVIDER_ROLES:
        return PROVIDER
    if lower in words.RELATIONS:
        return NAME
    if lower.endswith("'s") and lower[:-2] in words.RELATIONS:
        return NAME
    return None


def _skip_linkers(tokens: Sequence[Token], i: int) -> int | None:
    """Past 'is', 'named', 'called' after a relation word: 'daughter is Lena'."""
    while i < len(tokens) and tokens[i].lower in ("is", "named", "name", "called"):
        i += 1
    if i >= len(tokens) or not same_line(tokens, i):
        return None
    if tokens[i].gap_before.strip(" ,:;-()'\"&") != "":
        return None
    return i


# Adjectives that judge a remedy for a use: "<X> is safe during pregnancy", "good for
# sleep". Not "to" or "with": "<Name> is safe to go home", "good with kids" are people.
_USE_JUDGEMENTS = frozenset(
    {"helpful", "good", "bad", "safe", "unsafe", "effective", "useful", "toxic", "dangerous"}
    | {"harmful", "beneficial", "contraindicated", "recommended"}
)
_USES = frozenset({"for", "during", "against"})


def judged_for_use(tokens: Sequence[Token], j: int) -> bool:
    """Tokens from j read 'is/was/are [adverb] <judgement> for/during/against': a use."""
    if j >= len(tokens) or tokens[j].lower not in ("is", "was", "are") or not same_line(tokens, j):
        return False
    k = j + 1
    if k < len(tokens) and tokens[k].lower in ("very", "really", "also", "more", "less", "too"):
        k += 1
    if k + 1 >= len(tokens) or not same_line(tokens, k + 1):
        return False
    return tokens[k].lower in _USE_JUDGEMENTS and tokens[k + 1].lower in _USES
