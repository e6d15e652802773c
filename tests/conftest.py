"""Suite-wide hook: end the pytest process without Python's interpreter teardown.

PySide6 6.12 can crash (SIGSEGV) while the interpreter destroys Qt objects at exit
after the offscreen GUI tests ("shared QObject was deleted directly"), even though
every test passed and the report is printed. The crash happens after pytest decided
its exit status, so we exit with exactly that status once everything is reported.
Nothing the tests check depends on teardown.

At start the message catalogues are compiled (.po -> .mo, scripts/translations.py), so
every test, and every app process a test starts, reads the catalogues of this checkout.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

_status: dict[str, int] = {}
_TRANSLATIONS = Path(__file__).resolve().parents[1] / "scripts" / "translations.py"


def pytest_configure(config: pytest.Config) -> None:
    spec = importlib.util.spec_from_file_location("pw_translations", _TRANSLATIONS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.compile_all()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _status["exit"] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if "exit" not in _status or "PYTEST_XDIST_WORKER" in os.environ:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_status["exit"])
