"""Every bench ends: a deadline, and a one-line message instead of a hang or a traceback.

A bench calls `run_bench(main, name, args.deadline)`; `add_deadline(parser, seconds)`
gives it `--deadline`. Inside, `step("what we wait for")` names the current wait, so a
deadline says what never happened. `BenchStopped("why; what to do")` ends a bench that
cannot go on (a missing tool, no bundle, no evaluation data) with exit 2; the deadline
ends it with exit 3. Both print one line on stderr and run every `finally` first, so
child processes (Xvfb, the tray) are stopped. Uses SIGALRM: Linux and macOS only.

An alarm that lands inside a finaliser is swallowed by Python ("Exception ignored");
the deadline is therefore also remembered, raised again at the next `step()`, and
honoured when `main` returns, and such an ignored DeadlineReached prints nothing.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable
from types import FrameType

EXIT_STOPPED, EXIT_DEADLINE = 2, 3
_current: dict[str, object] = {"step": "starting", "fired": False}


class BenchStopped(Exception):
    """The bench cannot go on; the message says why and what to do."""


class DeadlineReached(BaseException):  # not Exception: no `except Exception` swallows it
    """Raised in the main thread by the deadline's alarm."""


def step(what: str) -> None:
    """Name what the bench does or waits for now (shown if the deadline ends it)."""
    if _current["fired"]:
        raise DeadlineReached
    _current["step"] = what


def add_deadline(parser: argparse.ArgumentParser, seconds: float) -> None:
    parser.add_argument(
        "--deadline",
        type=float,
        default=seconds,
        metavar="SECONDS",
        help=f"stop with a message after this long (default {seconds:.0f})",
    )


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    _current["fired"] = True
    raise DeadlineReached


def _quiet_if_deadline(hook: Callable[[sys.UnraisableHookArgs], object]) -> Callable[..., None]:
    def unraisable(args: sys.UnraisableHookArgs) -> None:
        if not isinstance(args.exc_value, DeadlineReached):
            hook(args)

    return unraisable


def run_bench(main: Callable[[], int | None], name: str, deadline_s: float) -> int:
    """Run `main` under the deadline; its exit code, 2 when stopped, 3 at the deadline."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    previous_hook, sys.unraisablehook = sys.unraisablehook, _quiet_if_deadline(sys.unraisablehook)
    signal.setitimer(signal.ITIMER_REAL, deadline_s)
    try:
        code = main() or 0
        if _current["fired"]:  # the alarm was swallowed where it landed
            raise DeadlineReached
        return code
    except BenchStopped as stopped:
        print(f"{name}: stopped: {stopped}", file=sys.stderr)
        return EXIT_STOPPED
    except DeadlineReached:
        print(
            f"{name}: stopped at the {deadline_s:.0f} s deadline while {_current['step']} "
            "(a longer run: --deadline SECONDS)",
            file=sys.stderr,
        )
        return EXIT_DEADLINE
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
