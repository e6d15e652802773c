"""Trying a rule only where its leading words occur finds exactly what finditer finds."""

from __future__ import annotations

import pytest
import regex

from detectors.recognizers import all_recognizers
from detectors.recognizers._lead_matches import lead_matches, lead_positions
from detectors.recognizers._literals import leading_literals
from detectors.recognizers.base import RegexRecognizer

_MRN = regex.compile(
    r"(?<![a-z0-9])(?:mrn|mr\s?#|med(?:ical)?\s+rec)\s*[:#]?\s*(?P<v>\d{5,9})", regex.IGNORECASE
)


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "MRN: 4471200, mr # 55120 and Medical Rec 88120",
        "xmrn 12345 (no: glued to a word) then MRN12345",
        "mrn mrn 123456 mrn",  # a failed try inside a later match's reach
        "",
    ],
)
def test_same_matches_as_finditer(text: str) -> None:
    leads = leading_literals(_MRN.pattern, regex.IGNORECASE)
    assert leads == ("med", "mr")
    found = lead_matches(_MRN, text, text.lower(), leads, folded=True)
    assert found is not None
    assert _spans(found) == _spans(_MRN.finditer(text))


def test_a_case_trap_or_too_many_words_falls_back_to_finditer() -> None:
    text = "Mıss MRN 4471200"  # a dotless i pairs with "i" case-insensitively
    assert lead_matches(_MRN, text, text.lower(), ("med", "mr"), folded=True) is None
    assert lead_positions("on on on on", ("on",), most=3) is None
    assert lead_positions("a on b on", ("on", "b"), most=3) == [2, 5, 7]


def test_every_rule_with_leads_finds_what_finditer_finds() -> None:
    text = (
        "Pt seen, MRN 4471200; Medical Record # 88-120-44. Member ID XQJ849201, acct 0048812.\n"
        "Lives at 12 Elm Street. Pager 4412; zip code 83714. DL D1234567, SN A1234567.\n"
        "Address: 3184 Haapakatu 41. meet you at the corner of Oak and Pine. age: 97\n"
        "address: ul. Wrzosowa 73; lives at 333 Hraunbrekka 78. Vive en Almendro 2217\n"
    )
    checked = 0
    for recognizer in all_recognizers():
        if not isinstance(recognizer, RegexRecognizer):
            continue
        for (rule, compiled, _), leads in zip(recognizer._rules, recognizer._leads, strict=True):
            if leads is None:
                continue
            folded = bool(rule.flags & regex.IGNORECASE)
            found = lead_matches(compiled, text, text.lower(), leads, folded)
            if found is not None:
                checked += 1
                assert _spans(found) == _spans(compiled.finditer(text)), rule.name
    assert checked >= 10
