"""How much of the central folder the reader reads at most: per file, per line, in all.

Anyone who can write the share can plant a 3 GB file, a link to /dev/zero or a folder
with a million names. The reader reads nothing past these limits; what it leaves is a
per-file problem in the review, never a MemoryError that loses every device. A sync
writes at most 1,000 records of at most a few KB per segment, so honest segments stay
far below the caps. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass

# One record line: a record is ~0.5-1 KB (justification capped at 500 characters).
MAX_LINE_BYTES = 64 << 10
MiB = 1 << 20


@dataclass(frozen=True)
class ReadLimits:
    """Bytes and names the reader takes at most; the defaults bound its memory."""

    segment_bytes: int = 16 * MiB  # one seg-*.jsonl (a sync writes ≤ 1,000 records)
    head_bytes: int = 64 << 10  # one head.json (a few hundred bytes when honest)
    annotation_bytes: int = 16 * MiB  # one reviewer's annotations file
    entries: int = 100_000  # names listed per folder
    # Every file read in one load: 256 MiB of lines is ~300,000 records, ~1.5 GB parsed.
    total_bytes: int = 256 * MiB
