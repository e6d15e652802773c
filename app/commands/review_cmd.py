"""`pastewarden review [FOLDER]`: the office manager's review window (DESIGN.md §3).

FOLDER wins over the policy's central.folder; with neither, the window shows this
computer's journal. Exit 0 when the window is closed, 2 with a one-line message when the
central folder cannot be read (checked before any window opens). The window speaks the
language of --language, else the policy's agent.language, else this computer's; the
messages printed here stay English (the CLI is IT's tool).
"""

from __future__ import annotations

import argparse
import sys

from app.commands.audit_cmd import load_audit_keys
from app.core.review.source import ReviewSource, policy_source
from policy.loader import load_policy
from policy.locations import default_locations

EXIT_OK, EXIT_ERROR = 0, 2


def review_source(folder: str | None, policy_arg: str | None) -> ReviewSource:
    """The central folder (argument, then policy), else the local journal."""
    return policy_source(load_policy(default_locations(policy_arg)).policy, folder)


def window_language(args: argparse.Namespace) -> str:
    """--language, else the policy's agent.language ("auto": the OS decides)."""
    chosen = getattr(args, "language", None)
    if chosen:
        return str(chosen)
    return load_policy(default_locations(getattr(args, "policy", None))).policy.agent.language


def unreadable(source: ReviewSource) -> str | None:
    """Why the central folder cannot be listed, or None (the local journal needs no check)."""
    if source.journal_path is not None:
        return None
    try:
        source.fs.listdir("")
    except Exception as error:  # OSError, or the SMB client's own errors: all mean "cannot"
        return " ".join(str(error).split()) or type(error).__name__
    return None


def run_review(args: argparse.Namespace) -> int:
    """Open the window and wait until it is closed."""
    from app.ui.language import install_language

    language = window_language(args)
    install_language(language)  # before the source names itself
    try:
        source = review_source(args.folder, getattr(args, "policy", None))
        source.audit = load_audit_keys(getattr(args, "audit_key", None))
        reason = unreadable(source)
    except (OSError, ValueError) as error:  # a malformed smb:// URL, for one
        source, reason = None, " ".join(str(error).split()) or type(error).__name__
    if source is None or reason is not None:
        where = args.folder or "the policy's central folder"
        print(f"pastewarden review: cannot read {where}: {reason}", file=sys.stderr)
        return EXIT_ERROR
    from app.ui.review_app import run_review_window

    problem = run_review_window(source, language)
    if problem is not None:
        print(f"pastewarden review: {problem}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK
