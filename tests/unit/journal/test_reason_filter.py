"""Override reasons keep no PHI: hundreds of reasons with planted invented names (any
case, possessive), numbers and dates go through the real scanner and the strict filter,
are journaled and synced, and no planted value is in any byte of the SQLite database,
its WAL, or the central folder."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.incident import IncidentEvent, Justification, ToolRef
from app.core.journal.store import Journal
from app.core.protect.events import sanitize_reason
from app.core.protect.reason_filter import strict_reason
from detectors.scanner import Scanner

_SYLLABLES = ("zor", "bel", "quin", "tar", "vosk", "mira", "dun", "elv", "prax", "oth", "kell")
_TEMPLATES = (
    "needed for {name}'s appeal, chart {number}",
    "{name} {surname} chart {number}",
    "for {NAME} {SURNAME}'s insurance claim",
    "{name} asked on {date} for the letter",
    "patient {name} {surname} seen {date}, record {number}",
    "the doctor wanted a summary for {Name}",
    "sending results to {Name} {Surname} ({number})",
    "follow up with {surname} family about {month} {day}",
    "urgent: {name}.{surname} account {number} needs the note",
    "claim {number} for {Name}, born {date}",
)


def _invented(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def _reason(rng: random.Random) -> tuple[str, list[str]]:
    """A reason and the values planted in it (names lower-cased, numbers, dates)."""
    name, surname = _invented(rng), _invented(rng)
    number = str(rng.randint(100, 99_999_999))
    date = rng.choice(
        (f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{rng.randint(10, 99)}",
         f"20{rng.randint(10, 29)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
         f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.19{rng.randint(30, 99)}")
    )  # fmt: skip
    month = rng.choice(("march", "may", "october", "June"))
    day = str(rng.randint(1, 28))
    text = rng.choice(_TEMPLATES).format(
        name=name, surname=surname, Name=name.title(), Surname=surname.title(),
        NAME=name.upper(), SURNAME=surname.upper(), number=number, date=date,
        month=month, day=day,
    )  # fmt: skip
    planted = [name, surname, number, date]
    if f"{month} {day}" in text:
        planted.append(f"{month} {day}")
    return text, planted


@pytest.fixture(scope="module")
def scanner() -> Iterator[Scanner]:
    yield Scanner()


def _found(planted: str, data: bytes) -> bool:
    needle = planted.lower().encode()
    return needle in data.lower()


def test_the_issues_examples() -> None:
    assert strict_reason("chart 7788992") == "chart <NUMBER>"
    assert strict_reason("for OCTAVIA BRANNIGAN's appeal") == "for <WORD> <WORD> appeal"
    assert strict_reason("brannigan chart 7788992") == "<WORD> chart <NUMBER>"
    assert strict_reason("john smith needs it") == "<WORD> <WORD> needs it"  # names, not words
    assert strict_reason("seen march 4 and may 5") == "seen <WORD> 4 and <WORD> 5"
    assert strict_reason("will send the report today") == "will send the report today"


def test_many_reasons_store_no_planted_value(scanner: Scanner, tmp_path: Path) -> None:
    rng = random.Random(20261205)
    central = tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    journal = Journal(tmp_path / "data" / "journal.sqlite3")
    planted_all: list[str] = []
    for _ in range(300):
        text, planted = _reason(rng)
        stored = sanitize_reason(text, scanner.scan(text))
        for value in planted:
            assert not _found(value, stored.encode()), (text, stored, value)
        assert re.fullmatch(r"[a-z0-9 .,;:!?()'<>A-Z_\-]*", stored), stored
        planted_all += planted
        journal.record(
            IncidentEvent(
                kind="incident",
                action="overridden",
                tool=ToolRef("chatgpt", "consumer_ai", "chatgpt.com"),
                justification=Justification("Clinical need", stored),
            )
        )
    wal = journal.path.with_name(journal.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the records are still in the WAL
    assert sync_once(journal, LocalFS(central)).ok
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".jsonl" for p in files)
    for path in files:
        data = path.read_bytes()
        hits = [value for value in planted_all if _found(value, data)]
        assert not hits, (path.name, hits[:5])
