"""Argument parsing for every `pastewarden` command; the work is done in app.commands.

Exit codes follow ../shared/DESIGN.md §3: 0 clean/ok, 1 PHI found, 2 error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    parser = argparse.ArgumentParser(
        prog="pastewarden",
        description="Warns before protected health information is pasted into consumer AI tools.",
    )
    parser.add_argument("--version", action="version", version=f"pastewarden {__version__}")
    commands = parser.add_subparsers(dest="command")
    _add_run(commands)
    _add_scan(commands)
    return parser


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("run", help="start the tray app")
    run.add_argument("--policy", help="policy file to use instead of the managed location")


def _add_scan(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    scan = commands.add_parser(
        "scan",
        help="scan text for PHI (exit 0 clean, 1 PHI, 2 error)",
        description="Scan a file, standard input or the clipboard for PHI. "
        "Output shows identifier types, positions and masked previews, never a full value.",
    )
    scan.add_argument("file", nargs="?", default="-", help="file to scan, or - for stdin")
    source = scan.add_mutually_exclusive_group()
    source.add_argument("--clipboard", action="store_true", help="scan the clipboard now")
    source.add_argument(
        "--jsonl",
        action="store_true",
        help='batch: stdin lines {"id","text"} -> stdout lines {"id","phi","findings"}',
    )
    scan.add_argument("--json", action="store_true", help="machine-readable output")
    scan.add_argument(
        "--budget",
        type=float,
        default=None,
        metavar="SECONDS",
        help="time budget per text (default: 1.5 interactive, 30 for --jsonl)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pastewarden` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "scan":
        from app.commands.scan import run_scan

        return run_scan(args)
    from app.commands.run import run_tray

    return run_tray(args)


if __name__ == "__main__":
    sys.exit(main())
