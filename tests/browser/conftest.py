"""Fixtures for the browser companion tests: the stand-in site, the real tray, Chromium.

Real components, really started (scripts/test.sh provides Xvfb + openbox + trayer):
- `site`: tests/browser/stand_in_site.py over HTTPS on loopback for chatgpt.com and example.org;
- `desk`: `pastewarden run` with its own PASTEWARDEN_HOME, TMPDIR and policy, then
  `pastewarden browser setup --browser chromium --user-data-dir PROFILE`, then Debian's
  Chromium with the unpacked extension, the host resolver mapped to the site and a
  temporary profile. Everything is torn down at the end of the module.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_support import POLICY, ROOT, Desk, wait_for
from stand_in_site import Site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    server = Site(tmp_path_factory.mktemp("site"), ["chatgpt.com", "example.org"])
    yield server
    server.stop()


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    path = os.pathsep.join([str(ROOT), str(ROOT / "tests" / "support"), env.get("PYTHONPATH", "")])
    return env | {
        "PASTEWARDEN_HOME": str(tmp / "home"),
        "TMPDIR": str(tmp / "tmp"),
        "PASTEWARDEN_POLICY": str(tmp / "policy.json"),
        "PYTHON_KEYRING_BACKEND": "journal_testkit.FileKeyring",
        "PW_TEST_KEYRING_FILE": str(tmp / "keyring.json"),
        "PYTHONPATH": path.rstrip(os.pathsep),
        "HOME": str(tmp / "userhome"),
    }


def _desk(tmp_path_factory: pytest.TempPathFactory, site: Site, browser: str) -> Desk:
    if not os.environ.get("DISPLAY"):
        pytest.fail("tests/browser need an X display: run them through scripts/test.sh")
    program = "firefox-esr" if browser == "firefox" else "chromium"
    if shutil.which(program) is None:
        pytest.fail(f"Debian's {program} is missing: scripts/_bootstrap.sh installs it")
    tmp = tmp_path_factory.mktemp(browser)
    for folder in ("home", "tmp", "userhome", "profile"):
        (tmp / folder).mkdir()
    (tmp / "policy.json").write_text(json.dumps(POLICY), encoding="utf-8")
    desk = Desk(_env(tmp), tmp, site)
    desk.start_tray()
    where = [] if browser == "firefox" else ["--user-data-dir", str(tmp / "profile")]
    setup = desk.pw("browser", "setup", "--browser", browser, *where, "--json")
    desk.extension_dir = Path(json.loads(setup)["extension_dir"])
    return desk


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, site: Site) -> Iterator[Desk]:
    yield from _run(_desk(tmp_path_factory, site, "chromium"), Desk.start_chromium)


@pytest.fixture(scope="module")
def firefox(tmp_path_factory: pytest.TempPathFactory, site: Site) -> Iterator[Desk]:
    yield from _run(_desk(tmp_path_factory, site, "firefox"), Desk.start_firefox)


def _run(desk: Desk, start: Callable[[Desk], None]) -> Iterator[Desk]:
    try:
        start(desk)
        wait_for(lambda: desk.companions(), 30, "the companion connecting to the tray")
        yield desk
    finally:
        desk.stop_browser()
        if desk.tray is not None and desk.tray.poll() is None:
            desk.tray.send_signal(signal.SIGTERM)
            desk.tray.wait(timeout=15)
