"""`pastewarden policy validate|show|keygen|sign|fetch`: IT's tools for the policy file.

`fetch` downloads a signed policy over HTTPS into the managed folder (policy.fetch);
it is what the Windows MSI and its daily task run when POLICY_URL is set.

Exit codes: 0 ok, 2 invalid (or any error). Problems print one per line as
FILE:LINE:COL: field: problem, on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from policy.catalog import effective_action, effective_tools
from policy.loader import LoadResult, load_policy
from policy.locations import (
    INSTALL_SETTINGS_NAME,
    POLICY_NAME,
    PUBLIC_KEY_NAME,
    default_locations,
    managed_dir,
    read_install_settings,
    signature_path,
)
from policy.problems import PolicyError, Problem
from policy.signing import SigningError, generate_keypair, load_public_key, sign, verify
from policy.validate import Validated, parse_policy, read_policy_bytes

EXIT_OK, EXIT_INVALID = 0, 2
PRIVATE_KEY_NAME = "policy-signing.key"


def run_policy(args: argparse.Namespace) -> int:
    """Dispatch `pastewarden policy <action>`."""
    actions = {
        "validate": _validate, "show": _show, "keygen": _keygen, "sign": _sign, "fetch": _fetch,
    }  # fmt: skip
    try:
        return actions[args.policy_action](args)
    except (PolicyError, SigningError) as error:
        _print_problems(getattr(error, "problems", None) or [Problem(str(error))])
        return EXIT_INVALID
    except BrokenPipeError:
        raise  # the reader went away: app.cli ends quietly
    except OSError as error:  # e.g. keygen into a folder this user cannot write
        where = f"{error.filename}: " if error.filename else ""
        print(f"{where}{error.strerror or error}", file=sys.stderr)
        return EXIT_INVALID


def _validate(args: argparse.Namespace) -> int:
    path = Path(args.file)
    validated = _parse(path)
    _print_problems([*validated.warnings, *_refusal_warnings(path, validated)])
    signature = "not checked"
    if args.pub:
        sig_path = signature_path(path)
        if not sig_path.exists():
            raise SigningError(f"{sig_path} is missing")
        verify(validated.raw, sig_path.read_bytes(), load_public_key(Path(args.pub)))
        signature = f"verified with {args.pub}"
    policy = validated.policy
    print(
        f"{path}: valid: version {policy.version}, {len(policy.tools)} tools of its own, "
        f"{len(effective_tools(policy))} in effect; signature {signature}"
    )
    return EXIT_OK


def _refusal_warnings(path: Path, validated: Validated) -> list[Problem]:
    """A valid file that workstations will still refuse: it requires a signature that
    cannot be checked (no trusted public key installed here, or no FILE.sig beside it)."""
    if not validated.policy.signature_required:
        return []
    keys = [key for key in default_locations().trusted_keys if key.exists()]
    sig = signature_path(path)
    if not keys:
        where = " or ".join(str(key) for key in default_locations().trusted_keys)
        why = f"no trusted public key is installed on this computer ({where})"
    elif not sig.exists():
        why = f"{sig.name} is missing"
    else:
        return []
    message = (
        f"signature_required is true and {why}: PasteWarden will refuse this file and keep "
        "the last good or built-in policy. Sign it (`pastewarden policy sign`) and install "
        f"the public key as {PUBLIC_KEY_NAME} in the policy folder"
    )
    return [Problem(message, "warning", str(path), field="signature_required")]


def _show(args: argparse.Namespace) -> int:
    loaded = load_policy(default_locations(args.policy))
    if args.json:
        print(json.dumps(_show_json(loaded), indent=2, ensure_ascii=False))
    else:
        print(f"source: {loaded.source} ({loaded.path or 'compiled-in'})")
        print(f"version: {loaded.policy.version}  signature: {loaded.signature}")
        for problem in loaded.problems:
            print(f"problem: {problem}")
        print("tools in effect (id, category, action):")
        for row in _tool_rows(loaded):
            print(f"  {row['id']:<22} {row['category']:<13} {row['action']}")
        print(json.dumps(_policy_json(loaded), indent=2, ensure_ascii=False))
    return EXIT_INVALID if loaded.errors else EXIT_OK


def _keygen(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    private, public = folder / PRIVATE_KEY_NAME, folder / PUBLIC_KEY_NAME
    generate_keypair(private, public)
    print(f"private key: {private}  (keep it offline; anyone holding it can sign policies)")
    print(f"public key:  {public}  (deploy next to policy.json in the managed folder)")
    return EXIT_OK


def _sign(args: argparse.Namespace) -> int:
    path = Path(args.file)
    validated = _parse(path)  # never sign a file the agents would refuse
    signature = sign(validated.raw, Path(args.key))
    target = signature_path(path)
    target.write_bytes(signature)
    print(f"wrote {target} (version {validated.policy.version}); deploy both files together")
    return EXIT_OK


def _fetch(args: argparse.Namespace) -> int:
    """Download URL (else install.ini's PolicyUrl) into the managed folder; 2 on failure."""
    from dataclasses import replace

    from policy.fetch import FetchError, fetch_policy
    from policy.paths import resource_path

    folder = Path(args.dir) if args.dir else managed_dir()
    url = args.url or read_install_settings(folder).policy_url
    if not url:
        print(f"no URL given and no PolicyUrl in {folder / INSTALL_SETTINGS_NAME}", file=sys.stderr)
        return EXIT_INVALID
    where = replace(
        default_locations(),
        managed=folder / POLICY_NAME,
        trusted_keys=(folder / PUBLIC_KEY_NAME, resource_path(PUBLIC_KEY_NAME)),
    )
    try:
        result = fetch_policy(url, where, Path(args.ca_file) if args.ca_file else None)
    except FetchError as error:
        print(f"policy fetch failed, current policy kept: {error}", file=sys.stderr)
        return EXIT_INVALID
    state = "installed" if result.changed else "already in place"
    print(f"policy version {result.version} {state}: {result.path}")
    return EXIT_OK


def _parse(path: Path) -> Validated:
    return parse_policy(read_policy_bytes(path), str(path))


def _policy_json(loaded: LoadResult) -> dict[str, Any]:
    return loaded.policy.model_dump(mode="json", by_alias=True, exclude_none=True)


def _tool_rows(loaded: LoadResult) -> list[dict[str, str]]:
    policy, today = loaded.policy, date.today()
    return [
        {"id": t.id, "name": t.name, "category": t.category,
         "action": effective_action(t, policy, today)}
        for t in effective_tools(policy)
    ]  # fmt: skip


def _show_json(loaded: LoadResult) -> dict[str, Any]:
    return {
        "source": loaded.source,
        "path": str(loaded.path) if loaded.path else None,
        "signature": loaded.signature,
        "problems": [str(p) for p in loaded.problems],
        "tools_in_effect": _tool_rows(loaded),
        "policy": _policy_json(loaded),
    }


def _print_problems(problems: Any) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
