"""Suite-wide hook: end the pytest process without Python's interpreter teardown.

PySide6 6.12 can crash (SIGSEGV) while the interpreter destroys Qt objects at exit
after the offscreen GUI tests ("shared QObject was deleted directly"), even though
every test passed and the report is printed. The crash happens after pytest decided
its exit status, so we exit with exactly that status once everything is reported.
Nothing the tests check depends on teardown.
"""

from __future__ import annotations

import os
import sys

import pytest

_status: dict[str, int] = {}


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _status["exit"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if "exit" not in _status or "PYTEST_XDIST_WORKER" in os.environ:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_status["exit"])
