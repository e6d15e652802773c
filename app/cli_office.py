"""The office manager's commands for `pastewarden`: incidents, audit, review, and the
review window's hidden report writer. Parsing only; app.cli dispatches them and the
work is done in app.commands."""

from __future__ import annotations

import argparse

from app.core.i18n import LANGUAGES


def add_incidents(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    incidents = commands.add_parser(
        "incidents",
        help="list, export and verify incident records (exit 0 ok, 3 tampered)",
        description="The local incident journal, or with --central every device's records "
        "in the central folder. Records hold identifier types and counts, never PHI.",
    )
    actions = incidents.add_subparsers(dest="incidents_action", required=True)
    for name, text in (
        ("list", "print the records"),
        ("export", "write the records as CSV or JSON lines"),
        ("verify", "check the tamper-evidence chain (exit 3 when tampered)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument(
            "--central",
            nargs="?",
            const="",
            default=None,
            metavar="FOLDER",
            help="read the central folder (default: the policy's central.folder)",
        )
        action.add_argument("--policy", help="policy file to use instead of the managed location")
        _add_audit_key(action)
        if name == "export":
            action.add_argument("--format", choices=("csv", "json"), default="csv")
            action.add_argument(
                "--write",
                action="store_true",
                help="with --central: write incidents.csv and incidents.jsonl in the folder",
            )


def _add_audit_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--audit-key",
        action="append",
        metavar="FILE",
        help="with a central folder: the office manager's audit key file (repeat for retired "
        "keys); every forward-sealed record is then verified",
    )


def add_audit(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help="the organisation's audit key (office manager)")
    actions = audit.add_subparsers(dest="audit_action", required=True)
    keygen = actions.add_parser("keygen", help="make the audit key pair; prints the policy line")
    keygen.add_argument("--out", required=True, help="new file for the private key (0600)")


def run_review_command(args: argparse.Namespace) -> int:
    if args.command == "report-writer":
        from app.commands.report_writer import run_report_writer

        return run_report_writer(args)
    from app.commands.review_cmd import run_review

    return run_review(args)


def add_review(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    review = commands.add_parser(
        "review",
        help="the office manager's review window and audit report",
        description="Open the review window over the central folder (FOLDER, else the "
        "policy's central.folder), or over this computer's journal when none is set.",
    )
    review.add_argument("folder", nargs="?", default=None, help="central folder or smb:// URL")
    review.add_argument("--policy", help="policy file to use instead of the managed location")
    review.add_argument(
        "--language",
        choices=("auto", *LANGUAGES),
        default=None,
        help="language of the window and, at first, of the audit reports it writes "
        "(default: the policy's agent.language, else this computer's language)",
    )
    _add_audit_key(review)


def add_report_writer(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Hidden: the review window's child that writes an audit report (app.ui.report_process)."""
    commands.metavar = "{" + ",".join(commands.choices or ()) + "}"  # the commands above only
    writer = commands.add_parser("report-writer")  # no help=: not listed in --help
    writer.add_argument("--language", choices=LANGUAGES, required=True)
    writer.add_argument("--format", choices=("pdf", "html"), required=True)
    writer.add_argument("--partial", required=True, help="the file to write it into first")
    writer.add_argument("path", help="the report's name once it is complete")
