"""Bytes of a policy (or catalog) file -> a validated model, or PolicyError with every problem.

Order: size -> encoding (UTF-8, BOM accepted) -> JSON syntax -> duplicate keys -> the
pydantic model -> cross-field checks (policy.checks). Every problem carries
FILE:LINE:COL and the dotted field path. Nothing here raises anything but PolicyError,
whatever the bytes (a property test feeds it random input).
"""

from __future__ import annotations

import codecs
import json
import re
import types
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from policy.checks import catalog_problems, policy_problems
from policy.jsonpos import JsonPositions, line_col, scan_positions
from policy.problems import Loc, PolicyError, Problem, dotted
from policy.schema import Catalog, Policy
from policy.suggest import did_you_mean

MAX_BYTES = 1024 * 1024
_OTHER_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_CONSTANT = re.compile(r"-?Infinity|NaN")
_INSTANCE_OF = re.compile(r" or instance of \w+")
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Validated:
    """A usable policy, the exact bytes it came from, and any warnings about it."""

    policy: Policy
    raw: bytes
    warnings: tuple[Problem, ...]


def parse_policy(data: bytes, filename: str, today: date | None = None) -> Validated:
    """Validate policy bytes; raise PolicyError listing every error found."""
    policy, positions = _parse_model(data, filename, Policy)
    problems = _place(policy_problems(policy, today or date.today()), filename, positions)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise PolicyError(sorted(errors, key=_position))
    return Validated(policy, data, tuple(problems))


def parse_catalog(data: bytes, filename: str) -> Catalog:
    """Validate an AI tool catalog file (resources/ai_tools.json)."""
    catalog, positions = _parse_model(data, filename, Catalog)
    problems = _place(catalog_problems(catalog), filename, positions)
    if any(p.severity == "error" for p in problems):
        raise PolicyError([p for p in problems if p.severity == "error"])
    return catalog


def _parse_model(data: bytes, filename: str, model: type[M]) -> tuple[M, Callable[[], Any]]:
    text = _decode(data, filename)
    value, has_duplicates = _parse_json(text, filename)
    positions = _lazy(lambda: scan_positions(text))
    problems = []
    if has_duplicates:
        problems += [
            Problem(f"duplicate key {loc[-1]!r} (JSON keeps only the last one)", "error",
                    filename, *pos, dotted(loc))
            for loc, pos in positions().duplicates
        ]  # fmt: skip
    try:
        instance = model.model_validate(value)
    except ValidationError as error:
        problems += [_from_pydantic(e, filename, positions(), model) for e in error.errors()]
        raise PolicyError(sorted(problems, key=_position)) from None
    except (RecursionError, ValueError, TypeError) as error:  # defensive: odd input shapes
        message = f"cannot be validated: {error}"
        raise PolicyError([*problems, Problem(message, file=filename)]) from None
    if problems:
        raise PolicyError(problems)
    return instance, positions


def _position(problem: Problem) -> tuple[int, int]:
    return problem.line or 0, problem.col or 0


def _decode(data: bytes, filename: str) -> str:
    if len(data) > MAX_BYTES:
        raise PolicyError([Problem(f"file is larger than {MAX_BYTES // 1024} KiB", file=filename)])
    if data.startswith(_OTHER_BOMS):
        message = "file is UTF-16 or UTF-32; save it as UTF-8"
        raise PolicyError([Problem(message, file=filename, line=1, col=1)])
    data = data.removeprefix(codecs.BOM_UTF8)  # Windows editors add one; harmless
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        raise PolicyError([Problem(message, file=filename, line=line, col=col)]) from None
    if not text.strip():
        raise PolicyError([Problem("file is empty: expected a JSON object", file=filename)])
    return text


def _parse_json(text: str, filename: str) -> tuple[Any, bool]:
    duplicates = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicates
        result = dict(items)
        duplicates = duplicates or len(result) != len(items)
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant), duplicates
    except json.JSONDecodeError as error:
        message = f"invalid JSON: {error.msg}"
        problem = Problem(message, "error", filename, error.lineno, error.colno)
    except _ConstantError as error:
        match = _CONSTANT.search(text)
        line, col = line_col(text, match.start()) if match else (None, None)
        problem = Problem(f"invalid JSON: {error} is not allowed", "error", filename, line, col)
    except RecursionError:
        problem = Problem("invalid JSON: nested too deeply", file=filename)
    raise PolicyError([problem])


class _ConstantError(ValueError):
    pass


def _no_constant(name: str) -> Any:
    raise _ConstantError(name)


def _lazy(make: Callable[[], JsonPositions]) -> Callable[[], JsonPositions]:
    cache: list[JsonPositions] = []

    def get() -> JsonPositions:
        if not cache:
            cache.append(make())
        return cache[0]

    return get


def _place(
    problems: list[tuple[Loc, str, str]], filename: str, positions: Callable[[], JsonPositions]
) -> list[Problem]:
    """(loc, severity, message) from policy.checks -> positioned Problems."""
    placed = []
    for loc, severity, message in problems:
        line, col = positions().locate(loc)
        placed.append(Problem(message, severity, filename, line, col, dotted(loc) or None))  # type: ignore[arg-type]
    return placed


def _from_pydantic(
    error: ErrorDetails, filename: str, positions: JsonPositions, root: type[BaseModel]
) -> Problem:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        hint = did_you_mean(key, _keys_at(root, loc[:-1]))
        line, col = positions.locate(loc, prefer_key=True)
        return Problem(f"unknown key {key!r}{hint}", "error", filename, line, col, dotted(loc))
    if kind == "missing":
        line, col = positions.locate(loc[:-1])
        where = dotted(loc[:-1]) or "the top level"
        message = f"required key is missing (add it to {where})"
        return Problem(message, "error", filename, line, col, dotted(loc))
    message = _INSTANCE_OF.sub("", error["msg"].removeprefix("Value error, "))
    if kind.endswith("_type") or kind == "model_type":
        message += f" (got {_json_type(error.get('input'))})"
    line, col = positions.locate(loc)
    return Problem(message, "error", filename, line, col, dotted(loc) or None)


def _json_type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string"}
    names |= {list: "a list", dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _keys_at(root: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model at `loc` accepts (for 'did you mean')."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            fields = {f.alias or name: f for name, f in current.model_fields.items()}
            current = fields[part].annotation if part in fields else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, ...] -> X and X | None -> X."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def position_of(data: bytes, loc: Loc) -> tuple[int | None, int | None]:
    """Line and column of `loc` in policy bytes that already passed parse_policy."""
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        return scan_positions(text).locate(loc)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None, None


def read_policy_bytes(path: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 (so the parser can report a too-large file)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise PolicyError([Problem("file not found", file=str(path))]) from None
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        raise PolicyError([Problem(message, file=str(path))]) from None
