"""Web addresses (Safe Harbor N), above all patient-portal links carrying patient ids.

Three shapes: `http(s)://...`, `www....`, and a bare domain with a path or query
("mychart.example.org/patient?id=..."). Sentence punctuation after a URL stays out
of the span. A URL whose path or query carries an id (a query string, a run of
digits, or words such as patient/mrn/chart/portal) scores 0.9; a plain public link
("https://www.cdc.gov/flu/") identifies nobody and scores 0.45, below the default
threshold, so it is reported only when a site lowers the threshold.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer

from detectors.recognizers.base import RegexRecognizer, Rule

# Last character excludes sentence punctuation and closing brackets.
_TAIL = r"(?:[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}])?"
_HOST = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}"
_TLDS = "com|org|net|edu|gov|mil|us|io|health|care|clinic|hospital|info|biz|co|me|app|ca|uk"

_SCHEME = rf"(?<![\w@])(?P<value>https?://[^\s<>\"'`/?#]+{_TAIL})"
_WWW = rf"(?<![\w@./])(?P<value>www\.{_HOST}(?::\d{{2,5}})?(?:[/?#]{_TAIL})?)"
_BARE = (
    rf"(?<![\w@./:-])(?!www\.)(?P<value>(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})"
    rf"(?::\d{{2,5}})?[/?]{_TAIL})"
)

_IDENTIFYING = regex.compile(
    r"[?&;]|\d{4,}|(?<![a-z])(?:patient|pt|mrn|chart|record|portal|member|user|"
    r"account|acct|visit|encounter|id|mychart|appointment)(?![a-z])",
    regex.IGNORECASE,
)


def _score(text: str, match: regex.Match[str]) -> float | None:
    url = match.group("value")
    # Only the part after the host can carry a person's id.
    after_host = regex.sub(r"^(?:https?://)?[^/?#]*", "", url, flags=regex.IGNORECASE)
    return 0.9 if _IDENTIFYING.search(after_host) else 0.45


def build() -> list[EntityRecognizer]:
    rules = [
        Rule("url_scheme", _SCHEME, 0.9),
        Rule("url_www", _WWW, 0.9),
        Rule("url_bare", _BARE, 0.9, gate=rf"\.(?:{_TLDS})(?::\d{{2,5}})?[/?]"),
    ]
    return [RegexRecognizer("URL", rules, name="UrlRecognizer", validator=_score)]
