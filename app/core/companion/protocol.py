"""The browser companion's protocol and bookkeeping, pure Python (no Qt, no OS calls).

Messages from the extension (through `pastewarden native-host`):
- `{"type": "hello", "browser": "chromium", "version": "1.0.0"}` -> a `config` reply;
- `{"type": "url", "url": ...}`: the focused tab's address (kept in memory only);
- `{"type": "check", "id", "kind": "paste"|"drop"|"send", "url", "text"}` -> `verdict`;
- `{"type": "file", "id", "kind": "drop"|"attach", "url", "count"}` -> `verdict`.
Verdicts: `allow` (insert what the user pasted), `cancel` (insert nothing; `notice` says
why), `replace` (insert `text`: the de-identified copy). The tray pushes `config`
(`hosts` to guard, `files` policy) on hello and after every policy change.
Text and URLs pass through memory only; records keep the catalog domain, never the path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from policy.browsers import BROWSER_APPS
from policy.catalog import MatchedTool, effective_action, effective_tools
from policy.schema import Policy

CheckKind = Literal["paste", "drop", "send"]
FileKind = Literal["drop", "attach"]
Verdict = Literal["allow", "cancel", "replace"]
MAX_FIELD_CHARS = 2048  # urls, names and versions: anything longer is refused

ENFORCEMENT: dict[str, str] = {
    "paste": "browser_paste",
    "drop": "browser_paste",
    "send": "browser_send",
    "file": "browser_file",
}
# The extension says which browser it runs in; window matching knows browser families.
_FAMILY = {"chrome": "chrome", "chromium": "chrome", "edge": "edge", "firefox": "firefox"}
_PROCESS = {"chrome": "chrome", "chromium": "chromium", "edge": "msedge", "firefox": "firefox"}


class BadRequest(ValueError):
    """A message that does not follow the protocol; its text is PHI-free."""


@dataclass(frozen=True)
class Hello:
    browser: str
    version: str


@dataclass(frozen=True)
class UrlReport:
    url: str = field(repr=False)


@dataclass(frozen=True)
class CheckRequest:
    """Text the page is about to receive. `text` and `url` are memory-only."""

    id: int
    kind: CheckKind
    url: str = field(repr=False)
    text: str = field(repr=False)


@dataclass(frozen=True)
class FileRequest:
    """Files dropped or attached on a page: only how many, never their names."""

    id: int
    kind: FileKind
    url: str = field(repr=False)
    count: int


Request = Hello | UrlReport | CheckRequest | FileRequest


def parse_request(message: dict[str, object]) -> Request:
    """A validated request; BadRequest for anything else."""
    kind = message.get("type")
    if kind == "hello":
        browser = _short(message, "browser").lower()
        if browser not in _FAMILY:
            raise BadRequest("unknown browser")
        return Hello(browser, _short(message, "version"))
    if kind == "url":
        return UrlReport(_short(message, "url"))
    if kind == "check":
        text = message.get("text")
        check_kind = message.get("kind")
        if not isinstance(text, str) or check_kind not in ("paste", "drop", "send"):
            raise BadRequest("check needs text and kind paste, drop or send")
        return CheckRequest(_id(message), check_kind, _short(message, "url"), text)
    if kind == "file":
        count, file_kind = message.get("count"), message.get("kind")
        if not isinstance(count, int) or count < 1 or file_kind not in ("drop", "attach"):
            raise BadRequest("file needs a positive count and kind drop or attach")
        return FileRequest(_id(message), file_kind, _short(message, "url"), count)
    raise BadRequest("unknown message type")


def _short(message: dict[str, object], key: str) -> str:
    value = message.get(key)
    if not isinstance(value, str) or len(value) > MAX_FIELD_CHARS:
        raise BadRequest(f"{key} must be a string of at most {MAX_FIELD_CHARS} characters")
    return value


def _id(message: dict[str, object]) -> int:
    value = message.get("id")
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadRequest("id must be an integer")
    return value


def verdict(request_id: int, answer: Verdict, text: str | None = None, notice: str = "") -> dict:
    """The reply to a check or file request."""
    reply: dict[str, object] = {"type": "verdict", "id": request_id, "verdict": answer}
    if text is not None:
        reply["text"] = text
    if notice:
        reply["notice"] = notice
    return reply


def guarded_hosts(policy: Policy) -> list[str]:
    """Hosts whose pages the extension must guard: tools whose action is not `allow`."""
    hosts: set[str] = set()
    today = datetime.now(UTC).date()
    for tool in effective_tools(policy):
        if effective_action(tool, policy, today) == "allow":
            continue
        hosts.update(rule.partition("/")[0] for rule in tool.match.domains)
    return sorted(hosts)


def config_message(policy: Policy, files: str) -> dict[str, object]:
    """What the tray pushes to every companion: hosts to guard and the file policy."""
    return {"type": "config", "hosts": guarded_hosts(policy), "files": files}


def guards(tool: MatchedTool | None) -> bool:
    """True when pasting into this tool must be checked."""
    return tool is not None and tool.action != "allow"


def family(browser: str) -> str:
    """The policy.browsers family of a companion's browser name."""
    return _FAMILY.get(browser, browser)


def process_name(browser: str) -> str:
    """The process name a record carries for this browser (never a path)."""
    return _PROCESS.get(browser, browser)


def is_family_app(app_key: str, browser: str) -> bool:
    """True when a window's normalised app name belongs to this companion's browser."""
    return app_key in BROWSER_APPS.get(family(browser), frozenset())


@dataclass
class Companion:
    """One connected (or lately connected) extension; PHI-free."""

    browser: str
    version: str
    connected: bool = True
    last_seen: str = ""
    checks: int = 0  # paste, drop, send and file checks answered (a count, nothing else)


class Companions:
    """Companions by connection; `summary()` is what `status --json` shows."""

    def __init__(self) -> None:
        self._by_connection: dict[int, Companion] = {}

    def hello(self, connection: int, hello: Hello, now: datetime) -> Companion:
        companion = Companion(hello.browser, hello.version, True, _stamp(now))
        self._by_connection[connection] = companion
        return companion

    def seen(self, connection: int, now: datetime) -> None:
        if (companion := self._by_connection.get(connection)) is not None:
            companion.last_seen = _stamp(now)

    def checked(self, connection: int) -> None:
        if (companion := self._by_connection.get(connection)) is not None:
            companion.checks += 1

    def lost(self, connection: int, now: datetime) -> Companion | None:
        companion = self._by_connection.get(connection)
        if companion is not None and companion.connected:
            companion.connected, companion.last_seen = False, _stamp(now)
            return companion
        return None

    def connected_families(self) -> set[str]:
        return {family(c.browser) for c in self._by_connection.values() if c.connected}

    def summary(self) -> list[dict[str, object]]:
        """One entry per browser, the connected one preferred."""
        best: dict[str, Companion] = {}
        for companion in self._by_connection.values():
            known = best.get(companion.browser)
            if known is None or (companion.connected, companion.last_seen) >= (
                known.connected,
                known.last_seen,
            ):
                best[companion.browser] = companion
        return [
            {"browser": c.browser, "version": c.version, "connected": c.connected,
             "last_seen": c.last_seen, "checks": c.checks}
            for c in sorted(best.values(), key=lambda c: c.browser)
        ]  # fmt: skip


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
