"""`pastewarden browser setup`: manifest places per OS (registry faked), files written."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from app.backends.native_hosts import HOST_NAME, placement
from app.commands.browser_cmd import chromium_id, extension_id, setup
from policy.paths import resource_path

HOME = Path("/home/u")


@pytest.mark.parametrize(
    ("browser", "platform", "system", "expected"),
    [
        ("chrome", "linux", False, "/home/u/.config/google-chrome/NativeMessagingHosts"),
        ("chromium", "linux", False, "/home/u/.config/chromium/NativeMessagingHosts"),
        ("edge", "linux", True, "/etc/opt/edge/native-messaging-hosts"),
        ("firefox", "linux", False, "/home/u/.mozilla/native-messaging-hosts"),
        ("firefox", "linux", True, "/usr/lib/mozilla/native-messaging-hosts"),
        ("chrome", "darwin", False,
         "/home/u/Library/Application Support/Google/Chrome/NativeMessagingHosts"),
        ("edge", "darwin", True, "/Library/Microsoft/Edge/NativeMessagingHosts"),
        ("firefox", "darwin", True, "/Library/Application Support/Mozilla/NativeMessagingHosts"),
    ],
)  # fmt: skip
def test_manifest_folders(browser: str, platform: str, system: bool, expected: str) -> None:
    place = placement(browser, platform, HOME, system)  # type: ignore[arg-type]
    assert place.manifest == Path(expected) / f"{HOST_NAME}.json"
    assert place.registry_key is None


def test_user_data_dir_is_chromium_only() -> None:
    place = placement("chromium", "linux", HOME, False, Path("/p"))
    assert place.manifest == Path("/p/NativeMessagingHosts") / f"{HOST_NAME}.json"
    with pytest.raises(ValueError, match="Chromium"):
        placement("firefox", "linux", HOME, False, Path("/p"))


class FakeRegistry:
    def __init__(self) -> None:
        self.values: list[tuple[bool, str, str]] = []

    def set_default_value(self, machine: bool, key: str, value: str) -> None:
        self.values.append((machine, key, value))


@pytest.mark.parametrize(
    ("browser", "system", "key"),
    [
        ("chrome", False, r"Software\Google\Chrome\NativeMessagingHosts"),
        ("edge", True, r"Software\Microsoft\Edge\NativeMessagingHosts"),
        ("firefox", True, r"Software\Mozilla\NativeMessagingHosts"),
    ],
)
def test_windows_writes_the_manifest_and_its_registry_value(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, browser: str, system: bool, key: str
) -> None:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PROGRAMDATA", str(tmp_path / "programdata"))
    registry = FakeRegistry()
    result = setup(browser, system, None, "win32", tmp_path, registry)  # type: ignore[arg-type]
    manifest = Path(result["host_manifest"])
    assert registry.values == [(system, rf"{key}\{HOST_NAME}", str(manifest))]
    data = json.loads(manifest.read_text("utf-8"))
    assert Path(data["path"]).name == "pastewarden-native-host.bat"
    assert Path(data["path"]).read_text("utf-8").rstrip().endswith("native-host %*")
    if system:
        assert str(manifest).startswith(str(tmp_path / "programdata"))


def test_linux_setup_writes_extension_launcher_and_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    result = setup("chromium", False, None, "linux", tmp_path / "user")
    manifest = json.loads(Path(result["host_manifest"]).read_text("utf-8"))
    assert result["host_manifest"].startswith(str(tmp_path / "user" / ".config" / "chromium"))
    assert manifest["name"] == HOST_NAME and manifest["type"] == "stdio"
    assert manifest["allowed_origins"] == [f"chrome-extension://{result['extension_id']}/"]
    launcher = Path(manifest["path"])
    assert launcher.stat().st_mode & stat.S_IXUSR
    assert "native-host" in launcher.read_text("utf-8")
    ext = Path(result["extension_dir"])
    assert json.loads((ext / "manifest.json").read_text("utf-8"))["manifest_version"] == 3
    assert '"chatgpt.com"' in (ext / "defaults.js").read_text("utf-8")


def test_firefox_manifest_names_the_gecko_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PASTEWARDEN_HOME", str(tmp_path / "home"))
    result = setup("firefox", False, None, "linux", tmp_path / "user")
    manifest = json.loads(Path(result["host_manifest"]).read_text("utf-8"))
    assert manifest["allowed_extensions"] == ["companion@pastewarden.example"]
    assert result["extension_id"] == "companion@pastewarden.example"


def test_the_fixed_chromium_id_follows_from_the_manifest_key() -> None:
    key = json.loads((resource_path().parent / "browser" / "manifest.chromium.json").read_text())
    assert chromium_id(key["key"]) == extension_id("chromium") == "jbndkgoamjpkfjefmpjdpbohgmgidadi"
