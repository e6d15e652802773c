"""Load the policy in force: validate -> verify signature -> anti-rollback, else fall back.

Order of sources:
1. an override (`--policy` / PASTEWARDEN_POLICY). On a managed machine (a managed
   policy file exists) it is honoured only when signed with a trusted key, so staff
   cannot swap IT's policy for their own; it never updates the anti-rollback version
   or the last-known-good copy.
2. the managed file (policy.locations.managed_dir()).
3. the last-known-good copy of an earlier managed policy (policy.state).
4. the built-in default (resources/default_policy.json: block every consumer AI tool).
A file that fails any check is skipped with its problems recorded; protection never
switches off. A signature is required when the policy says so or when a trusted public
key is installed at all. `load_policy` never raises: the result says its source and
every problem, for the tray and `pastewarden policy show`. A policy without
`central.folder` gets the installer's one (PolicyLocations.central_default), if any.
"""

from __future__ import annotations

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
    return _with_central_default(_load(where, state, today), where.central_default)


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
    for path, source, must_sign in _candidates(where, problems):
        try:
            raw, sig = read_policy_bytes(path), _read_optional(signature_path(path))
            return _accept(raw, sig, path, source, must_sign, context, problems)
        except PolicyError as error:
            problems.extend(error.problems)
    return _fallback(where, context, problems)


def _candidates(where: PolicyLocations, problems: list[Problem]) -> list[tuple[Path, Source, bool]]:
    managed_exists = where.managed.exists()
    found: list[tuple[Path, Source, bool]] = []
    if where.override is not None:
        found.append((where.override, "override", managed_exists))
    if managed_exists:
        found.append((where.managed, "managed", False))
    elif where.override is None:
        problems.append(Problem("no IT policy installed here", "warning", str(where.managed)))
    return found


def _accept(
    raw: bytes,
    sig: bytes | None,
    path: Path,
    source: Source,
    must_sign: bool,
    context: _Context,
    problems: list[Problem],
) -> LoadResult:
    validated = parse_policy(raw, str(path), context.today)
    policy = validated.policy
    signature = _check_signature(raw, sig, path, policy, must_sign, context)
    _check_rollback(raw, path, policy, context.state)
    notes = [*problems, *validated.warnings]
    if source == "managed":
        notes += _remember(raw, sig, policy, context.state)
    return LoadResult(policy, source, path, signature, tuple(notes))


def _check_signature(
    raw: bytes, sig: bytes | None, path: Path, policy: Policy, must_sign: bool, context: _Context
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
        why = "a managed policy is installed, so an override" if must_sign else "this policy"
        raise PolicyError([Problem(f"{why} must be signed: {sig_name} is missing", file=str(path))])
    try:
        verify_any(raw, sig, context.keys)
    except SigningError as failure:
        raise PolicyError([Problem(f"{sig_name}: {failure}", file=str(path))]) from failure
    return "verified"


def _check_rollback(raw: bytes, path: Path, policy: Policy, state: PolicyState) -> None:
    highest = state.highest_version()
    if policy.version < highest:
        line, col = position_of(raw, ("version",))
        message = (
            f"version {policy.version} is older than version {highest}, already accepted on "
            f"this computer: refusing a rollback (publish a version above {highest})"
        )
        raise PolicyError([Problem(message, "error", str(path), line, col, "version")])


def _remember(raw: bytes, sig: bytes | None, policy: Policy, state: PolicyState) -> list[Problem]:
    try:
        state.record_version(policy.version)
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
            return _accept(*saved, path, "last_known_good", False, context, problems)
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
