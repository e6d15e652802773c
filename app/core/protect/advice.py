"""Sentences that tell a person what to do about a degraded state (PHI-free, no Qt).

Shared by the tray, `pastewarden status` and `self-test`, so each problem reads the same
everywhere and names its fix instead of an internal class name.
"""

from __future__ import annotations

INSTALL_KEYRING = (
    "install or unlock one: on Linux, GNOME Keyring or KWallet running in the desktop "
    "session (for example `sudo apt install gnome-keyring`, then log in again)"
)
ALLOW_MEMORY = "or accept a memory-only key with `pastewarden self-test --allow-memory-keyring`"


def memory_key_note(problem: str | None) -> str:
    """Why the journal's chain key lives in memory only, and what fixes it.

    `problem` is the journal's own reason (e.g. the refused keyring backend); only its
    kind is used, never shown verbatim, because it names Python classes.
    """
    kind = "no secure keyring"
    if problem and "keyrings.alt" in problem:
        kind = "no secure keyring (a plain-text keyring file does not count)"
    elif problem and problem.startswith("keyring unavailable"):
        kind = f"the keyring did not answer ({problem.removeprefix('keyring unavailable ')})"
    elif problem and "did not keep" in problem:
        kind = "the keyring did not keep a test secret"
    return f"{kind}: the incident chain key is kept in memory only; {INSTALL_KEYRING}"
