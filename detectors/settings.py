"""What the policy can tune in detection: threshold, allow-list, custom patterns, limits.

Plain data with defaults, so the scanner works without a policy and the policy
package only has to fill these fields in.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CustomPattern:
    """A site-specific identifier, e.g. the practice's own MRN format."""

    name: str
    type: str
    pattern: str
    score: float = 0.85
    context: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScanSettings:
    """Detection knobs; defaults are what a clinic gets without a policy."""

    threshold: float = 0.5
    entities: tuple[str, ...] | None = None  # None: every type
    allow_terms: tuple[str, ...] = ()  # practice name, address, phone
    staff_names: tuple[str, ...] = ()  # staff and provider names
    custom_patterns: tuple[CustomPattern, ...] = field(default=())
    chunk_chars: int = 20_000
    chunk_overlap: int = 200
    time_budget_s: float = 1.5
