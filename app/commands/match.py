"""`pastewarden match`: which catalog tool, and which action, a window gets under the policy."""

from __future__ import annotations

import argparse
import json
import sys

from app.core.models import ForegroundWindow
from policy.catalog import MatchedTool, ToolCatalog
from policy.loader import load_policy
from policy.locations import default_locations


def run_match(args: argparse.Namespace) -> int:
    """Print the match for --title/--app/--url; exit 0 whatever the answer."""
    window = ForegroundWindow(app=args.app or "", title=args.title, url=args.url)
    loaded = load_policy(default_locations(args.policy))
    for problem in loaded.errors:
        print(f"pastewarden match: policy problem: {problem}", file=sys.stderr)
    matched = ToolCatalog(loaded.policy).match(window.app, window.title, window.url)
    if args.json:
        print(json.dumps(match_json(matched)))
    else:
        print(_human(matched, loaded.source))
    return 0


def match_json(matched: MatchedTool | None) -> dict[str, object]:
    """The DESIGN.md §3 shape: {"tool": {"id","name","category"} or null, "action"}."""
    if matched is None:
        return {"tool": None, "action": "allow"}
    tool = {"id": matched.id, "name": matched.name, "category": matched.category}
    return {"tool": tool, "action": matched.action}


def _human(matched: MatchedTool | None, source: str) -> str:
    if matched is None:
        return f"no AI tool matched: allow (policy: {source})"
    return (
        f"{matched.name} [{matched.id}, {matched.category}]: {matched.action} "
        f"(matched by {matched.via}; policy: {source})"
    )
