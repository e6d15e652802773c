"""Generates realistic clinic-like text of any size for benchmarks (all values invented).

A mix of what a front desk and a nurse copy: visit notes with names, dates of birth,
phone numbers, MRNs, lab values and medications, plus plain administrative prose with
no identifiers. Deterministic for a given seed. `python bench/clinic_text.py [CHARS]`
prints a sample.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

FIRST = ["Maria", "James", "Aisha", "Tomasz", "Mei", "Carlos", "Priya", "Olu", "Hannah", "Dmitri"]
LAST = ["Okafor", "Lindqvist", "Brennan", "Castillo", "Nakamura", "Haddad", "Kowalski", "Reyes"]
DRUGS = ["metformin 500 mg bid", "lisinopril 10 mg daily", "atorvastatin 40 mg qhs"]
DRUGS += ["albuterol inhaler prn", "sertraline 50 mg daily", "apixaban 5 mg bid"]
PROBLEMS = ["type 2 diabetes", "hypertension", "COPD exacerbation", "CHF", "a UTI"]
PROBLEMS += ["low back pain", "anxiety", "a left wrist fracture", "community-acquired pneumonia"]
PROSE = [
    "Please remember the staff meeting moves to Thursday at noon in the break room.",
    "The printer on the second floor is out of toner again; facilities has been notified.",
    "Flu clinic supplies arrived and were stocked in the back cabinet.",
    "Reminder: update your training modules before the end of the quarter.",
    "Waiting room volume was high this morning; add a second person at check-in.",
    "Patient tolerated the procedure well without complications.",
    "Vital signs stable, afebrile overnight, ambulating with assistance.",
    "Will continue current plan and reassess at the next visit.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _date(rng: random.Random, first_year: int = 1935, last_year: int = 2024) -> str:
    return f"{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(first_year, last_year)}"


def _phone(rng: random.Random) -> str:
    return f"({rng.randint(201, 989)}) 555-01{rng.randint(0, 99):02d}"


def _visit(rng: random.Random) -> str:
    return (
        f"Pt {_name(rng)}, DOB {_date(rng, 1935, 2005)}, MRN {rng.randint(1_000_000, 9_999_999)}, "
        f"seen {_date(rng, 2023, 2024)} for {rng.choice(PROBLEMS)}. "
        f"A1c {rng.uniform(5.2, 11.5):.1f}%, creatinine {rng.uniform(0.6, 2.4):.2f}, "
        f"BP {rng.randint(100, 170)}/{rng.randint(60, 100)}. Continue {rng.choice(DRUGS)}."
    )


def _callback(rng: random.Random) -> str:
    return (
        f"Call back {_name(rng)} at {_phone(rng)} re: prior auth for {rng.choice(DRUGS)}; "
        f"daughter {rng.choice(FIRST)} can be reached at "
        f"{rng.choice(FIRST).lower()}.{rng.choice(LAST).lower()}@example.org."
    )


def _prose(rng: random.Random) -> str:
    return " ".join(rng.sample(PROSE, k=3))


_PARAGRAPHS: list[Callable[[random.Random], str]] = [_visit, _callback, _prose, _prose]


def clinic_text(chars: int, seed: int = 0) -> str:
    """Exactly `chars` characters of clinic-like paragraphs; the first is a visit note."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < chars:
        make = _visit if not parts else rng.choice(_PARAGRAPHS)
        paragraph = make(rng) + "\n\n"
        parts.append(paragraph)
        total += len(paragraph)
    return "".join(parts)[:chars]


if __name__ == "__main__":
    print(clinic_text(int(sys.argv[1]) if len(sys.argv) > 1 else 1200))
