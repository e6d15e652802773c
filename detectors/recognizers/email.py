"""E-mail addresses (Safe Harbor F)."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule

_EMAIL = (
    r"(?<![\w.+-])(?P<value>[a-z0-9](?:[a-z0-9._%+-]{0,63})@"
    r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w-])"
)


def build() -> list[EntityRecognizer]:
    return [RegexRecognizer("EMAIL", [Rule("email", _EMAIL, 0.95)], name="EmailRecognizer")]
