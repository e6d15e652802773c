"""`pastewarden policy fetch`: download a signed policy over HTTPS into the managed folder.

Off unless IT configures it: the Windows MSI runs it once at install and a daily
scheduled task runs it when POLICY_URL was given (install.ini's PolicyUrl); on other
OSes IT schedules it themselves. Each run:
1. refuses anything but `https://` (and redirects away from https);
2. downloads URL and URL + ".sig", each size-bounded, with a timeout;
3. parses the policy (the loader's own rules) and verifies the Ed25519 signature with
   the trusted keys already installed (managed folder or program resources); no trusted
   key installed means no fetch, because an unsigned download could be anyone's;
4. refuses a version older than the managed policy in place (anti-rollback);
5. writes policy.json.sig, then policy.json, each atomically (temp file, fsync, rename).
Any failure leaves the current policy untouched. Between the two renames the loader may
see the new signature with the old policy: it then falls back to the last-known-good
copy (the same old policy) until policy.json lands a moment later.
Tests use a loopback HTTPS server with a self-signed certificate (`ca_file`).
"""

from __future__ import annotations

import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from policy.locations import POLICY_NAME, PolicyLocations, signature_path
from policy.problems import PolicyError
from policy.signing import SigningError, load_public_key, verify_any
from policy.state import write_atomically
from policy.validate import MAX_BYTES, parse_policy, read_policy_bytes

MAX_SIG_BYTES = 4 * 1024
TIMEOUT_S = 30.0


class FetchError(Exception):
    """The fetch failed; the current policy was kept. The message says why (no secrets)."""


@dataclass(frozen=True)
class FetchResult:
    """What a successful fetch did."""

    version: int
    path: Path
    changed: bool


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to https: a downgrade would expose the download."""

    def redirect_request(self, req: Any, fp: IO[bytes], code: int, msg: str, headers: Any,
                         newurl: str) -> Any:  # fmt: skip
        if not newurl.lower().startswith("https://"):
            raise FetchError(f"refusing a redirect away from https ({code})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(
    url: str, limit: int, ca_file: Path | None = None, timeout: float = TIMEOUT_S
) -> bytes:
    """GET `url` (https only), at most `limit` bytes, else FetchError."""
    if not url.lower().startswith("https://"):
        raise FetchError(f"only https:// URLs are allowed: {url}")
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=context), _HttpsOnlyRedirects()
    )
    try:
        with opener.open(urllib.request.Request(url), timeout=timeout) as response:
            data: bytes = response.read(limit + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FetchError(f"cannot download {url}: {getattr(error, 'reason', error)}") from error
    if len(data) > limit:
        raise FetchError(f"{url} is larger than {limit // 1024} KiB")
    return data


def _verify(raw: bytes, sig: bytes, where: PolicyLocations) -> None:
    keys = [load_public_key(path) for path in where.trusted_keys if path.exists()]
    if not keys:
        looked = ", ".join(str(path) for path in where.trusted_keys)
        raise FetchError(f"no trusted public key installed ({looked}): refusing to fetch")
    try:
        verify_any(raw, sig, keys)
    except SigningError as failure:
        raise FetchError(f"signature check failed: {failure}") from failure


def _installed_version(path: Path) -> int:
    """The version of the managed policy in place; 0 when none or unreadable."""
    try:
        return parse_policy(read_policy_bytes(path), str(path)).policy.version
    except PolicyError:
        return 0


def _same(path: Path, data: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def fetch_policy(url: str, where: PolicyLocations, ca_file: Path | None = None) -> FetchResult:
    """Download, check and install the policy at `url` into `where.managed`'s folder."""
    raw = download(url, MAX_BYTES, ca_file)
    sig = download(url + ".sig", MAX_SIG_BYTES, ca_file)
    try:
        policy = parse_policy(raw, url).policy
        _verify(raw, sig, where)
    except (PolicyError, SigningError) as error:
        problems = getattr(error, "problems", None) or [error]
        raise FetchError("; ".join(str(problem) for problem in problems)) from error
    target = where.managed.parent / POLICY_NAME
    installed = _installed_version(target)
    if policy.version < installed:
        raise FetchError(f"version {policy.version} is older than installed {installed}")
    if _same(target, raw) and _same(signature_path(target), sig):
        return FetchResult(policy.version, target, changed=False)
    target.parent.mkdir(parents=True, exist_ok=True)
    # 0o644: every user's tray reads the managed policy, like IT's own copy.
    write_atomically(signature_path(target), sig, mode=0o644)
    write_atomically(target, raw, mode=0o644)
    return FetchResult(policy.version, target, changed=True)
