"""`pastewarden policy fetch` against a loopback HTTPS server with a self-signed certificate
(passed with --ca-file): a signed policy is installed, anything doubtful keeps the old one."""

from __future__ import annotations

import datetime
import ipaddress
import json
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.cli import main
from policy.loader import load_policy
from policy.locations import PolicyLocations, read_install_settings
from policy.signing import generate_keypair, sign
from policy.state import PolicyState

ROOT = Path(__file__).resolve().parents[3]
POLICY = {"schema": "pastewarden.policy/1", "version": 3, "organization": {"name": "Clinic"}}


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (it is its own CA)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class Site:
    """What the server serves: path -> body, or path -> ("redirect", location)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes | tuple[str, str]] = {}
        self.base = ""
        self.ca = Path()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    served = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's method name
            entry = served.files.get(self.path)
            if isinstance(entry, tuple):
                self.send_response(302)
                self.send_header("Location", entry[1])
                self.end_headers()
                return
            self.send_response(200 if entry is not None else 404)
            self.end_headers()
            self.wfile.write(entry or b"")

        def log_message(self, *_args: object) -> None:
            return

    cert, key = _certificate(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.base, served.ca = f"https://127.0.0.1:{server.server_address[1]}", cert
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture
def managed(tmp_path: Path) -> tuple[Path, Path]:
    """A managed folder holding the trusted public key, and the IT private key."""
    folder = tmp_path / "managed"
    folder.mkdir()
    generate_keypair(tmp_path / "it.key", folder / "policy.pub")
    return folder, tmp_path / "it.key"


def _publish(site: Site, key: Path, tmp_path: Path, policy: dict[str, object]) -> str:
    raw = json.dumps(policy).encode()
    site.files["/p/policy.json"] = raw
    site.files["/p/policy.json.sig"] = sign(raw, key)
    return f"{site.base}/p/policy.json"


def _fetch(url: str, site: Site, folder: Path) -> int:
    return main(["policy", "fetch", url, "--ca-file", str(site.ca), "--dir", str(folder)])


def test_a_signed_policy_is_installed_and_then_loaded_as_verified(
    site: Site, managed: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, key = managed
    url = _publish(site, key, tmp_path, POLICY)
    assert _fetch(url, site, folder) == 0
    assert json.loads((folder / "policy.json").read_bytes())["version"] == 3
    where = PolicyLocations(folder / "policy.json", None, (folder / "policy.pub",), Path("/x"))
    loaded = load_policy(where, PolicyState(tmp_path / "state"))
    assert loaded.source == "managed" and loaded.signature == "verified"
    assert _fetch(url, site, folder) == 0  # unchanged: nothing rewritten


def test_a_bad_signature_keeps_the_current_policy(
    site: Site, managed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, key = managed
    (folder / "policy.json").write_text("current")
    url = _publish(site, key, tmp_path, POLICY)
    site.files["/p/policy.json"] = json.dumps({**POLICY, "version": 4}).encode()  # tampered
    assert _fetch(url, site, folder) == 2
    assert "signature" in capsys.readouterr().err
    assert (folder / "policy.json").read_text() == "current"
    assert not (folder / "policy.json.sig").exists()


def test_without_a_trusted_key_nothing_is_fetched(
    site: Site, managed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, key = managed
    url = _publish(site, key, tmp_path, POLICY)
    (folder / "policy.pub").unlink()
    assert _fetch(url, site, folder) == 2
    assert "no trusted public key" in capsys.readouterr().err
    assert not (folder / "policy.json").exists()


def test_an_older_version_is_refused(
    site: Site, managed: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, key = managed
    (folder / "policy.json").write_text(json.dumps({**POLICY, "version": 9}))
    url = _publish(site, key, tmp_path, POLICY)
    assert _fetch(url, site, folder) == 2
    assert json.loads((folder / "policy.json").read_text())["version"] == 9


def test_plain_http_and_redirects_to_http_are_refused(
    site: Site, managed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, key = managed
    _publish(site, key, tmp_path, POLICY)
    assert _fetch("http://127.0.0.1:9/p/policy.json", site, folder) == 2
    site.files["/moved.json"] = ("redirect", "http://127.0.0.1:9/p/policy.json")
    assert _fetch(f"{site.base}/moved.json", site, folder) == 2
    err = capsys.readouterr().err
    assert "only https" in err and "redirect away from https" in err
    assert not (folder / "policy.json").exists()


def test_an_untrusted_certificate_and_an_oversized_file_are_refused(
    site: Site, managed: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, key = managed
    url = _publish(site, key, tmp_path, POLICY)
    assert main(["policy", "fetch", url, "--dir", str(folder)]) == 2  # system CAs only
    site.files["/p/policy.json"] = b" " * (1024 * 1024 + 1)
    assert _fetch(url, site, folder) == 2
    assert not (folder / "policy.json").exists()


def test_without_a_url_it_uses_install_ini_and_is_off_when_none(
    site: Site, managed: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, key = managed
    assert main(["policy", "fetch", "--dir", str(folder)]) == 2  # off by default
    url = _publish(site, key, tmp_path, POLICY)
    (folder / "install.ini").write_text(f"[PasteWarden]\nPolicyUrl={url}\n")
    assert read_install_settings(folder).policy_url == url
    assert main(["policy", "fetch", "--ca-file", str(site.ca), "--dir", str(folder)]) == 0
    assert (folder / "policy.json").exists()
