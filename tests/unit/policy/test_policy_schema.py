"""The schema file, the shipped resources and the policy -> scanner mapping.

- resources/policy.schema.json is exactly what the models generate (regenerate with
  `python -m policy.schema` after changing policy/schema.py);
- the built-in default, the catalog and every example policy validate;
- `_comment` keys and an editor's "$schema" key are accepted;
- the detection block maps onto detectors.settings.ScanSettings, and the scanner
  really uses it;
- policy/ imports neither Qt nor the UI.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from policy_helpers import TODAY, policy_dict

from detectors.settings import ScanSettings
from policy.catalog import ToolCatalog, builtin_catalog
from policy.paths import resource_path
from policy.problems import PolicyError
from policy.scan_settings import policy_to_scan_settings
from policy.schema import Policy, json_schema, json_schema_text
from policy.validate import parse_policy

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted(resource_path("examples").glob("*.json"))


def test_committed_schema_matches_the_models() -> None:
    committed = resource_path("policy.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: .venv/bin/python -m policy.schema"


def test_schema_forbids_unknown_keys_but_allows_comments() -> None:
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert "^_" in schema["patternProperties"]
    assert set(schema["required"]) == {"schema", "version", "organization"}
    assert schema["$defs"]["Tool"]["additionalProperties"] is False


def test_there_are_three_examples() -> None:
    names = {p.name for p in EXAMPLES}
    assert names == {"small-clinic-m365.json", "dental-office-pilot.json", "therapy-practice.json"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates(path: Path) -> None:
    validated = parse_policy(path.read_bytes(), str(path), TODAY)
    assert validated.warnings == ()


def _example(name: str) -> Policy:
    path = resource_path("examples", name)
    return parse_policy(path.read_bytes(), str(path), TODAY).policy


def test_examples_say_what_their_names_promise() -> None:
    clinic = ToolCatalog(_example("small-clinic-m365.json"), today=TODAY)
    m365 = clinic.match("msedge.exe", "x", "https://m365.cloud.microsoft/chat")
    chatgpt = clinic.match("chrome.exe", "ChatGPT - Google Chrome")
    assert m365 is not None and m365.action == "allow"
    assert chatgpt is not None and chatgpt.action == "block_with_override"
    pilot = ToolCatalog(_example("dental-office-pilot.json"), today=TODAY)
    for tool in builtin_catalog().tools:
        assert pilot.match("chrome.exe", "x", f"https://{tool.match.domains[0]}") is not None
    assert {m.action for m in [pilot.match("chrome.exe", "Claude - Google Chrome")] if m} == {
        "warn"
    }
    therapy = _example("therapy-practice.json")
    assert therapy.override.allowed is False and therapy.signature_required is True
    blocked = ToolCatalog(therapy, today=TODAY).match("chrome.exe", "Gemini - Google Chrome")
    assert blocked is not None and blocked.action == "block"


def test_builtin_default_blocks_every_consumer_tool() -> None:
    path = resource_path("default_policy.json")
    policy = parse_policy(path.read_bytes(), str(path), TODAY).policy
    assert policy.use_builtin_catalog and policy.override.allowed is False
    catalog = ToolCatalog(policy, today=TODAY)
    consumer = [t for t in builtin_catalog().tools if t.category == "consumer_ai"]
    assert len(consumer) >= 14
    for tool in consumer:
        matched = catalog.match("chrome.exe", "x", f"https://{tool.match.domains[0]}")
        assert matched is not None and (matched.id, matched.action) == (tool.id, "block")


def test_every_catalog_entry_cites_its_sources() -> None:
    raw = json.loads(resource_path("ai_tools.json").read_text(encoding="utf-8"))
    for entry in raw["tools"]:
        assert entry["_sources"] and all(isinstance(s, str) and s for s in entry["_sources"])
        if entry["category"] == "approved_baa":
            assert {"vendor", "plan"} <= set(entry["baa"])


def test_comment_keys_and_schema_hint_are_accepted() -> None:
    data = policy_dict(1, _note="top", detection={"_why": "x", "threshold": 0.7})
    data["$schema"] = "./policy.schema.json"
    policy = parse_policy(json.dumps(data).encode(), "p.json", TODAY).policy
    assert policy.detection.threshold == 0.7


def test_policy_maps_onto_scan_settings() -> None:
    policy = _example("small-clinic-m365.json")
    base = ScanSettings(time_budget_s=3.0)
    settings = policy_to_scan_settings(policy, base)
    assert settings.threshold == 0.5 and settings.entities is None
    assert settings.allow_terms[0] == "Riverside Family Clinic"
    assert "Dr. Maria Alvarez" in settings.staff_names
    [pattern] = settings.custom_patterns
    assert (pattern.name, pattern.type, pattern.pattern, pattern.score) == (
        "riverside-mrn", "MRN", r"\bRFC-\d{7}\b", 0.9,
    )  # fmt: skip
    assert settings.time_budget_s == 3.0
    narrowed = policy_to_scan_settings(
        Policy.model_validate(policy_dict(detection={"entities": ["SSN"]}))
    )
    assert narrowed.entities == ("SSN",)


def test_the_scanner_uses_the_policys_custom_pattern() -> None:
    from detectors.scanner import Scanner

    settings = policy_to_scan_settings(_example("small-clinic-m365.json"))
    report = Scanner(settings).scan("Chart RFC-1234567 reviewed.", budget_s=30)
    assert any(f.type == "MRN" for f in report.findings)


def test_unknown_entity_type_gets_a_hint() -> None:
    data = json.dumps(policy_dict(detection={"entities": ["SSN", "EMAILS"]})).encode()
    hint = r"entities\[1\]: unknown identifier type 'EMAILS' \(did you mean 'EMAIL'\?\)"
    with pytest.raises(PolicyError, match=hint):
        parse_policy(data, "p.json", TODAY)


def test_policy_package_imports_neither_qt_nor_the_ui() -> None:
    forbidden = ("PySide6", "shiboken6", "app.ui", "app.backends")
    for path in sorted((ROOT / "policy").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            bad = [n for n in names if n.startswith(forbidden)]
            assert not bad, f"{path.name}:{node.lineno} imports {bad}"
