"""Argument parsing for every `pastewarden` command; the work is done in app.commands.

Exit codes: 0 clean/ok, 1 PHI found, 2 error or invalid (each command documents its own
further codes). A reader that goes away early (`pastewarden policy show | head`) ends the
command quietly with 141, the shell's code for a closed pipe, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from app import __version__
from app.cli_office import (
    add_audit,
    add_incidents,
    add_report_writer,
    add_review,
    run_review_command,
)

EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a closed pipe


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
    _add_match(commands)
    _add_policy(commands)
    add_incidents(commands)
    _add_sync(commands)
    _add_deployment(commands)
    add_review(commands)
    add_audit(commands)
    _add_browser(commands)
    add_report_writer(commands)
    return parser


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser("run", help="start the tray app")
    run.add_argument("--policy", help="policy file to use instead of the managed location")
    run.add_argument(
        "--status",
        action="store_true",
        help="print the running tray's status as JSON (exit 1 when none is running)",
    )


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


def _add_match(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    match = commands.add_parser(
        "match",
        help="which AI tool and action a window gets under the policy",
        description="Match a window (title, app, URL) against the policy's AI tool catalog.",
    )
    match.add_argument("--title", required=True, help="the window title")
    match.add_argument("--app", help="exe name, macOS bundle id or Linux process name")
    match.add_argument("--url", help="the browser's URL, when known (it decides over the title)")
    match.add_argument("--json", action="store_true", help='{"tool": {...} or null, "action"}')
    match.add_argument("--policy", help="policy file to use instead of the managed location")


def _add_policy(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    policy = commands.add_parser(
        "policy",
        help="validate, show, sign and fetch the IT policy (exit 0 ok, 2 invalid)",
        description="Tools for the IT policy file; see docs/policy.md.",
    )
    actions = policy.add_subparsers(dest="policy_action", required=True)
    validate = actions.add_parser("validate", help="check a policy file")
    validate.add_argument("file", help="policy file to check")
    validate.add_argument("--pub", help="also verify FILE.sig with this public key")
    show = actions.add_parser("show", help="print the policy in force, its source and state")
    show.add_argument("--policy", help="policy file to use instead of the managed location")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    keygen = actions.add_parser("keygen", help="make an Ed25519 signing key pair")
    keygen.add_argument("--dir", default=".", help="folder for the two key files (default: .)")
    sign = actions.add_parser("sign", help="write FILE.sig, a detached signature")
    sign.add_argument("file", help="policy file to sign (it must validate)")
    sign.add_argument("--key", required=True, help="the private key from `policy keygen`")
    fetch = actions.add_parser(
        "fetch",
        help="download a signed policy over https into the managed folder",
        description="Download URL and URL.sig (https only), verify the signature with the "
        "installed trusted key and replace the managed policy; any failure keeps it.",
    )
    fetch.add_argument("url", nargs="?", help="https URL (default: install.ini's PolicyUrl)")
    fetch.add_argument("--ca-file", help="trust only this CA bundle (PEM) for the download")
    fetch.add_argument("--dir", help="managed folder to install into (default: this OS's)")


def _add_sync(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = commands.add_parser(
        "sync",
        help="one pass to the central folder and syslog receiver now (exit 0, 4 records pending)",
    )
    sync.add_argument("--central", metavar="FOLDER", help="instead of the policy's central.folder")
    sync.add_argument("--policy", help="policy file to use instead of the managed location")


def _add_deployment(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """self-test, status and autostart: what IT runs after an install (docs/deploy.md)."""
    test = commands.add_parser(
        "self-test", help="check that this installation can protect (exit 0 all checks pass)"
    )
    test.add_argument("--policy", help="policy file to use instead of the managed location")
    test.add_argument(
        "--allow-memory-keyring",
        action="store_true",
        help="pass even when no secure keyring exists (the chain key is then memory-only)",
    )
    test.add_argument(
        "--allow-limited-window",
        action="store_true",
        help="pass even when window titles cannot be read (build machines without a desktop)",
    )
    test.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    status = commands.add_parser(
        "status", help="is this workstation protected, and why not (exit 0 protected, 1 not)"
    )
    status.add_argument("--policy", help="policy file to use instead of the managed location")
    status.add_argument("--json", action="store_true", help="print JSON")
    autostart = commands.add_parser("autostart", help="start the tray at this user's login")
    autostart.add_argument(
        "action",
        choices=("enable", "disable", "status", "machine-enable", "machine-disable"),
        help="machine-*: the Windows MSI's per-machine scheduled tasks (run as SYSTEM)",
    )


def _run_deployment(args: argparse.Namespace) -> int:
    if args.command == "self-test":
        from app.commands.selftest import run_self_test

        return run_self_test(args)
    if args.command == "status":
        from app.commands.status_cmd import run_status

        return run_status(args)
    from app.commands.autostart_cmd import run_autostart

    return run_autostart(args)


def _add_browser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The browser companion: registration, and the host the browser starts."""
    browser = commands.add_parser("browser", help="set up the browser companion extension")
    actions = browser.add_subparsers(dest="browser_action", required=True)
    setup = actions.add_parser(
        "setup",
        help="build the extension and register its native-messaging host",
        description="Writes the extension folder and the host manifest where the browser "
        "looks (see docs/browser.md).",
    )
    setup.add_argument(
        "--browser",
        required=True,
        action="append",
        choices=("chrome", "edge", "chromium", "firefox"),
        help="repeat for several browsers (installers register chrome, edge and firefox)",
    )
    setup.add_argument("--user-data-dir", help="register inside this Chromium profile folder")
    setup.add_argument("--system", action="store_true", help="for every user (needs admin)")
    setup.add_argument("--json", action="store_true", help="print the result as JSON")
    host = commands.add_parser(
        "native-host", help="the companion's native-messaging host (started by the browser)"
    )
    host.add_argument("caller", nargs="*", help="what the browser passes (ignored)")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `pastewarden` console script."""
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["native-host"]:  # browsers append their own arguments (origin, window)
        from app.commands.native_host import run_native_host

        return run_native_host()  # stdout is the browser's channel: no pipe handling here
    try:
        code = _dispatch(build_parser().parse_args(given))
        sys.stdout.flush()  # a closed pipe shows up here at the latest, not at exit
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_CLOSED_PIPE
    return code


def _drop_stdout() -> None:
    """Point stdout at /dev/null so Python's own flush at exit cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass
    finally:
        os.close(devnull)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the chosen command; its exit code."""
    if args.command == "scan":
        from app.commands.scan import run_scan

        return run_scan(args)
    if args.command == "match":
        from app.commands.match import run_match

        return run_match(args)
    if args.command == "policy":
        from app.commands.policy_cmd import run_policy

        return run_policy(args)
    if args.command == "incidents":
        from app.commands.incidents import run_incidents

        return run_incidents(args)
    if args.command == "sync":
        from app.commands.sync_cmd import run_sync

        return run_sync(args)
    if args.command in ("review", "report-writer"):
        return run_review_command(args)
    if args.command == "audit":
        from app.commands.audit_cmd import run_audit

        return run_audit(args)
    if args.command == "browser":
        from app.commands.browser_cmd import run_browser

        return run_browser(args)
    if args.command in ("self-test", "status", "autostart"):
        return _run_deployment(args)
    from app.commands.run import run_tray

    return run_tray(args)


if __name__ == "__main__":
    sys.exit(main())
