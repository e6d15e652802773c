"""`pastewarden run`: the tray app.

The tray (issue "The tray app") is not built yet; until then this command says so
plainly and exits 2 instead of pretending to protect anything.
"""

from __future__ import annotations

import argparse
import sys


def run_tray(args: argparse.Namespace) -> int:
    """Start the tray app (not available in this release)."""
    print(
        "pastewarden: the tray app is not part of this release yet; "
        "use `pastewarden scan` to check text for PHI.",
        file=sys.stderr,
    )
    return 2
