"""Load the policy in force: validate -> verify signature -> no rollback, else fall back.

Order of sources:
1. an override (`--policy` / PASTEWARDEN_POLICY). On a managed machine (a managed
   policy file exists) it is honoured only when signed with a trusted key and not older
   than the managed policy, so staff cannot swap IT's policy for their own or replay an
   older signed one; it is never remembered.
2. the managed file (policy.locations.managed_dir()).
3. the last-known-good copy of an earlier managed policy (policy.state), only when it
   verifies against a trusted key: the copy sits in the user's own data folder, so an
   unsigned copy could be anyone's.
4. the built-in default (resources/default_policy.json: block every consumer AI tool).
Nothing the user can write may weaken protection (docs/policy.md, "Threat model"): a
readable, valid managed policy is always the one in force, and user-side state can only
stand in when the managed file is missing or broken, never refuse it. Anti-rollback
compares a signed override with the managed file, which only administrators can write.
A file that fails any check is skipped with its problems recorded; protection never
switches off. A signature is required when the policy says so or when a trusted public
key is installed at all. `load_policy` never raises: the result says its source and
every problem, for the tray and `pastewarden policy show`. A policy without
`central.folder` gets the installer's one (PolicyLocations.central_default), if any.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from policy.locations import PolicyLocations, default_locations, signature_path
from policy.problems import PolicyError, Problem
from policy.schema import Policy
from policy.signing import SigningError, load_public_key, verify_any
from policy.state import PolicyState
from policy.validate import parse_policy, position_of, read_policy_bytes

Source = Literal["managed", "override", "last_known_good", "builtin"]
SignatureState = Literal["verified", "unsigned", "unverified"]

# Used only if resources/default_policy.json itself cannot be read (a broken install).
_EMERGENCY = {
    "schema": "pastewarden.policy/1",
    "version": 1,
    "organization": {"name": "PasteWarden emergency built-in policy"},
    "override": {"allowed": False},
}


@dataclass(frozen=True)
class LoadResult:
    """The policy in force, where it came from, and everything that went wrong on the way."""

    policy: Policy
    source: Source
    path: Path | None
    signature: SignatureState
    problems: tuple[Problem, ...] = ()
    managed: bool = False  # IT deployed something here: a managed file or a trusted key

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


@dataclass(frozen=True)
class _Context:
    keys: tuple[Ed25519PublicKey, ...]
    key_paths: tuple[Path, ...]
    state: PolicyState
    today: date


def load_policy(
    locations: PolicyLocations | None = None,
    state: PolicyState | None = None,
    today: date | None = None,
) -> LoadResult:
    """The policy to enforce now; never raises."""
    where = locations or default_locations()
    result = _load(where, state, today)
    managed = os.path.lexists(where.managed) or any(p.exists() for p in where.trusted_keys)
    return _with_central_default(replace(result, managed=managed), where.central_default)


def _with_central_default(result: LoadResult, folder: str | None) -> LoadResult:
    """The installer's central folder fills in a policy without one; the policy wins."""
    if not folder or result.policy.central.folder:
        return result
    central = result.policy.central.model_copy(update={"folder": folder})
    return replace(result, policy=result.policy.model_copy(update={"central": central}))


def _load(where: PolicyLocations, state: PolicyState | None, today: date | None) -> LoadResult:
    problems: list[Problem] = []
    keys, key_paths = _trusted_keys(where, problems)
    context = _Context(keys, key_paths, state or PolicyState(), today or date.today())
    managed = _try(where.managed, "managed", False, context, problems)
    seen = len(problems)
    if where.override is not None:
        floor = managed.policy.version if managed else 0
        override = _try(
            where.override, "override", where.managed.exists(), context, problems, floor
        )
        if override is not None:
            return override
    if managed is not None:  # the override's problems, if any, still need saying
        return replace(managed, problems=managed.problems + tuple(problems[seen:]))
    if not where.managed.exists() and where.override is None:
        problems.append(Problem("no IT policy installed here", "warning", str(where.managed)))
    return _fallback(where, context, problems)


def _try(
    path: Path,
    source: Source,
    must_sign: bool,
    context: _Context,
    problems: list[Problem],
    floor: int = 0,
) -> LoadResult | None:
    """The file at `path` as the policy in force, or None with its problems recorded."""
    if source == "managed" and not path.exists():
        return None
    try:
        raw, sig = read_policy_bytes(path), _read_optional(signature_path(path))
        return _accept(raw, sig, path, source, must_sign, context, problems, floor)
    except PolicyError as error:
        problems.extend(error.problems)
        return None


def _accept(
    raw: bytes,
    sig: bytes | None,
    path: Path,
    source: Source,
    must_sign: bool,
    context: _Context,
    problems: list[Problem],
    floor: int = 0,
) -> LoadResult:
    validated = parse_policy(raw, str(path), context.today)
    policy = validated.policy
    signature = _check_signature(raw, sig, path, policy, must_sign, context, source)
    _check_rollback(raw, path, policy, floor)
    notes = [*problems, *validated.warnings]
    if source == "managed" and signature == "verified":
        notes += _remember(raw, sig, context.state)
    return LoadResult(policy, source, path, signature, tuple(notes))


_MUST_SIGN_WHY: dict[Source, str] = {
    "override": "a managed policy is installed, so an override",
    "last_known_good": "the last-known-good copy is used only when signed, so it",
}


def _check_signature(
    raw: bytes,
    sig: bytes | None,
    path: Path,
    policy: Policy,
    must_sign: bool,
    context: _Context,
    source: Source,
) -> SignatureState:
    required = must_sign or policy.signature_required or bool(context.keys)
    if not required:
        return "unsigned" if sig is None else "unverified"
    sig_name = signature_path(path).name
    if not context.keys:
        looked = ", ".join(str(p) for p in context.key_paths)
        message = f"a signature is required but no trusted public key is installed ({looked})"
        raise PolicyError([Problem(message, file=str(path))])
    if sig is None:
        why = _MUST_SIGN_WHY.get(source, "this policy") if must_sign else "this policy"
        raise PolicyError([Problem(f"{why} must be signed: {sig_name} is missing", file=str(path))])
    try:
        verify_any(raw, sig, context.keys)
    except SigningError as failure:
        raise PolicyError([Problem(f"{sig_name}: {failure}", file=str(path))]) from failure
    return "verified"


def _check_rollback(raw: bytes, path: Path, policy: Policy, floor: int) -> None:
    """Refuse an override older than the managed policy (`floor`; 0 when there is none)."""
    if policy.version < floor:
        line, col = position_of(raw, ("version",))
        message = (
            f"version {policy.version} is older than the managed policy's version {floor}: "
            f"refusing a rollback (publish a version of at least {floor})"
        )
        raise PolicyError([Problem(message, "error", str(path), line, col, "version")])


def _remember(raw: bytes, sig: bytes | None, state: PolicyState) -> list[Problem]:
    """Keep a signed managed policy as last-known-good (an unsigned copy would not be trusted)."""
    try:
        state.save_last_known_good(raw, sig)
    except OSError as error:  # the policy is still valid and enforced; say what failed
        message = f"cannot save the last-known-good copy: {error.strerror or error}"
        return [Problem(message, "warning", str(state.folder))]
    return []


def _fallback(where: PolicyLocations, context: _Context, problems: list[Problem]) -> LoadResult:
    saved = context.state.last_known_good()
    if saved is not None:
        path = context.state.last_known_good_path
        try:
            # only a copy signed with a trusted key: the user can write this folder
            return _accept(*saved, path, "last_known_good", True, context, problems)
        except PolicyError as error:
            problems.extend(error.problems)
    try:
        validated = parse_policy(
            read_policy_bytes(where.builtin), str(where.builtin), context.today
        )
        policy, path_used = validated.policy, where.builtin
    except PolicyError as error:
        problems.extend(error.problems)
        policy, path_used = Policy.model_validate(_EMERGENCY), None
    return LoadResult(policy, "builtin", path_used, "unsigned", tuple(problems))


def _trusted_keys(
    where: PolicyLocations, problems: list[Problem]
) -> tuple[tuple[Ed25519PublicKey, ...], tuple[Path, ...]]:
    keys = []
    for path in where.trusted_keys:
        if not path.exists():
            continue
        try:
            keys.append(load_public_key(path))
        except SigningError as error:
            problems.append(Problem(str(error), "error", str(path)))
    return tuple(keys), where.trusted_keys


def _read_optional(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(64 * 1024)
    except OSError:
        return None
