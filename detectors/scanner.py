"""Scans text for PHI within a time budget and returns a ScanReport.

Large texts are cut into overlapping chunks; when the budget runs out or a regex
times out, the report says `complete=False` so the caller can fail closed. Each chunk
is Unicode-folded first (detectors.unicode_fold: NFKC, zero-width and bidi controls
removed), and every finding is mapped back to the caller's original offsets.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Iterator

from presidio_analyzer import AnalyzerEngine

from detectors.allowlist import AllowList
from detectors.engine import ChunkAnalyzer, build_engine
from detectors.finding_rows import Row, drop_nested, outside, result_rows
from detectors.health_context import health_terms, special_categories
from detectors.models import Finding, ScanReport, Severity
from detectors.normalize import chunk_spans, scan_safe
from detectors.settings import ScanSettings
from detectors.types import is_patient_identifier
from detectors.unicode_fold import fold

_CONTEXT_SCAN_CHARS = 200_000  # severity only needs a sample of the text


class Scanner:
    """Owns one Presidio engine; not thread-safe (one scanner per worker thread)."""

    def __init__(self, settings: ScanSettings | None = None, *, settle_heap: bool = True) -> None:
        self.settings = settings or ScanSettings()
        with _collector_paused():
            self._engine: AnalyzerEngine = build_engine(self.settings)
            entities = _with_implied(self.settings.entities) if self.settings.entities else None
            self._analyze = ChunkAnalyzer(self._engine, entities, self.settings.threshold)
            self._allow = AllowList(self.settings.allow_terms + self.settings.staff_names)
        if settle_heap:
            _settle_heap()

    def scan(self, text: str, budget_s: float | None = None) -> ScanReport:
        """Find identifiers in `text`; never raises on odd input, keeps to the time budget."""
        started = time.perf_counter()
        budget = self.settings.time_budget_s if budget_s is None else budget_s
        with _collector_paused():
            safe = scan_safe(text)
            rows, complete, problems = self._scan_chunks(safe, started, budget)
            findings = drop_nested(outside(rows, self._allow.spans(safe)))
            return self._report(safe, findings, complete, problems, started)

    def _scan_chunks(
        self, text: str, started: float, budget: float
    ) -> tuple[list[Row], bool, list[str]]:
        settings = self.settings
        rows: list[Row] = []
        spans = chunk_spans(len(text), settings.chunk_chars, settings.chunk_overlap, text)
        for offset, end in spans:
            if time.perf_counter() - started > budget:
                return rows, False, ["time budget exhausted"]
            folded = fold(text[offset:end])
            try:
                results = self._analyze(folded.text)
            except TimeoutError:
                return rows, False, ["pattern match timed out"]
            rows.extend(result_rows(results, offset, folded))
        return rows, True, []

    def _report(
        self,
        text: str,
        findings: list[Finding],
        complete: bool,
        problems: list[str],
        started: float,
    ) -> ScanReport:
        sample = text[:_CONTEXT_SCAN_CHARS]
        phi = any(is_patient_identifier(f.type) for f in findings)
        health = health_terms(sample) if phi else ()
        special = special_categories(sample) if phi else ()
        return ScanReport(
            findings=tuple(findings),
            phi=phi,
            severity=_severity(phi, health, special),
            complete=complete,
            chars=len(text),
            health_context=health,
            special_categories=special,
            elapsed_ms=(time.perf_counter() - started) * 1000,
            problems=tuple(problems),
        )


# Types split out of another: a policy listing the older type still gets the new one.
# Care facilities were LOCATION findings before FACILITY existed.
_IMPLIED_TYPES = {"LOCATION": ("FACILITY",)}


def _with_implied(entities: tuple[str, ...]) -> list[str]:
    implied = [extra for code in entities for extra in _IMPLIED_TYPES.get(code, ())]
    return list(dict.fromkeys([*entities, *implied]))


def _severity(phi: bool, health: tuple[str, ...], special: tuple[str, ...]) -> Severity:
    if not phi:
        return Severity.NONE
    if special:
        return Severity.SPECIAL
    return Severity.HIGH if health else Severity.LOW


def _settle_heap() -> None:
    """Keep the built engine out of Python's full garbage collections.

    A full collection walks every object the engine holds (~135,000) and took ~70 ms
    here; it lands inside a scan every few dozen scans and was the whole 30 KB p95.
    gc.freeze() moves everything alive now to a generation the collector skips.
    After a policy reload (something is frozen already), unfreezing and a full
    collection first let the engine it replaced be freed. The first engine of a
    process replaced none: collecting the young generations (all the build made) is
    enough; a full collection there took another ~70 ms and freed nothing.
    A process holding a large heap of its own (the review window) should pass
    settle_heap=False: that one collection would walk all of it.
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    else:
        gc.collect(1)
    gc.freeze()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during an engine build or a scan; it resumes (if it
    was on) afterwards.

    The build makes ~100,000 objects and frees few, and a scan ~150,000 short-lived
    tuples per MB, none in reference cycles: their allocations set off collector passes
    that found nothing to free yet cost a tenth of the build (a full walk, ~60 ms) and
    5-15% of a 1 MB scan. Reference counting still frees everything dropped, as it goes;
    _settle_heap collects once after a build. A pause another thread starts meanwhile
    (the review reader's) may end early: only a speed matter, never a freed live object.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


__all__ = ["Scanner"]
