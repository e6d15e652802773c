"""The app log: PHI-free by rule (event kinds, tool ids, states; never text or titles).

Written to policy.paths.log_dir()/pastewarden.log, rotated at 1 MB, three files kept.
"""

from __future__ import annotations

import logging
import logging.handlers

from policy.paths import log_dir

LOG_NAME = "pastewarden.log"


def setup_logging(level: int = logging.INFO) -> logging.Handler | None:
    """Attach the rotating file handler to the root logger; None if the folder is unusable."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None  # logging is a convenience: never stop protection over it
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)  # one line per recognizer
    return handler
