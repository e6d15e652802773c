"""Helpers for tests/browser: drive the real tray and Debian's Chromium under Xvfb.

The tray runs from this source tree (`python -m app`), so its native host (the launcher
`browser setup` writes) imports the same code. Keys and the clipboard go through
xdotool and xclip, as a person's would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cdp import Cdp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))  # shared desk helpers
from e2e_support import wait_for

ROOT = Path(__file__).resolve().parents[2]
DIALOG_NAME = "PasteWarden: paste blocked"
FIREFOX_ID = "companion@pastewarden.example"
FIREFOX_PREFS: dict[str, object] = {
    "xpinstall.signatures.required": False,  # ESR honours it: the test build is unsigned
    "extensions.autoDisableScopes": 0,  # enable the sideloaded add-on without asking
    "extensions.enabledScopes": 15,
    "network.dns.forceResolve": "127.0.0.1",
    "browser.shell.checkDefaultBrowser": False,
    "browser.aboutwelcome.enabled": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "app.update.auto": False,
}
FILE_DIALOG_NAME = "PasteWarden: file upload"
POLICY = {
    "schema": "pastewarden.policy/1",
    "version": 3,
    "organization": {"name": "Test Clinic"},
    "use_builtin_catalog": False,
    "tools": [
        {
            "id": "chatgpt",
            "name": "ChatGPT",
            "category": "consumer_ai",
            "match": {"domains": ["chatgpt.com"], "titles": ["^(?:.+\\s[-|–—·]\\s)?ChatGPT$"]},
            "action": "block_with_override",
        },
    ],
    "override": {"allowed": True, "min_chars": 10},
}


@dataclass
class Desk:
    """The tray, Chromium and the site, with helpers to act and to look."""

    env: dict[str, str]
    tmp: Path
    site: object
    tray: subprocess.Popen[bytes] | None = None
    browser: subprocess.Popen[bytes] | None = None  # Chromium or Firefox
    extension_dir: Path = Path()
    window: int = 0
    cdp: Cdp = field(default_factory=Cdp)
    layout: dict[str, Any] = field(default_factory=dict)  # where the page's elements are
    logs: list[Path] = field(default_factory=list)

    # -- processes ---------------------------------------------------------------------
    def pw(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "app", *args], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
        return done.stdout.strip()

    def start_tray(self) -> None:
        log = (self.tmp / "tray.log").open("ab")
        self.tray = subprocess.Popen([sys.executable, "-m", "app", "run"], env=self.env,
                                     cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        wait_for(lambda: self.status().get("state") == "protecting", 60, "state protecting")

    def stop_tray(self) -> None:
        assert self.tray is not None
        self.tray.send_signal(15)
        self.tray.wait(timeout=15)

    def start_chromium(self, url: str = "https://chatgpt.com/c/0f3a") -> None:
        port = self.site.port  # type: ignore[attr-defined]
        rules = f"MAP chatgpt.com:443 127.0.0.1:{port}, MAP example.org:443 127.0.0.1:{port}"
        args = ["chromium", f"--user-data-dir={self.tmp / 'profile'}",
                f"--load-extension={self.extension_dir}",
                f"--disable-extensions-except={self.extension_dir}",
                f"--host-resolver-rules={rules}", "--ignore-certificate-errors",
                "--no-first-run", "--no-default-browser-check", "--password-store=basic",
                "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,800",
                "--window-position=0,0", url]  # fmt: skip
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        log = (self.tmp / "chromium.log").open("wb")
        args.insert(1, "--remote-debugging-pipe")
        self.browser = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                         pass_fds=(3, 4, *self.cdp.fds()),
                                         preexec_fn=self.cdp.child_setup)  # fmt: skip
        self.cdp.started()
        found = wait_for(lambda: self.x("xdotool", "search", "--onlyvisible", "--class",
                                        "chromium"), 60, "the Chromium window")  # fmt: skip
        self.window = int(str(found).split()[-1])
        wait_for(lambda: self.reports("ready"), 60, "the page loading")

    def start_firefox(self, path: str = "/c/0f3a") -> None:
        """Debian's firefox-esr with the companion sideloaded into a fresh profile.

        Firefox has no host-resolver flag: every name resolves to 127.0.0.1 and the URL
        carries the site's port. The site's test CA is trusted in the profile's NSS store.
        """
        profile = self.tmp / "profile"
        extensions = profile / "extensions"
        extensions.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(extensions / f"{FIREFOX_ID}.xpi", "w") as xpi:
            for item in self.extension_dir.iterdir():
                xpi.write(item, item.name)
        prefs = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n"
                        for k, v in FIREFOX_PREFS.items())  # fmt: skip
        (profile / "user.js").write_text(prefs, encoding="utf-8")
        store = f"sql:{profile}"
        subprocess.run(["certutil", "-N", "-d", store, "--empty-password"], check=True)
        ca = str(self.site.folder / "ca.crt")  # type: ignore[attr-defined]
        subprocess.run(["certutil", "-A", "-n", "pw-test-ca", "-t", "C,,", "-i", ca, "-d", store],
                       check=True)  # fmt: skip
        port = self.site.port  # type: ignore[attr-defined]
        args = ["firefox-esr", "--no-remote", "--profile", str(profile),
                f"https://chatgpt.com:{port}{path}"]  # fmt: skip
        log = (self.tmp / "firefox.log").open("wb")
        self.browser = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        wait_for(lambda: self.reports("ready"), 90, "the page loading in Firefox")
        found = wait_for(lambda: self.x("xdotool", "search", "--onlyvisible", "--class",
                                        "firefox"), 30, "the Firefox window")  # fmt: skip
        self.window = int(str(found).split()[-1])

    def stop_browser(self) -> None:
        if self.browser is not None and self.browser.poll() is None:
            self.browser.terminate()
            try:
                self.browser.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.browser.kill()

    # -- acting ------------------------------------------------------------------------
    def x(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(args, input=stdin, env=self.env, capture_output=True,
                              text=True, timeout=20, check=False)  # fmt: skip
        return done.stdout.strip()

    def copy(self, text: str) -> None:
        subprocess.run(["xclip", "-selection", "clipboard"], input=text.encode(), env=self.env,
                       check=True, timeout=10)  # fmt: skip

    def focus_page(self) -> None:
        self.x("xdotool", "windowactivate", "--sync", str(self.window))

    def key(self, *keys: str) -> None:
        for key in keys:
            self.x("xdotool", "key", "--clearmodifiers", key)
            time.sleep(0.2)

    def paste(self, text: str) -> None:
        self.copy(text)
        self.focus_page()
        self.key("ctrl+v")

    def drop_on_prompt(self, text: str = "", files: list[str] | None = None) -> None:
        """A trusted drop of text or files on the prompt (the DevTools pipe; see cdp.py)."""
        session = self.cdp.page_session("https://")
        x, y = self.layout["prompt"]["x"] + 20, self.layout["prompt"]["y"]
        if files:
            self.cdp.drop_files(session, x, y, files)
        else:
            self.cdp.drop_text(session, x, y, text)
        self.cdp.call("Target.detachFromTarget", {"sessionId": session})

    def file_question(self) -> int:
        found = wait_for(lambda: self.x("xdotool", "search", "--name", FILE_DIALOG_NAME),
                         20, "the file question")  # fmt: skip
        return int(str(found).split()[0])

    def answer_file_question(self, key: str) -> None:
        self.x("xdotool", "windowactivate", "--sync", str(self.file_question()))
        self.key(key)

    def click(self, element: str) -> None:
        """Click an element the page reported in its layout (e.g. "line")."""
        geometry = self.x("xdotool", "getwindowgeometry", "--shell", str(self.window))
        values = dict(line.split("=", 1) for line in geometry.splitlines())
        spot = self.layout[element]
        x = int(values["X"]) + int(spot["x"])
        y = int(values["Y"]) + int(self.layout["top"]) + int(spot["y"])
        self.focus_page()
        self.x("xdotool", "mousemove", "--sync", str(x), str(y), "click", "1")

    def type(self, text: str) -> None:
        self.x("xdotool", "type", "--delay", "5", text)

    def navigate(self, url: str) -> None:
        self.site.clear()  # type: ignore[attr-defined]
        self.focus_page()
        self.key("ctrl+l")
        self.type(url)
        self.key("Return")
        wait_for(lambda: self.reports("ready"), 30, f"{url} loading")
        self.layout = json.loads(self.reports("ready")[-1]["text"])
        self.site.clear()  # type: ignore[attr-defined]

    def dialog(self) -> int:
        found = wait_for(lambda: self.x("xdotool", "search", "--name", DIALOG_NAME),
                         20, "the warning dialog")  # fmt: skip
        return int(str(found).split()[0])

    def dialog_keys(self, *keys: str) -> None:
        wid = self.dialog()
        self.x("xdotool", "windowactivate", "--sync", str(wid))
        self.key(*keys)

    def no_dialog(self) -> bool:
        return self.x("xdotool", "search", "--name", DIALOG_NAME) == ""

    # -- looking -----------------------------------------------------------------------
    def reports(self, event: str | None = None) -> list[dict[str, str]]:
        got = self.site.snapshot()  # type: ignore[attr-defined]
        return [r for r in got if event is None or r.get("event") == event]

    def received(self) -> str:
        """Everything the page's fields and handlers saw, joined."""
        return "\n".join(r.get("text", "") for r in self.reports())

    def status(self) -> dict[str, object]:
        out = self.pw("run", "--status")
        return json.loads(out) if out.startswith("{") else {}

    def companions(self) -> list[dict[str, object]]:
        found = self.status().get("browser_companions", [])
        assert isinstance(found, list)
        return [c for c in found if c.get("connected")]

    def events(self) -> list[dict[str, object]]:
        found = self.status().get("events", [])
        assert isinstance(found, list)
        return found
