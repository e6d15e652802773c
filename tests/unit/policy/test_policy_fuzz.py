"""Property tests: whatever bytes arrive, the validator raises only PolicyError and the
loader never raises at all (it falls back to the built-in policy instead)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policy_helpers import TODAY, make_site, policy_dict

from policy.problems import PolicyError
from policy.validate import parse_policy

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)  # fmt: skip
KEYS = st.sampled_from(
    ["schema", "version", "tools", "defaults", "override", "detection", "central", "not_after",
     "organization", "heartbeat_minutes", "use_builtin_catalog", "signature_required", "_c"]
)  # fmt: skip


def _only_policy_error(data: bytes) -> None:
    try:
        parse_policy(data, "fuzz.json", TODAY)
    except PolicyError as error:
        assert error.problems, "a PolicyError must carry at least one problem"
        for problem in error.problems:
            assert str(problem).startswith("fuzz.json")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _only_policy_error(data)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=8))
def test_policy_shaped_json(fields: dict[str, object]) -> None:
    data = policy_dict(1) | fields
    _only_policy_error(json.dumps(data).encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_with_bom_and_crlf(text: str) -> None:
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8", "surrogatepass")
    _only_policy_error(raw)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=500))
def test_loader_never_raises(tmp_path_factory: object, data: bytes) -> None:
    root = Path(tmp_path_factory.mktemp("fuzz"))  # type: ignore[attr-defined]
    site = make_site(root)
    site.write(data)
    result = site.load()
    assert result.source in ("managed", "builtin")
    assert result.policy.defaults.consumer_ai in ("allow", "warn", "block", "block_with_override")
