"""`pastewarden audit keygen`: the organisation's audit key pair for the office manager.

Writes the private half to a new file readable by its owner only (never replaces one)
and prints the line to put in the policy (`"audit": {"public_key": "pwaudit1:…"}`).
Keep the file off the workstations: whoever holds it can read every workstation's
sealing keys and sign follow-ups as the reviewer.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.core.journal.audit_key import AuditKeyError, AuditPrivate, generate, parse_private

EXIT_OK, EXIT_ERROR = 0, 2


def run_audit(args: argparse.Namespace) -> int:
    key = generate()
    path = Path(args.out)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        print(f"pastewarden audit keygen: {path}: {error.strerror}", file=sys.stderr)
        return EXIT_ERROR
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key.to_file_text())
    print(f"wrote the private audit key to {path} (keep it with the office manager only)")
    print(f'policy: "audit": {{"public_key": "{key.public.text}"}}')
    return EXIT_OK


def load_audit_keys(paths: list[str] | None) -> list[AuditPrivate]:
    """The office manager's key files given with --audit-key (current and retired)."""
    keys = []
    for name in paths or []:
        try:
            keys.append(parse_private(Path(name).read_text("utf-8")))
        except OSError as error:
            raise ValueError(f"audit key {name}: {error.strerror}") from error
        except AuditKeyError as error:
            raise ValueError(f"audit key {name}: {error}") from error
    return keys
