"""How fast this shared machine runs right now: a fixed pure-Python workload.

The 2-core development VM runs in a fast and a ~1.6x slower phase (other tenants),
so every benchmark prints this reference before and after its own rows; compare
tables only at similar reference times.
"""

from __future__ import annotations

import statistics
import time


def reference_ms(runs: int = 5) -> list[float]:
    """Milliseconds for each of `runs` passes of a fixed loop (~50 ms fast, ~90 ms slow)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        total = 0
        for number in range(1_000_000):
            total += number * number % 7
        times.append((time.perf_counter() - started) * 1000)
    return times


def reference_median_s() -> float:
    """The median pass in seconds, for benches that print seconds."""
    return statistics.median(reference_ms()) / 1000
