"""The words for actions and tools the review window and the audit report share."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import get_args

from review_kit import build_site

from app.backends.central_folders import LocalFS
from app.cli import main
from app.core.journal.incident import Action
from app.core.review.audit_report import ReportInput, build_html
from app.core.review.export import to_csv
from app.core.review.labels import (
    ACTION_LABELS,
    ACTION_MEANINGS,
    HEADLINE,
    action_label,
    builtin_tool_names,
    policy_tool_names,
    tool_label,
)
from app.core.review.reader import read_central
from app.core.review.stats import HEADLINE as STATS_HEADLINE
from app.core.review.table import Criteria, IncidentTable, cells
from policy.catalog import builtin_catalog
from policy.paths import resource_path
from policy.validate import parse_policy


def test_every_recorded_action_has_a_label_and_a_meaning() -> None:
    assert list(ACTION_LABELS) == list(get_args(Action))
    assert set(ACTION_MEANINGS) == set(ACTION_LABELS)
    assert len(set(ACTION_LABELS.values())) == len(ACTION_LABELS)  # no two alike
    assert ACTION_LABELS["blocked"] == "Blocked, kept off the clipboard"
    assert ACTION_LABELS["warned_cancelled"] == "Warned, then cancelled"
    assert "Cancel" in ACTION_MEANINGS["blocked"]  # where a Cancel on a block is counted


def test_unknown_actions_show_as_they_are() -> None:
    assert action_label("blocked") == "Blocked, kept off the clipboard"
    assert action_label("made_up") == "made_up" and action_label(None) == ""


def test_the_window_table_and_the_summary_use_the_same_labels() -> None:
    record = {"time": "2026-01-05T10:00:00Z", "action": "blocked", "tool": {"id": "x"}}
    assert cells(record, None)[4] == "Blocked, kept off the clipboard"
    assert list(STATS_HEADLINE) == list(HEADLINE)
    assert STATS_HEADLINE["warned_cancelled"] == "Warned, then cancelled"


def test_report_totals_count_cancelled_blocks_under_blocked(tmp_path: Path) -> None:
    review = read_central(LocalFS(build_site(tmp_path).central))
    found = [r for r in review.records if r.get("kind") == "incident"]
    blocked = sum(r["action"] == "blocked" for r in found)
    days = sorted(str(r["time"])[:10] for r in found)
    data = ReportInput(review, {}, date.fromisoformat(days[0]), date.fromisoformat(days[-1]))
    html = build_html(data)
    assert f"<td>Blocked, kept off the clipboard</td><td>{blocked}</td>" in html
    for action, label in ACTION_LABELS.items():
        assert f"<td>{label}</td>" in html
        assert ACTION_MEANINGS[action].split(":")[0] in html


def test_tools_show_their_catalog_or_policy_name_and_unknown_ids_as_they_are() -> None:
    catalog = builtin_catalog().tools
    builtin = builtin_tool_names()
    assert builtin == {t.id: t.name for t in catalog} and len(builtin) == len(catalog)
    first = catalog[0]
    assert tool_label(first.id, builtin) == first.name != first.id
    assert tool_label("made-up-tool", builtin) == "made-up-tool"
    assert tool_label(None, builtin) == "unknown" and tool_label("", builtin) == "unknown"

    path = resource_path("default_policy.json")
    policy = parse_policy(path.read_bytes(), str(path)).policy
    renamed = first.model_copy(update={"name": "Our own name for it"})
    extra = first.model_copy(update={"id": "practice-scribe", "name": "Practice scribe"})
    names = policy_tool_names(policy.model_copy(update={"tools": [renamed, extra]}))
    assert (
        names[first.id] == "Our own name for it" and names["practice-scribe"] == "Practice scribe"
    )
    assert names[catalog[1].id] == catalog[1].name
    off = policy.model_copy(update={"tools": [extra], "use_builtin_catalog": False})
    assert policy_tool_names(off)[first.id] == first.name  # old records keep their names


PICKS = (("blocked", "chatgpt"), ("overridden", "odd<b>id"), ("blocked", None))


def test_the_table_and_its_reference_cells_show_tool_names() -> None:
    names = {"chatgpt": "Chat tool (personal)"}
    records = [
        {"kind": "incident", "device_id": "d", "seq": n, "time": "2026-01-05T10:00:00Z"}
        | {"action": a, "tool": {"id": t}}
        for n, (a, t) in enumerate(
            (("blocked", "chatgpt"), ("overridden", "odd<b>id"), ("blocked", None))
        )
    ]
    table = IncidentTable(records, {}, tool_names=names)
    expected = [cells(r, None, names) for r in records]
    assert [table.row(i) for i in range(3)] == expected  # before the index is built
    table.index()
    assert [table.row(i) for i in range(3)] == expected
    assert [row[3] for row in expected] == ["Chat tool (personal)", "odd<b>id", ""]
    assert table.matching(Criteria(tool="chatgpt")) == [0]  # filters still compare ids
    assert table.matching(Criteria(text="personal")) == [0]


def test_the_csv_keeps_the_tool_id_and_adds_its_name() -> None:
    records = [
        {"time": "2026-01-05T10:00:00.000Z", "kind": "incident", "tool": {"id": t}}
        for t in ("chatgpt", "=odd", None)
    ]
    lines = to_csv(records, tool_names={"chatgpt": "Chat tool"}).decode("utf-8-sig").split("\r\n")
    rows = list(csv.DictReader(lines))
    assert [(r["tool_id"], r["tool_name"]) for r in rows] == [
        ("chatgpt", "Chat tool"),
        ("'=odd", "'=odd"),  # unknown: its id, quoted like every formula
        ("", ""),
    ]
    assert rows[0]["time"] == "2026-01-05T10:00:00.000Z"  # exports stay UTC ISO-8601
    default = csv.DictReader(to_csv(records[:1]).decode("utf-8-sig").split("\r\n"))
    assert next(default)["tool_name"] == builtin_tool_names()["chatgpt"]  # the catalog's


def test_incidents_export_names_tools_as_the_policy_does(tmp_path: Path) -> None:
    site = build_site(tmp_path)
    raw = json.loads(resource_path("default_policy.json").read_text(encoding="utf-8"))
    catalog = json.loads(resource_path("ai_tools.json").read_text(encoding="utf-8"))
    own = {k: v for k, v in catalog["tools"][0].items() if not k.startswith("_")}
    raw["tools"] = [own | {"name": "Our name for it"}]
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(raw), encoding="utf-8")
    args = ["incidents", "export", "--central", str(site.central), "--policy", str(policy)]
    assert main([*args, "--write"]) == 3  # the kit's folder has an edited segment
    text = (site.central / "incidents.csv").read_text(encoding="utf-8-sig")
    named = {(r["tool_id"], r["tool_name"]) for r in csv.DictReader(text.splitlines())}
    assert (own["id"], "Our name for it") in named
    assert ("gemini", builtin_tool_names()["gemini"]) in named
