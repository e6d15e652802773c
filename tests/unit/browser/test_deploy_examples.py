"""installer/browser: the force-install examples parse and name the extension's real ids."""

from __future__ import annotations

import json
import plistlib
from pathlib import Path

import pytest

from app.commands.browser_cmd import extension_id

FOLDER = Path(__file__).resolve().parents[3] / "installer" / "browser"


def test_chrome_and_edge_policy_json_force_installs_the_fixed_id() -> None:
    data = json.loads((FOLDER / "chrome-edge-policy.json").read_text("utf-8"))
    ext = extension_id("chromium")
    assert data["ExtensionSettings"][ext]["installation_mode"] == "force_installed"
    assert data["ExtensionInstallForcelist"][0].startswith(ext + ";https://")


def test_windows_reg_file_names_the_fixed_id_for_both_browsers() -> None:
    text = (FOLDER / "chrome-edge-policy.reg").read_text("utf-8")
    assert text.startswith("Windows Registry Editor Version 5.00")
    ext = extension_id("chromium")
    for browser in (r"Google\Chrome", r"Microsoft\Edge"):
        assert (
            f"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\{browser}\\ExtensionInstallForcelist]"
            in text
        )
    assert text.count(f'"1"="{ext};https://') == 2


def test_firefox_policies_json_force_installs_the_gecko_id() -> None:
    data = json.loads((FOLDER / "firefox-policies.json").read_text("utf-8"))
    settings = data["policies"]["ExtensionSettings"][extension_id("firefox")]
    assert settings["installation_mode"] == "force_installed"


def test_mobileconfig_is_a_plist_for_chrome_edge_and_firefox() -> None:
    profile = plistlib.loads((FOLDER / "PasteWarden-browser.mobileconfig").read_bytes())
    payloads = {p["PayloadType"]: p for p in profile["PayloadContent"]}
    assert set(payloads) == {"com.google.Chrome", "com.microsoft.Edge", "org.mozilla.firefox"}
    assert payloads["com.google.Chrome"]["ExtensionInstallForcelist"][0].startswith(
        extension_id("chromium")
    )
    assert extension_id("firefox") in payloads["org.mozilla.firefox"]["ExtensionSettings"]


def test_update_manifest_names_the_fixed_id() -> None:
    assert f"appid='{extension_id('chromium')}'" in (FOLDER / "updates.xml").read_text("utf-8")


def test_the_installers_register_the_host_per_machine_without_failing_the_install() -> None:
    import xml.etree.ElementTree as ET

    wix = "{http://wixtoolset.org/schemas/v4/wxs}"
    root = ET.parse(FOLDER.parent / "windows" / "PasteWarden.wxs").getroot()
    actions = {a.get("Id"): a for a in root.iter(f"{wix}CustomAction")}
    command = actions["SetRegisterBrowsers"].get("Value", "")
    assert command.endswith(
        'pastewarden.exe" browser setup --browser chrome --browser edge --browser firefox --system'
    )
    assert actions["RegisterBrowsers"].get("Return") == "ignore"
    assert actions["RegisterBrowsers"].get("Impersonate") == "no"
    postinstall = (FOLDER.parent / "macos" / "postinstall").read_text("utf-8")
    assert 'MacOS/pastewarden" browser setup \\\n    --browser chrome --browser edge' in postinstall


def test_setup_cli_takes_several_browsers_and_reports_each_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main

    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    code = main(["browser", "setup", "--browser", "chromium", "--browser", "firefox",
                 "--user-data-dir", str(tmp_path / "profile"), "--json"])  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 2 and "firefox failed: --user-data-dir is for Chromium" in err
    results = json.loads(out)
    assert [Path(r["host_manifest"]).parent for r in results] == [
        tmp_path / "profile" / "NativeMessagingHosts"
    ]
    assert main(["browser", "setup", "--browser", "chromium",
                 "--user-data-dir", str(tmp_path / "p2"), "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["extension_id"] == extension_id("chromium")
