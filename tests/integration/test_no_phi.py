"""No PHI anywhere: 200 scans of invented PHI texts journaled and synced, then every byte
under PASTEWARDEN_HOME and the central folder is searched for every planted value (as
typed, lower-cased and digits only). The invented values avoid hex-only letters and
recent years, so a MAC, uuid or timestamp cannot match one by chance."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from decided_events import scanned_event

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.store import Journal, default_journal_path
from app.core.review.reader import read_central, write_derived
from detectors.scanner import Scanner

FIRST = ["Quorvin", "Zelminta", "Prowlin", "Yusrolt", "Marvolo", "Tirzah", "Worlund", "Sorvilt"]
LAST = ["Thornquist", "Vuylsteke", "Orlowsky", "Pryzmont", "Kvorning", "Lundqvist", "Zorvath"]
STREETS = ["Quillmoor Road", "Sparrowtail Lane", "Wolverton Street", "Mollytrot Avenue"]


def _plant(rng: random.Random) -> tuple[str, list[str]]:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    dob = f"{rng.randint(1, 12):02d}/{rng.randint(10, 28):02d}/19{rng.randint(30, 79)}"
    ssn = f"{rng.randint(100, 599)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    phone = f"({rng.randint(201, 989)}) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}"
    mrn = f"{rng.randint(10_000_000, 99_999_999)}"
    street = f"{rng.randint(10, 9999)} {rng.choice(STREETS)}"
    email = f"{name.split()[0].lower()}.{rng.randint(10, 99)}@quorvmail.org"
    text = (
        f"Pt {name}, DOB {dob}, SSN {ssn}, MRN: {mrn}. Lives at {street}. "
        f"Call {phone} or {email}. Seen today for COPD exacerbation, on prednisone."
    )
    return text, [name, *name.split(), dob, ssn, phone, mrn, street, email]


def _needles(values: list[str]) -> set[bytes]:
    needles: set[bytes] = set()
    for value in values:
        needles |= {value.encode(), value.lower().encode()}
        digits = "".join(c for c in value if c.isdigit())
        if len(digits) >= 6:  # shorter digit runs (a street number) occur in any timestamp
            needles.add(digits.encode())
    return needles


def _hits(files: list[Path], planted: list[str], base: Path) -> list[tuple[str, str]]:
    needles = _needles(planted)
    return [
        (str(p.relative_to(base)), needle.decode())
        for p in files
        for needle in needles
        if needle in p.read_bytes()
    ]


@pytest.mark.slow
def test_two_hundred_scans_leave_no_planted_value_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, central = tmp_path / "home", tmp_path / "central"
    (central / "incidents").mkdir(parents=True)
    monkeypatch.setenv("PASTEWARDEN_HOME", str(home))
    scanner, rng = Scanner(), random.Random(1966)
    journal = Journal(default_journal_path())
    planted: list[str] = []
    for n in range(200):
        text, values = _plant(rng)
        planted += values
        report = scanner.scan(text)
        assert report.phi and report.counts_by_type()
        action = "blocked" if n % 3 else "overridden"
        journal.record(scanned_event(text, report, action))
        if n % 25 == 24:
            assert sync_once(journal, LocalFS(central)).ok
    assert sync_once(journal, LocalFS(central)).ok
    write_derived(LocalFS(central), read_central(LocalFS(central)))
    journal.close()
    files = [p for root in (home, central) for p in root.rglob("*") if p.is_file()]
    assert len(files) >= 5 and any(p.name == "incidents.csv" for p in files)
    assert _hits(files, planted, tmp_path) == []
    canary = home / "canary.txt"  # the search itself must be able to find a leak
    canary.write_text(f"note: {planted[0].lower()}")
    assert _hits([canary], planted, tmp_path) != []
    assert "NAME" in (central / "incidents.csv").read_text("utf-8-sig")  # the types are there
