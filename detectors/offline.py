"""Process-wide settings that keep Presidio, spaCy and tldextract offline.

Must be imported before anything imports presidio_analyzer: tldextract reads its
suffix-list URLs and Presidio reads its regex timeout from the environment at import.
"""

from __future__ import annotations

import os

REGEX_TIMEOUT_SECONDS = 1


def apply() -> None:
    """Set the environment so no library fetches a model, a suffix list or a data set."""
    # An empty URL list makes tldextract use its bundled snapshot: no DNS, no cache file.
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    os.environ["TLDEXTRACT_CACHE"] = ""  # empty: no cache file, and no warning about one
    os.environ["REGEX_TIMEOUT_SECONDS"] = str(REGEX_TIMEOUT_SECONDS)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


apply()
