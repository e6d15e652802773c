"""Names in Spanish text: the cues that introduce them, and Spanish words that are none.

Only for text that reads as Spanish (`detectors/text/language.py`), so English notes
are judged as before.
- Cues: titles ("Sr.", "Sra.", "Srta.", "don", "doña"; "Dra." and "doctora" for a
  clinician) and relations ("paciente", "hijo", "esposa", "madre", "padre" ...), also
  across "de la paciente" ("Esposo de la paciente: <First> <Last>").
- Not a name: a capitalised run of everyday Spanish words that no cue introduces
  ("Suministros Médicos", "Dirección, Número") is no person, unless one of its words
  is a census first name. English word frequencies call every Spanish word rare, so
  the English rules alone would take them for surnames.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from spacy.lang.es.stop_words import STOP_WORDS

from detectors.names import words
from detectors.names.rules import NAME, PROVIDER
from detectors.text import lexicon as lex
from detectors.text.candidates import Candidate
from detectors.text.language import looks_spanish
from detectors.text.phases import Doc
from detectors.text.tokens import Token, same_line
from detectors.text.wordlists import wordfreq_zipf

PATIENT_TITLES = frozenset({"sr", "sra", "srta", "señor", "señora", "señorita", "don", "doña"})
PROVIDER_TITLES = frozenset({"dra", "doctora"})
RELATIONS = frozenset(
    {"paciente", "hijo", "hija", "esposo", "esposa", "madre", "padre", "mamá", "papá"}
    | {"hermano", "hermana", "abuelo", "abuela", "nieto", "nieta", "tío", "tía", "sobrino"}
    | {"sobrina", "yerno", "nuera", "suegro", "suegra", "cuñado", "cuñada", "pareja"}
    | {"tutor", "tutora", "novio", "novia"}
)
_CUES = PATIENT_TITLES | PROVIDER_TITLES | RELATIONS
# Words between a cue and the name: "hija de la paciente, <Name>", "su hijo se llama".
_LINKERS = frozenset(
    {"de", "del", "la", "el", "paciente", "se", "llama", "es", "llamado", "llamada"}
)
_MAX_LINKERS = 3
_MAX_NAME_TOKENS = 5  # "María de la Luz <Last>"
_CONNECTORS = frozenset({"de", "del", "la", "las", "los"})  # "María de la Luz"
_NOT_NAMES = frozenset(STOP_WORDS) | _CUES | {"usted", "ustedes"}
TITLE_SCORE, RELATION_SCORE = 0.85, 0.8
# Zipf frequency in Spanish from which a word is everyday Spanish ("Dirección" 5.2,
# "Suministros" 3.9); names such as "Marisol" (3.3) stay below it.
EVERYDAY_SPANISH_ZIPF = 3.5
# After a relation word, a word this common in Spanish is no name ("hijo Mayor").
COMMON_SPANISH_ZIPF = 5.0
# English cue words that also introduce a name in a Spanish text ("Dr.", "Mrs.").
_ENGLISH_CUES = words.PROVIDER_TITLES | words.PATIENT_TITLES | words.RELATIONS


@lru_cache(maxsize=16384)
def spanish_zipf(word: str) -> float:
    """How common the word is in Spanish (wordfreq's Zipf scale, 0 when unknown).

    The small list (words from Zipf 3 up) is enough for the thresholds here. A word of
    lower-case Latin letters, or of such parts joined by hyphens, is looked up directly
    (detectors/text/wordlists.py) and gets what wordfreq.zipf_frequency gives: its
    tokenizer cuts such a word at the hyphens only (a test compares the two). Any other
    word (an apostrophe, another script) goes through wordfreq itself, whose package
    is imported for those words only.
    """
    parts = word.split("-")
    if all(_plain_latin(part) for part in parts):
        return wordfreq_zipf(lex.spanish_frequencies(), parts)
    import wordfreq  # rare words only: its import walks the call stack

    return float(wordfreq.zipf_frequency(word, "es", wordlist="small"))


def _plain_latin(word: str) -> bool:
    """Lower-case Latin letters in NFC: wordfreq's tokenizer keeps such a word whole."""
    if not word or unicodedata.normalize("NFC", word).casefold() != word:
        return False
    return all(
        "a" <= char <= "z" or unicodedata.name(char, "").startswith("LATIN SMALL LETTER")
        for char in word
    )


def spanish_cue_rule(doc: Doc) -> list[Candidate]:
    """'Sra. Ramona <Last>', 'Esposo de la paciente: <First> <Last>', 'su hija <First>'."""
    if not looks_spanish(doc.text):
        return []
    tokens, found = doc.tokens, []
    for i, token in enumerate(tokens[:-1]):
        if token.lower not in _CUES:
            continue
        start = _after_linkers(tokens, i + 1)
        if start is None or not _name_word(tokens[start], token.lower in RELATIONS):
            continue
        kind = PROVIDER if token.lower in PROVIDER_TITLES else NAME
        score = RELATION_SCORE if token.lower in RELATIONS else TITLE_SCORE
        found.append(Candidate(start, _name_end(tokens, start), kind, score))
    return found


def _after_linkers(tokens: Sequence[Token], i: int) -> int | None:
    skipped = 0
    while i < len(tokens) and tokens[i].lower in _LINKERS and skipped < _MAX_LINKERS:
        i, skipped = i + 1, skipped + 1
    if i >= len(tokens) or not same_line(tokens, i):
        return None
    return i if tokens[i].gap_before.strip(" .,:;-") == "" else None


def _name_word(token: Token, after_relation: bool) -> bool:
    if token.shape not in ("title", "upper") or token.lower in _NOT_NAMES:
        return False
    if token.lower in words.NEVER_A_NAME or len(token.text) < 2:
        return False
    if not after_relation or census_first_name(token.text):
        return True
    return spanish_zipf(token.lower) < COMMON_SPANISH_ZIPF


def census_first_name(word: str) -> bool:
    """In the census first-name list, accents aside ('María' is listed as 'maria')."""
    return lex.in_first_names(word) or lex.in_first_names(_unaccented(word))


@lru_cache(maxsize=4096)
def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _name_end(tokens: Sequence[Token], start: int) -> int:
    """Last token of the name: capitalised words, joined by 'de', 'del', 'la' inside."""
    last, j = start, start + 1
    while j < len(tokens) and j - start < _MAX_NAME_TOKENS and same_line(tokens, j):
        if tokens[j].gap_before != " ":
            break
        if tokens[j].lower in _CONNECTORS:
            j += 1
            continue
        if not _name_word(tokens[j], after_relation=False):
            break
        last, j = j, j + 1
    return last


def drop_spanish_words(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """In Spanish text, the candidates without uncued runs of everyday Spanish words."""
    if not candidates or not looks_spanish(doc.text):
        return candidates
    return [c for c in candidates if not _everyday_spanish_run(doc.tokens, c)]


def _everyday_spanish_run(tokens: Sequence[Token], name: Candidate) -> bool:
    run = tokens[name.first : name.last + 1]
    if _cued(tokens, name.first) or any(census_first_name(t.text) for t in run):
        return False
    return all(spanish_zipf(t.lower) >= EVERYDAY_SPANISH_ZIPF for t in run)


def _cued(tokens: Sequence[Token], first: int) -> bool:
    """A title or relation (Spanish or English) right before, past up to three linkers."""
    i = first - 1
    while i >= 0 and first - i <= _MAX_LINKERS and tokens[i].lower in _LINKERS:
        i -= 1
    return i >= 0 and (tokens[i].lower in _CUES or tokens[i].lower in _ENGLISH_CUES)
