"""PHI detection on Presidio: offline engine, Safe Harbor recognizers, scanner, redaction.

No Qt and no OS calls here. Import `detectors.scanner.Scanner` for scanning.
"""

# Importing any detectors.* module runs this package first, so the offline settings are
# in the environment before presidio, spaCy or tldextract is imported anywhere below.
from detectors import offline as _offline  # noqa: F401
