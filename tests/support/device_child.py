"""A child process acting as one device, for the concurrency and kill -9 tests.

    python device_child.py burst N CENTRAL   record N incidents, sync after each
    python device_child.py loop CENTRAL      record + sync forever; prints each committed seq

The device key comes from the shared FileKeyring (PYTHON_KEYRING_BACKEND), the journal
from PASTEWARDEN_HOME. `loop` prints "C <seq>" only after `record` returned, so the
parent knows exactly which commits were durable when it sent SIGKILL.
"""

from __future__ import annotations

import sys
from pathlib import Path

from journal_testkit import incident

from app.backends.central_folders import LocalFS
from app.core.central.sync import sync_once
from app.core.journal.store import Journal, default_journal_path


def main(argv: list[str]) -> int:
    journal = Journal(default_journal_path())
    if argv[0] == "burst":
        count, fs = int(argv[1]), LocalFS(Path(argv[2]))
        for n in range(count):
            journal.record(incident(n))
            sync_once(journal, fs, max_segment=50)
        result = sync_once(journal, fs)
        return 0 if result.ok else 4
    fs = LocalFS(Path(argv[1]))
    n = 0
    while True:
        record = journal.append(incident(n))
        sys.stdout.write(f"C {record['seq']} {record['event_id']}\n")
        sys.stdout.flush()
        if n % 3 == 0:  # sync after some commits only, so kills land in both
            sync_once(journal, fs, max_segment=7)
        n += 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
