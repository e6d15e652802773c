"""Ages over 89 (Safe Harbor C): "94-year-old", "93 y.o.", "age 91", "ninety-two years old",
"(he's 94)", "93 years young", "her 94th birthday".

Safe Harbor lets ages up to 89 stay in a record; ages of 90 and over are rare enough to
help identify a person and must be aggregated as "90 or older". So an age is a finding
only when it is 90 or more: the recognizer never reports 89 or less. Ages above 125 are
not human ages ("150-year-old oak") and are ignored too.

The span is the age expression with its unit ("93 y.o.", "93 years old"); after
"age"/"aged" it is the number (and any unit that follows), since "age" is not the age.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule

ENTITY = "AGE_OVER_89"
MIN_AGE = 90
MAX_AGE = 125

_NUMBER = r"(?<![\w.,/$#-])(?P<n>\d{2,3})"
_YEAR_WORD = r"(?:years?|yrs?|yo)"
# "94-year-old", "93 years old", "90 yr old", "101 year-old".
_YEARS_OLD = _NUMBER + rf"(?:\s?-\s?|\s)?{_YEAR_WORD}\.?(?:\s?-\s?|\s)old\b"
# "93 years young": said of the very old.
_YEARS_YOUNG = _NUMBER + rf"(?:\s?-\s?|\s)?{_YEAR_WORD}\.?(?:\s?-\s?|\s)young\b"
# "her 94th birthday", "95th bday": the age is the number.
_BIRTHDAY = r"(?<![\w.,/$#-])(?P<value>(?P<n>\d{2,3})(?:st|nd|rd|th))\s+(?:birthday|bday|b-day)\b"
# "93 y.o.", "92 yo", "92yo", "92 y/o", "92 yo." (the trailing dot belongs to "y.o.").
_YO = _NUMBER + r"\s?(?:y\.\s?o\.?|y/o\b|yo(?=[mf]?\b)(?![-/]))"
# "93 years of age", "91 yrs of age".
_OF_AGE = _NUMBER + rf"\s{_YEAR_WORD}\.?\s+of\s+age\b"
# "age 91", "aged 95", "age: 94", "age of 92"; the span is the number (+ a following unit).
_AGE_PREFIX = (
    r"\b(?:age[ds]?|aged)\b(?:\s*[:=]\s*|\s+of\s+|\s+)"
    r"(?P<value>(?P<n>\d{2,3})(?:\s?(?:years?|yrs?)\b\.?)?)(?![\d./%:-]|,\d|\s?(?:mg|kg|lbs?|%))"
)
# "(he's 94)", "she is 91", "who turned 95": a person's age said in prose. Not a reading
# ("she is 94 on room air", "he is 92 kg", "she's 95%").
_SAID_AGE = (
    r"\b(?:(?:he|she|who)(?:'s|’s|\s+is|\s+was|\s+turned|\s+turns)|turned|turning)\s+"
    r"(?P<value>(?P<n>\d{2,3}))(?![\d./%:-]|,\d|\s?(?:%|mg|kg|lbs?|cm|mm|bpm|on\b|over\b|/))"
    r"(?!\s?-?\s?(?:years?|yrs?|yo|y/o|y\.))"  # "98 years of age": the unit rules' span
)
# In every match; searched first with the standard library (the pattern's leading
# alternation would be tried at every position of the text).
_SAID_AGE_GATE = r"[eo](?:'s|’s|\s+is|\s+was|\s+turns?|\s+turned)\s+\d\d|turn(?:ed|ing)\s+\d\d"
_TENS = r"ninety"
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
# "ninety-two-year-old", "ninety years old", "one hundred year old".
_WORDS_YEARS_OLD = (
    rf"\b(?P<words>{_TENS}(?:[\s-](?:{_UNITS}))?|(?:one\s)?hundred(?:\s(?:and\s)?(?:{_UNITS}))?)"
    rf"[\s-]{_YEAR_WORD}[\s-]old\b"
)

_SCORE = 0.9


def _age_value(text: str, match: regex.Match[str]) -> float | None:
    """Score when the number is a human age of 90 or more; None (reject) otherwise."""
    if "words" in match.re.groupindex and match.group("words"):
        return _SCORE  # the words pattern only spells ninety and above
    age = int(match.group("n"))
    return _SCORE if MIN_AGE <= age <= MAX_AGE else None


def build() -> list[EntityRecognizer]:
    rules = [
        Rule("years_old", _YEARS_OLD, _SCORE),
        Rule("yo", _YO, _SCORE),
        Rule("of_age", _OF_AGE, _SCORE),
        Rule("age_prefix", _AGE_PREFIX, _SCORE),
        Rule("said_age", _SAID_AGE, _SCORE, gate=_SAID_AGE_GATE),
        Rule("words_years_old", _WORDS_YEARS_OLD, _SCORE),
        Rule("years_young", _YEARS_YOUNG, _SCORE),
        # Gated on its words: the literal every match holds ("day") is in most texts.
        Rule("birthday", _BIRTHDAY, _SCORE, gate=r"(?:birthday|bday|b-day)"),
    ]
    return [RegexRecognizer(ENTITY, rules, name="AgeOver89Recognizer", validator=_age_value)]
