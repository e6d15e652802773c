"""What can be wrong with a policy, in a form the CLI prints and the tray shows.

Every problem renders as `FILE:LINE:COL: field: problem` (parts that are unknown are
left out), so IT can jump straight to the spot in their editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One finding about a policy file; errors make the file unusable, warnings do not."""

    message: str
    severity: Severity = "error"
    file: str | None = None
    line: int | None = None
    col: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.file, self.line, self.col) if p is not None)
        parts = [p for p in (where, self.field) if p]
        prefix = "".join(f"{p}: " for p in parts)
        tag = "warning: " if self.severity == "warning" else ""
        return f"{prefix}{tag}{self.message}"


class PolicyError(Exception):
    """A policy file could not be used; `problems` says every reason found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid policy")


def dotted(loc: Loc) -> str:
    """('tools', 2, 'match', 'titles', 0) -> 'tools[2].match.titles[0]'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
