"""A stand-in AI chat site over HTTPS on loopback, for the browser companion tests.

Serves one page (a contenteditable prompt, a plain textarea and a form) for any host
name, with a self-signed certificate made at test time. The page's title carries no
brand. The page reports what it received (input, sends, drops, form posts) by POSTing
to /report, with the time from the Ctrl+V keydown to the input (bench/browser_bench.py).
The server keeps the reports in memory only, for the test to read.
"""

from __future__ import annotations

import datetime
import json
import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Drug interaction question</title>
<style>#prompt,#box{width:600px;min-height:80px;border:1px solid #888;margin:8px}</style>
</head><body>
<div id="prompt" contenteditable="true"></div>
<textarea id="box"></textarea>
<textarea id="notes"></textarea>
<form id="form" action="/form" method="post"><input id="line" name="line" type="text">
<button>Send</button></form>
<script>
function report(event, text, ms) {
  const body = JSON.stringify({event, text, host: location.host, ms});
  fetch("/report", {method: "POST", body});
}
let pasteKeyAt = null;  // the Ctrl+V keydown's time: input arrives `ms` later
const prompt = document.getElementById("prompt");
for (const el of [prompt, document.getElementById("box")]) {
  el.addEventListener("input", (e) => {
    const ms = pasteKeyAt === null ? null : e.timeStamp - pasteKeyAt;
    pasteKeyAt = null;
    report("input", el.value ?? el.innerText, ms);
  });
  el.addEventListener("paste", (e) => report("page_paste", e.clipboardData.getData("text/plain")));
  el.addEventListener("keydown", (e) => {
    if (e.ctrlKey && e.key === "v") pasteKeyAt = e.timeStamp;
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      report("send", el.value ?? el.innerText);
    }
  });
}
const notes = document.getElementById("notes");  // no Enter handler: Enter is a new line
notes.addEventListener("input", () => report("notes", notes.value));
document.addEventListener("drop", (e) => {
  const files = e.dataTransfer.files.length;
  report("page_drop", files ? `files:${files}` : e.dataTransfer.getData("text/plain"));
});
document.getElementById("form").addEventListener("submit", (e) => {
  e.preventDefault();
  report("form", document.getElementById("line").value);
});
new MutationObserver((changes) => {
  for (const change of changes) for (const node of change.addedNodes) {
    if (node.dataset && "pastewardenNotice" in node.dataset) {
      report("notice", node.shadowRoot ? node.shadowRoot.textContent : "");
    }
  }
}).observe(document.documentElement, {childList: true, subtree: true});
function rect(id) {
  const r = document.getElementById(id).getBoundingClientRect();
  return {x: r.x + 10, y: r.y + r.height / 2};
}
window.addEventListener("load", () => {
  prompt.focus();
  const top = window.outerHeight - window.innerHeight;
  const layout = {top, prompt: rect("prompt"), line: rect("line"), notes: rect("notes")};
  report("ready", JSON.stringify(layout));
});
</script></body></html>
"""


class Site:
    """The running server: `port`, `reports` (list of dicts) and `clear()`."""

    def __init__(self, folder: Path, hosts: list[str]) -> None:
        self.reports: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self.folder = folder
        cert, key = _self_signed(folder, hosts)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, report: dict[str, str]) -> None:
        with self._lock:
            self.reports.append(report)

    def snapshot(self) -> list[dict[str, str]]:
        with self._lock:
            return list(self.reports)

    def clear(self) -> None:
        with self._lock:
            self.reports.clear()

    def stop(self) -> None:
        self.server.shutdown()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            data = self.rfile.read(length)
            try:
                site.add(json.loads(data))
            except ValueError:
                site.add({"event": "unreadable", "text": data.decode("utf-8", "replace")})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def _self_signed(folder: Path, hosts: list[str]) -> tuple[Path, Path]:
    """A throw-away CA (ca.crt, for browsers that must trust it) and the site's cert."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "PasteWarden test CA")])
    ca = (
        _builder(ca_name, ca_name, ca_key, now)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hosts[0])])
    cert = (
        _builder(name, ca_name, key, now)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hosts]), False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (folder / "ca.crt").write_bytes(ca.public_bytes(pem))
    cert_path, key_path = folder / "site.crt", folder / "site.key"
    cert_path.write_bytes(cert.public_bytes(pem))
    key_path.write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def _builder(
    subject: x509.Name, issuer: x509.Name, key: ec.EllipticCurvePrivateKey, now: datetime.datetime
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
    )
