"""Error analysis on PhysioNet half A: missed and false-alarm words in their context.

Only half A is ever printed (bench/splits.py): half B confirms rules and must stay
unread. Used by `bench/eval.py --errors A`; prints to the terminal, never to a file.
"""

from __future__ import annotations

import re
from typing import Any

from splits import select_half

WORD = re.compile(r"\w+")  # the release scorer's word
CONTEXT_CHARS = 50


def _covering(spans: list[dict[str, Any]], start: int, end: int) -> dict[str, Any] | None:
    return next((s for s in spans if s["start"] < end and start < s["end"]), None)


def _snippet(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return f"{before}[[{text[start:end]}]]{after}".replace("\n", " / ")


def half_a_errors(cases: list[dict[str, Any]], got: dict[str, Any]) -> str:
    """One line per gold span missed and per finding on no gold word, half A only."""
    missed, false = [], []
    for case in select_half(cases, "A"):
        text, findings = case["text"], got[case["id"]]["findings"]
        for span in case["spans"]:
            gold = WORD.finditer(text, span["start"], span["end"])
            if any(_covering(findings, w.start(), w.end()) is None for w in gold):
                where = _snippet(text, span["start"], span["end"])
                missed.append(f"MISS {span['label']:<18} {case['id']:<7} {where}")
        for f in findings:
            words = list(WORD.finditer(text, f["start"], f["end"]))
            if words and all(_covering(case["spans"], w.start(), w.end()) is None for w in words):
                where = _snippet(text, f["start"], f["end"])
                false.append(f"FALSE {f['type']:<17} {case['id']:<7} {where}")
    return "\n".join(sorted(missed) + sorted(false))
