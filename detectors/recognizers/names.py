"""Person names (Safe Harbor A) and clinician names, without a statistical NER model.

Census name lexicons plus context rules (titles, roles, relations, credentials,
verbs, labelled fields, capitalized runs in prose). Clinician names are reported as
PROVIDER_NAME: they count as findings but do not make a clipboard PHI on their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.health_context import looks_clinical
from detectors.names import words
from detectors.names.aged import aged_name_rule
from detectors.names.capitalized import capitalized_rule
from detectors.names.contact import contact_head_rule
from detectors.names.credentials import credential_rule
from detectors.names.cues import (
    answered_name_rule,
    initial_rule,
    lower_name_end,
    lower_name_word,
    signature_rule,
    verb_rule,
)
from detectors.names.filters import drop_not_persons
from detectors.names.initials import initials_rule
from detectors.names.kin import kin_possessive_rule
from detectors.names.lists import dialogue_rule, line_rule, list_rule, name_before_and
from detectors.names.lone import lone_first_name_rule
from detectors.names.mailbox import mailbox_name_rule
from detectors.names.openers import opener_rule
from detectors.names.per import per_rule
from detectors.names.predicates import rare_or_first_name, relative_name_ok, strong_ok
from detectors.names.rules import NAME, extend, role_rule, title_rule
from detectors.names.shapes import (
    field_rule,
    first_last_rule,
    name_before_dob_rule,
    name_before_phone_rule,
)
from detectors.names.spanish import drop_spanish_words, spanish_cue_rule
from detectors.names.staff import staff_subject_rule
from detectors.names.talked import talked_with_rule
from detectors.recognizers.base import own_result
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate, merge
from detectors.text.index import index_of
from detectors.text.phases import Doc, Phase, on_found, on_text, on_tokens, per_found, run_phases
from detectors.text.repeats import repeat_mentions
from detectors.text.tokens import Token, same_line, tokenize

_RULES = (
    title_rule,
    role_rule,
    credential_rule,
    verb_rule,
    initial_rule,
    first_last_rule,
    field_rule,
    capitalized_rule,
    line_rule,
    lone_first_name_rule,
    answered_name_rule,
    per_rule,
    kin_possessive_rule,
    talked_with_rule,
    opener_rule,
)


_CUES_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _cue in words.INTRO_CUES:
    _CUES_BY_FIRST_WORD.setdefault(_cue[0], []).append(_cue)


def intro_rule(tokens: Sequence[Token]) -> list[Candidate]:
    """'My name is Martin', 'Hi Victor,', 'call me Dana', 'said Tolvane'."""
    found: list[Candidate] = []
    index = index_of(tokens)
    lowers = index.lowers
    for i in index.at(_CUES_BY_FIRST_WORD):
        for cue in _CUES_BY_FIRST_WORD[lowers[i]]:
            after = i + len(cue)
            if after >= len(tokens) or tuple(lowers[i:after]) != cue:
                continue
            target = tokens[after]
            if not same_line(tokens, after) or (i > 0 and lowers[i - 1] in _THING_NAME):
                continue
            own_name = cue in words.SELF_NAMING_CUES and _whose_name(lowers, i)
            capitalized = target.mode == "mixed" and (
                target.shape == "title" or (own_name and target.text[:1].isupper())
            )
            if capitalized and strong_ok(target) and (rare_or_first_name(target) or own_name):
                found.append(Candidate(after, extend(tokens, after), NAME, 0.75))
            elif cue in words.SELF_NAMING_CUES and lower_name_word(target):
                found.append(Candidate(after, lower_name_end(tokens, after), NAME, 0.75))
    return found


# 'Her maiden name is Wood', 'my name is DeVautour': whose name, so any capitalized word.
_PERSONAL_NAME = frozenset(
    {"my", "your", "his", "her", "their", "maiden", "last", "first", "full", "legal"}
    | {"middle", "nick", "sur", "patient's", "pt's"}
)


# 'The brand name is Eliquis', 'user name is …': a thing's name, not a person's.
_THING_NAME = frozenset({"brand", "generic", "trade", "product", "drug", "user", "file", "screen"})


def _whose_name(lowers: Sequence[str], i: int) -> bool:
    """'call me …', or 'name is' after a person's or a kind of personal name."""
    return lowers[i] in ("call", "calls") or (i > 0 and lowers[i - 1] in _PERSONAL_NAME)


def name_and_name(tokens: Sequence[Token], name: Candidate) -> list[Candidate]:
    """'Both Suzette and Hank are…': a first name joined by 'and'/'&' to a name found."""
    after = name.last + 1
    if after < len(tokens) and tokens[after].gap_before.strip() == "&":
        other = after  # "Sarah & Charlie": '&' sits between tokens, it is no token itself
    elif after + 1 < len(tokens) and tokens[after].lower == "and":
        other = after + 1
    else:
        return []
    if not (same_line(tokens, other) and relative_name_ok(tokens[other])):
        return []
    if looks_clinical(tokens[other].text):
        return []  # "spoke with Dr <Surname> and hydralazine on hold"
    return [Candidate(other, extend(tokens, other), name.type, 0.7)]


def repeated_names(tokens: Sequence[Token], found: Sequence[Candidate]) -> list[Candidate]:
    """Every other mention of a name word already found: 'Vasko … Vasko does not wish'.

    Notes name a person once with a cue ('son Vasko') and then bare; words that are also
    everyday English ('Will', 'Rose') or stop words are not carried over.
    """
    return repeat_mentions(tokens, found, _name_key, _carried_name_word)


def _name_key(token: Token) -> str:
    return lex.base_form(token.text)


def _carried_name_word(token: Token) -> bool:
    lower = lex.base_form(token.text)
    return len(lower) > 2 and _carried_word(lower)


_NOT_CARRIED = words.NEVER_A_NAME | words.CREDENTIALS | words.PROVIDER_ROLES | words.RELATIONS


def _carried_word(lower: str) -> bool:
    """A word of a found name that names the same person elsewhere ('rrt' does not)."""
    return lower not in _NOT_CARRIED and not lex.is_everyday_word(lower)


def _drop_not_persons(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    return drop_spanish_words(doc, drop_not_persons(doc.tokens, merge(candidates)))


# The order matters: later phases read what earlier ones found.
PHASES = (
    Phase(
        "cues",
        (
            *(on_tokens(rule) for rule in (*_RULES, intro_rule)),
            *(on_text(rule) for rule in (name_before_dob_rule, name_before_phone_rule)),
            *(on_text(rule) for rule in (signature_rule, contact_head_rule, initials_rule)),
            on_text(aged_name_rule),
            on_text(mailbox_name_rule),
            on_text(staff_subject_rule),
            spanish_cue_rule,
        ),
        finish=_drop_not_persons,
    ),
    Phase("joined", (per_found(name_and_name, name_before_and),)),
    Phase("lists", (on_found(list_rule), on_found(dialogue_rule))),
    Phase("repeats", (on_found(repeated_names),)),
)


class NameRecognizer(EntityRecognizer):
    """Emits NAME and PROVIDER_NAME results from the name rules, merged per span."""

    def __init__(self) -> None:
        super().__init__(
            supported_entities=["NAME", "PROVIDER_NAME"],
            name="NameRecognizer",
            supported_language="en",
        )

    recognizer_name = "NameRecognizer"

    def load(self) -> None:
        lex.first_names()
        lex.moby_first_names()
        lex.surnames()
        lex.word_frequencies()
        lex.spanish_frequencies()
        lex.countries()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        tokens = tokenize(text)
        found = run_phases(text, tokens, PHASES)
        return [self._result(tokens, c) for c in found]

    def _result(self, tokens: Sequence[Token], candidate: Candidate) -> RecognizerResult:
        start, end = tokens[candidate.first].start, tokens[candidate.last].end
        return own_result(self, candidate.type, start, end, candidate.score)


def build() -> list[EntityRecognizer]:
    return [NameRecognizer()]
