"""Fixed development / confirmation halves of the PhysioNet dev corpus.

Rules are written while looking at half A only and kept when half B, never read,
also gains. A note goes to a half by a SHA-256 hash of its patient number (the part
of the note id before "-"), not of the whole id: a patient's notes repeat the same
names, towns and hospitals, so splitting one patient's notes across both halves
would let half A leak half B's answers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

PHYSIONET = "physionet-deid/dev.jsonl"
HALVES = ("A", "B")


def half_of(note_id: str) -> str:
    """'A' or 'B' for a PhysioNet note id such as '12-3' (stable across runs and machines)."""
    patient = note_id.split("-", 1)[0]
    digest = hashlib.sha256(f"pastewarden-split/{patient}".encode()).digest()
    return HALVES[digest[0] % 2]


def select_half(cases: Iterable[dict[str, Any]], half: str) -> list[dict[str, Any]]:
    """The cases of one half, in corpus order."""
    return [case for case in cases if half_of(case["id"]) == half]
