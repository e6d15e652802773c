"""Sentences that tell a person what to do about a degraded state (PHI-free, no Qt).

Shared by the tray, `pastewarden status` and `self-test`, so each problem reads the same
everywhere and names its fix instead of an internal class name. The tray shows them in
its language (app.core.i18n); the CLI never switches language, so it prints English.
"""

from __future__ import annotations

from app.core.i18n import N_, _

INSTALL_KEYRING = N_(
    "install or unlock one: on Linux, GNOME Keyring or KWallet running in the desktop "
    "session (for example `sudo apt install gnome-keyring`, then log in again)"
)
# Only `self-test` (the CLI, English) offers this.
ALLOW_MEMORY = "or accept a memory-only key with `pastewarden self-test --allow-memory-keyring`"


def memory_key_note(problem: str | None) -> str:
    """Why the journal's chain key lives in memory only, and what fixes it.

    `problem` is the journal's own reason (e.g. the refused keyring backend); only its
    kind is used, never shown verbatim, because it names Python classes.
    """
    kind = _("no secure keyring")
    if problem and "keyrings.alt" in problem:
        kind = _("no secure keyring (a plain-text keyring file does not count)")
    elif problem and problem.startswith("keyring unavailable"):
        answer = problem.removeprefix("keyring unavailable ")
        kind = _("the keyring did not answer ({reason})").format(reason=answer)
    elif problem and "did not keep" in problem:
        kind = _("the keyring did not keep a test secret")
    return _("{problem}: the incident chain key is kept in memory only; {fix}").format(
        problem=kind, fix=_(INSTALL_KEYRING)
    )
