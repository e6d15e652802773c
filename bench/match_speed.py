"""Window matching speed: 1,000 windows against the full built-in catalog.

Matching runs on every foreground-window change, before any scan, so it must be cheap
(target: p95 <= 1 ms per window). The windows are generated deterministically from
realistic shapes: browser titles with and without URL, desktop apps, Edge profiles,
and ordinary non-AI windows (about half). Prints a markdown table; never asserts.

    .venv/bin/python bench/match_speed.py [--windows N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deadline import add_deadline, run_bench, step

from policy.catalog import ToolCatalog
from policy.loader import load_policy
from policy.locations import PolicyLocations

Window = tuple[str, str, "str | None", str]  # app, title, url, kind
BROWSERS = [
    ("chrome.exe", " - Google Chrome"),
    ("msedge.exe", " - Personal - Microsoft\u200b Edge"),
    ("firefox.exe", " — Mozilla Firefox"),
    ("com.google.Chrome", ""),
    ("com.apple.Safari", ""),
    ("brave.exe", " - Brave"),
]
AI_TITLES = ["ChatGPT", "Claude", "Gemini", "Perplexity", "Grok", "Meta AI", "DeepSeek", "Poe"]
AI_URLS = [
    "https://chatgpt.com/c/{n}",
    "https://claude.ai/chat/{n}",
    "https://x.com/i/grok?c={n}",
    "https://gemini.google.com/app/{n}",
    "https://huggingface.co/chat/conversation/{n}",
]
APPS = ["ChatGPT.exe", "com.openai.chat", "claude.exe", "mscopilot.exe", "ai.perplexity.mac"]
OTHER = [
    ("OUTLOOK.EXE", "RE: ChatGPT policy - Message (HTML)"),
    ("WINWORD.EXE", "Referral letter {n}.docx - Word"),
    ("ms-teams.exe", "Chat | Team | Microsoft Teams"),
    ("Code.exe", "chatgpt-notes.txt - Visual Studio Code"),
    ("Hyperdrive.exe", "Hyperdrive - PRD"),
]
OTHER_PAGES = [
    "chatgpt - Google Search",
    "Inbox (3) - frontdesk@clinic.example - Gmail",
    "athenaOne",
    "Claude Monet - Wikipedia",
    "Patient portal | Riverside Clinic",
]


def make_windows(count: int, seed: int = 7) -> list[Window]:
    """A deterministic mix of AI and non-AI windows."""
    rng = random.Random(seed)
    windows: list[Window] = []
    for n in range(count):
        app, suffix = rng.choice(BROWSERS)
        kind = rng.choice(["title", "url", "app", "other_app", "other_page"])
        if kind == "title":
            windows.append((app, rng.choice(AI_TITLES) + suffix, None, kind))
        elif kind == "url":
            url = rng.choice(AI_URLS).format(n=n)
            windows.append((app, f"Conversation {n}{suffix}", url, kind))
        elif kind == "app":
            windows.append((rng.choice(APPS), f"Chat {n}", None, kind))
        elif kind == "other_app":
            other, title = rng.choice(OTHER)
            windows.append((other, title.format(n=n), None, kind))
        else:
            windows.append((app, rng.choice(OTHER_PAGES) + suffix, None, kind))
    return windows


def _builtin_catalog() -> tuple[ToolCatalog, float]:
    nowhere = Path("/nonexistent-pastewarden")
    locations = PolicyLocations(nowhere / "policy.json", None, (), _resource("default_policy.json"))
    start = time.perf_counter()
    loaded = load_policy(locations)
    catalog = ToolCatalog(loaded.policy)
    return catalog, (time.perf_counter() - start) * 1000


def _resource(name: str) -> Path:
    from policy.paths import resource_path

    return resource_path(name)


def measure(catalog: ToolCatalog, windows: list[Window], rounds: int) -> dict[str, list[float]]:
    """Microseconds per window, by kind (best of `rounds` per window, to cut scheduler noise)."""
    by_kind: dict[str, list[float]] = {}
    for app, title, url, kind in windows:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter_ns()
            catalog.match(app, title, url)
            best = min(best, (time.perf_counter_ns() - start) / 1000)
        by_kind.setdefault(kind, []).append(best)
        by_kind.setdefault("all", []).append(best)
    return by_kind


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(by_kind: dict[str, list[float]], build_ms: float, matched: int, total: int) -> str:
    lines = [
        f"catalog load + index: {build_ms:.1f} ms; windows: {total}; matched an AI tool: {matched}",
        "",
        "| windows | n | p50 µs | p95 µs | p99 µs | max µs | mean µs |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in ["all", "title", "url", "app", "other_page", "other_app"]:
        values = by_kind.get(kind, [])
        if values:
            lines.append(
                f"| {kind} | {len(values)} | {_pct(values, 0.5):.1f} | {_pct(values, 0.95):.1f} "
                f"| {_pct(values, 0.99):.1f} | {max(values):.1f} | {statistics.mean(values):.1f} |"
            )
    lines.append("")
    p95_ms = _pct(by_kind["all"], 0.95) / 1000
    lines.append(f"p95 per window: {p95_ms:.3f} ms (target <= 1 ms)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", help="also save the numbers here")
    add_deadline(parser, 300)
    args = parser.parse_args()
    return run_bench(lambda: _bench(args), "bench/match_speed.py", args.deadline)


def _bench(args: argparse.Namespace) -> int:
    step("matching windows")
    catalog, build_ms = _builtin_catalog()
    windows = make_windows(args.windows)
    matched = sum(catalog.match(a, t, u) is not None for a, t, u, _ in windows)
    by_kind = measure(catalog, windows, args.rounds)
    print(report(by_kind, build_ms, matched, len(windows)))
    if args.json:
        summary = {k: {"n": len(v), "p95_us": _pct(v, 0.95)} for k, v in by_kind.items()}
        Path(args.json).write_text(json.dumps({"build_ms": build_ms, **summary}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
