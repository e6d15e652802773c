"""Signed delivery, anti-rollback, last-known-good and overrides, with real files and keys.

A wrong signature, a replayed older version, a missing public key when signatures are
required, an unsigned override on a managed machine: each is refused with a precise
message while the policy already in force stays in force.
"""

from __future__ import annotations

import json
import stat

import pytest
from policy_helpers import Site, make_site, policy_bytes

from policy.locations import signature_path
from policy.signing import SigningError, generate_keypair, load_public_key, sign, verify


def test_keygen_sign_verify_round_trip(site: Site) -> None:
    data = policy_bytes(1)
    signature = sign(data, site.private_key)
    verify(data, signature, load_public_key(site.public_key))
    with pytest.raises(SigningError, match="does not match"):
        verify(data + b" ", signature, load_public_key(site.public_key))
    assert stat.S_IMODE(site.private_key.stat().st_mode) == 0o600
    with pytest.raises(SigningError, match="refusing to overwrite"):
        generate_keypair(site.private_key, site.root / "other.pub")


def test_signed_policy_is_verified(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(2), signed=True)
    result = site.load()
    assert (result.source, result.signature, result.policy.version) == ("managed", "verified", 2)


def test_unsigned_policy_without_key_is_accepted_as_unsigned(site: Site) -> None:
    site.write(policy_bytes(2))
    result = site.load()
    assert (result.source, result.signature) == ("managed", "unsigned")


def _good_then(site: Site, bad: bytes, signed_by: str = "site") -> list[str]:
    site.install_key()
    site.write(policy_bytes(1), signed=True)
    assert site.load().signature == "verified"
    site.write(bad, signed=signed_by == "site")
    result = site.load()
    assert (result.source, result.policy.version) == ("last_known_good", 1)
    assert result.signature == "verified"  # the copy is re-verified with its own signature
    return [str(p) for p in result.errors]


def test_wrong_signature_keeps_the_old_policy(site: Site) -> None:
    (site.root / "attacker").mkdir()
    other = make_site(site.root / "attacker")
    bad = policy_bytes(2)
    signature_path(site.managed).write_bytes(sign(bad, other.private_key))
    problems = _good_then(site, bad, signed_by="nobody")
    assert problems == [
        f"{site.managed}: policy.json.sig: signature does not match the policy file or the key"
    ]


def test_tampered_signed_file_keeps_the_old_policy(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(1), signed=True)
    site.load()
    site.write(policy_bytes(2), signed=True)
    site.managed.write_bytes(policy_bytes(2).replace(b"Test Clinic", b"Evil Clinic"))
    result = site.load()
    assert result.source == "last_known_good" and "does not match" in str(result.errors[0])


def test_garbage_signature_file(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(1))
    signature_path(site.managed).write_bytes(b"not base64 at all!!\n")
    result = site.load()
    assert [str(p) for p in result.errors] == [
        f"{site.managed}: policy.json.sig: signature file is not base64 text"
    ]


def test_stale_signature_of_the_previous_version(site: Site) -> None:
    problems = _good_then(site, policy_bytes(2), signed_by="nobody")  # v1's .sig still there
    assert problems == [
        f"{site.managed}: policy.json.sig: signature does not match the policy file or the key"
    ]


def test_missing_signature_when_a_key_is_installed(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(1), signed=True)
    site.load()
    site.write(policy_bytes(2))
    signature_path(site.managed).unlink()
    result = site.load()
    assert (result.source, result.policy.version) == ("last_known_good", 1)
    problems = [str(p) for p in result.errors]
    assert problems == [f"{site.managed}: this policy must be signed: policy.json.sig is missing"]


def test_missing_public_key_when_the_policy_requires_signatures(site: Site) -> None:
    site.write(policy_bytes(1))
    site.load()
    site.write(policy_bytes(2, signature_required=True), signed=True)
    result = site.load()
    # v1 was unsigned, so no copy of it is trusted: the built-in policy stands in
    assert (result.source, result.policy.defaults.consumer_ai) == ("builtin", "block")
    assert site.state.last_known_good() is None
    [problem] = result.errors
    assert str(problem).startswith(
        f"{site.managed}: a signature is required but no trusted public key is installed ("
    )
    assert str(site.managed.parent / "policy.pub") in str(problem)


def test_installer_key_is_trusted(site: Site) -> None:
    installer_key = site.locations.trusted_keys[1]
    installer_key.parent.mkdir()
    installer_key.write_bytes(site.public_key.read_bytes())
    site.write(policy_bytes(2), signed=True)
    assert site.load().signature == "verified"


def test_a_key_next_to_a_user_override_is_not_trusted(site: Site) -> None:
    profile = site.root / "home" / "Documents"
    profile.mkdir(parents=True)
    (profile / "policy.pub").write_bytes(site.public_key.read_bytes())
    override = site.write(policy_bytes(9, signature_required=True), profile / "mine.json", True)
    result = site.with_override(override).load()
    assert result.source == "builtin"
    assert "no trusted public key is installed" in str(result.errors[0])


def test_the_managed_policy_is_in_force_even_when_older_than_one_seen_before(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(5), signed=True)
    assert site.load().policy.version == 5
    site.write(policy_bytes(4), signed=True)  # IT went back: only an administrator can
    result = site.load()
    assert (result.source, result.policy.version, result.errors) == ("managed", 4, ())


def test_state_files_hold_only_the_signed_policy(site: Site) -> None:
    raw = policy_bytes(7)
    site.write(raw, signed=True)
    site.install_key()
    site.load()
    files = sorted(p.name for p in site.state.folder.iterdir())
    assert files == ["last_known_good.json", "last_known_good.json.sig"]
    assert (site.state.folder / "last_known_good.json").read_bytes() == raw


def test_an_unsigned_managed_policy_is_never_copied(site: Site) -> None:
    site.write(policy_bytes(7))
    assert site.load().source == "managed"
    assert site.state.last_known_good() is None


def test_tampered_last_known_good_is_refused(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(3), signed=True)
    site.load()
    site.state.last_known_good_path.write_bytes(policy_bytes(3, override={"allowed": True}))
    site.managed.write_bytes(b"{broken")
    result = site.load()
    assert result.source == "builtin" and result.policy.defaults.consumer_ai == "block"
    assert any("last_known_good.json.sig" in str(p) for p in result.errors)


def test_deleted_managed_policy_keeps_the_last_known_good(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(3), signed=True)
    site.load()
    site.managed.unlink()
    result = site.load()
    assert (result.source, result.policy.version) == ("last_known_good", 3)
    assert "no IT policy installed here" in str(result.problems[0])


def test_unsigned_override_is_ignored_on_a_managed_machine(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(5), signed=True)
    override = site.write(policy_bytes(9, override={"allowed": True}), site.root / "o.json")
    result = site.with_override(override).load()
    assert (result.source, result.policy.version) == ("managed", 5)
    assert [str(p) for p in result.errors] == [
        f"{override}: a managed policy is installed, so an override must be signed: "
        "o.json.sig is missing"
    ]


def test_signed_override_wins_but_is_never_remembered(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(5), signed=True)
    site.load()
    override = site.write(policy_bytes(9), site.root / "o.json", signed=True)
    result = site.with_override(override).load()
    assert (result.source, result.policy.version, result.signature) == ("override", 9, "verified")
    saved = site.state.last_known_good()
    assert saved is not None and json.loads(saved[0])["version"] == 5


def test_signed_override_cannot_replay_an_older_version(site: Site) -> None:
    site.install_key()
    site.write(policy_bytes(5), signed=True)
    site.load()
    override = site.write(policy_bytes(2), site.root / "old.json", signed=True)
    result = site.with_override(override).load()
    assert (result.source, result.policy.version) == ("managed", 5)
    assert "refusing a rollback" in str(result.errors[0])


def test_override_on_an_unmanaged_machine(site: Site) -> None:
    override = site.write(policy_bytes(3), site.root / "o.json")
    result = site.with_override(override).load()
    assert (result.source, result.signature, result.errors) == ("override", "unsigned", ())
    assert site.state.last_known_good() is None


def test_broken_public_key_is_reported_and_nothing_unsigned_gets_through(site: Site) -> None:
    (site.managed.parent / "policy.pub").write_bytes(b"-----BEGIN PUBLIC KEY-----\nxx\n")
    site.write(policy_bytes(2, signature_required=True), signed=True)
    result = site.load()
    assert result.source == "builtin"
    assert "not a PEM public key" in str(result.errors[0])


def test_any_override_on_a_managed_machine_without_keys_is_refused(site: Site) -> None:
    site.write(policy_bytes(5))
    override = site.write(policy_bytes(9), site.root / "o.json")
    result = site.with_override(override).load()
    assert (result.source, result.policy.version) == ("managed", 5)
    assert "no trusted public key is installed" in str(result.errors[0])


def test_a_broken_it_policy_is_a_degraded_state_and_quit_stays_hidden(site: Site) -> None:
    from app.core.protect.policy_view import policy_view
    from app.core.protect.status import policy_refusal

    site.write(policy_bytes(3))
    healthy = site.load()
    assert (policy_refusal(healthy), policy_view(healthy).quit_allowed) == (None, False)
    site.managed.write_bytes(b"{broken")
    broken = site.load()
    assert broken.source == "builtin" and policy_view(broken).quit_allowed is False
    refusal = policy_refusal(broken)
    assert refusal is not None and refusal.startswith(f"policy file refused: {site.managed}:1:")
    assert refusal.endswith("in force: the built-in policy")
    site.install_key()
    site.managed.unlink()  # IT's file gone, its key still there: still degraded
    assert policy_refusal(site.load()) == (
        "IT's policy file is missing; in force: the built-in policy"
    )


def test_quit_is_offered_only_where_it_deployed_nothing(site: Site) -> None:
    from app.core.protect.policy_view import policy_view

    assert policy_view(site.load()).quit_allowed is True
    site.install_key()  # a trusted key alone is IT's deployment
    assert policy_view(site.load()).quit_allowed is False
