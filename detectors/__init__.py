"""PHI detection on Presidio: offline engine, Safe Harbor recognizers, scanner, redaction.

No Qt and no OS calls here. Import `detectors.scanner.Scanner` for scanning.
"""

from detectors import offline as _offline  # noqa: F401  (before anything imports presidio)
