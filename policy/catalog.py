"""Which AI tool a window is, if any: (app, title, url) -> MatchedTool | None.

Evidence, strongest first:
1. the app is the tool's own desktop app (ChatGPT.exe, com.anthropic.claudefordesktop);
2. the browser's URL, when the backend could read it: it then decides alone, so a
   Google results page about ChatGPT is not ChatGPT;
3. otherwise the page title, but only in a browser (or an installed web app) and only
   after the browser's decorations are stripped (policy.browsers).
When several tools fit, the most specific rule wins (a browser-profile rule over a
plain one, a longer domain or path over a shorter one); on a tie the strictest action
wins, so an ambiguous window is never let through more easily than it should be.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

import regex

from policy.browsers import is_browser, normalize_app, page_title
from policy.paths import resource_path
from policy.schema import ACTION_SEVERITY, Action, Catalog, Policy, Tool
from policy.validate import parse_catalog

Via = Literal["app", "url", "title"]
_TITLE_TIMEOUT_S = 0.05


@dataclass(frozen=True)
class MatchedTool:
    """A window recognised as an AI tool, and what the policy does with PHI pasted there."""

    id: str
    name: str
    category: str
    action: Action
    via: Via
    domain: str | None = None  # the catalog host that matched; never the page's URL path


@dataclass(frozen=True)
class _Entry:
    tool: Tool
    action: Action
    profiles: frozenset[str]

    def rank(self, profile: str | None, *extra: int) -> tuple[int, ...] | None:
        """Sort key (higher wins), or None when the entry's profile rule excludes it."""
        if self.profiles and (profile is None or profile.casefold() not in self.profiles):
            return None
        return (1 if self.profiles else 0, *extra, ACTION_SEVERITY[self.action])


@functools.lru_cache(maxsize=1)
def builtin_catalog() -> Catalog:
    """resources/ai_tools.json, validated (a broken file is a packaging bug: it raises)."""
    path = resource_path("ai_tools.json")
    return parse_catalog(path.read_bytes(), str(path))


def effective_tools(policy: Policy) -> list[Tool]:
    """The built-in catalog (unless switched off) with the policy's tools replacing by id."""
    own = {tool.id: tool for tool in policy.tools}
    base = builtin_catalog().tools if policy.use_builtin_catalog else []
    merged = [own.pop(tool.id, tool) for tool in base]
    return merged + [tool for tool in policy.tools if tool.id in own]


def effective_action(tool: Tool, policy: Policy, today: date) -> Action:
    """The tool's own action, else its category default; an expired BAA counts as none."""
    expired = tool.baa is not None and tool.baa.expires is not None and tool.baa.expires < today
    if tool.category == "approved_baa" and expired:
        return policy.defaults.consumer_ai
    if tool.action is not None:
        return tool.action
    action: Action = getattr(policy.defaults, tool.category)
    return action


class ToolCatalog:
    """The policy's tools, indexed for matching many windows quickly."""

    def __init__(self, policy: Policy, today: date | None = None) -> None:
        day = today or date.today()
        self._by_app: dict[str, list[_Entry]] = {}
        self._by_host: dict[str, list[tuple[str, _Entry]]] = {}
        self._titles: list[tuple[regex.Pattern[str], _Entry]] = []
        profiles = set(policy.defaults.browser_profiles)
        for tool in effective_tools(policy):
            action = effective_action(tool, policy, day)
            entry = _Entry(tool, action, _folded(tool.match.browser_profiles))
            profiles.update(tool.match.browser_profiles)
            self._index(entry)
        self._profiles = tuple(profiles)

    def _index(self, entry: _Entry) -> None:
        for app in entry.tool.match.apps:
            self._by_app.setdefault(normalize_app(app), []).append(entry)
        for rule in entry.tool.match.domains:
            host, _, path = rule.partition("/")
            self._by_host.setdefault(host, []).append(("/" + path if path else "", entry))
        for pattern in entry.tool.match.titles:
            self._titles.append((regex.compile(pattern, regex.IGNORECASE), entry))

    def match(self, app: str | None, title: str, url: str | None = None) -> MatchedTool | None:
        """The AI tool this window is, or None."""
        app_key = normalize_app(app)
        page = page_title(title or "", self._profiles)
        if app_key in self._by_app:
            ranked = [(e.rank(None) or (0,), e) for e in self._by_app[app_key]]
            return _best(ranked, "app")
        if url and (parsed := _split_url(url)) is not None:
            return self._match_url(*parsed, page.profile)
        if is_browser(app_key) or (not app_key and page.had_browser_suffix):
            return self._match_title(page.page, page.profile)
        return None

    def _match_url(self, host: str, path: str, profile: str | None) -> MatchedTool | None:
        ranked = []
        labels = host.split(".")
        for start in range(len(labels) - 1):
            suffix = ".".join(labels[start:])
            for prefix, entry in self._by_host.get(suffix, ()):
                if _path_matches(path, prefix):
                    rank = entry.rank(profile, len(suffix), len(prefix))
                    if rank is not None:
                        ranked.append((rank, entry, suffix))
        if not ranked:
            return None
        rank, entry, domain = max(ranked, key=lambda item: item[0])
        return _result(entry, "url", domain)

    def _match_title(self, page: str, profile: str | None) -> MatchedTool | None:
        ranked = []
        for pattern, entry in self._titles:
            rank = entry.rank(profile)
            if rank is None:
                continue
            try:
                found = pattern.search(page, timeout=_TITLE_TIMEOUT_S)
            except TimeoutError:  # checked at load time; still never hang on a title
                continue
            if found:
                ranked.append((rank, entry))
        return _best(ranked, "title")


def _folded(names: Iterable[str]) -> frozenset[str]:
    return frozenset(name.casefold() for name in names)


def _best(ranked: list[tuple[tuple[int, ...], _Entry]], via: Via) -> MatchedTool | None:
    if not ranked:
        return None
    return _result(max(ranked, key=lambda item: item[0])[1], via, None)


def _result(entry: _Entry, via: Via, domain: str | None) -> MatchedTool:
    tool = entry.tool
    return MatchedTool(tool.id, tool.name, tool.category, entry.action, via, domain)


def _split_url(url: str) -> tuple[str, str] | None:
    """(host, path) of an http(s) URL; ('', '') for other schemes; None if unreadable."""
    text = url.strip()
    if "://" not in text and not text.startswith(("about:", "data:", "javascript:", "blob:")):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return ("", "")  # chrome://newtab, file:, about:blank: known, and not an AI tool
    return host, parts.path or "/"


def _path_matches(path: str, prefix: str) -> bool:
    if not prefix:
        return True
    path, prefix = path.casefold(), prefix.casefold().rstrip("/")
    return path == prefix or path.startswith(prefix + "/")
