"""Biometric identifiers (Safe Harbor P): ids of finger/voice prints, retina/iris scans.

Text cannot hold a fingerprint, but it can hold the identifier or hash of one
("fingerprint template ID FP-88213", "voiceprint hash 9f2c41d07ab3e8"). A mere
mention ("fingerprint scanner at the front desk") identifies nobody, so only an
id-like value (6+ characters, at least one digit) right after a biometric term and
an optional "template"/"id"/"hash"/"record" word is reported; the value is the span.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule

_TERMS = (
    r"finger\s?prints?|thumb\s?prints?|palm\s?prints?|voice\s?prints?|"
    r"retina(?:l)?\s+scans?|iris\s+(?:scans?|templates?|codes?)|face\s?id|"
    r"facial\s+(?:recognition|geometry|templates?)|face\s+templates?|biometrics?"
)
_FILLER = (
    r"(?:\s+(?:template|id|identifier|hash|record|enrollment|enrolment|sample|key|"
    r"signature|code|data|no\.?|number|#))*"
)
_VALUE = r"(?P<value>(?=[A-Za-z0-9+/=_\-]*\d)[A-Za-z0-9][A-Za-z0-9+/=_\-]{4,126}[A-Za-z0-9=])"

_BIOMETRIC = rf"(?<![a-z])(?:{_TERMS})(?![a-z]){_FILLER}\s*[:#=]?\s*{_VALUE}(?![\w\-+/=]|[.,]\w)"


def build() -> list[EntityRecognizer]:
    return [
        RegexRecognizer(
            "BIOMETRIC",
            [Rule("biometric_id", _BIOMETRIC, 0.85, gate=rf"(?:{_TERMS})")],
            name="BiometricIdRecognizer",
        )
    ]
