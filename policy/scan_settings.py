"""The detection part of a policy as the scanner's own settings (detectors.settings)."""

from __future__ import annotations

from detectors.settings import CustomPattern, ScanSettings
from policy.schema import Policy


def policy_to_scan_settings(policy: Policy, base: ScanSettings | None = None) -> ScanSettings:
    """detection.threshold/entities/custom_patterns/allow -> ScanSettings; other knobs kept."""
    detection = policy.detection
    base = base or ScanSettings()
    patterns = tuple(
        CustomPattern(p.name, p.type, p.pattern, p.score, tuple(p.context))
        for p in detection.custom_patterns
    )
    return ScanSettings(
        threshold=detection.threshold,
        entities=tuple(detection.entities) if detection.entities is not None else None,
        allow_terms=tuple(detection.allow.terms),
        staff_names=tuple(detection.allow.staff_names),
        custom_patterns=patterns,
        chunk_chars=base.chunk_chars,
        chunk_overlap=base.chunk_overlap,
        time_budget_s=base.time_budget_s,
    )
