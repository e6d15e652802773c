"""Detection quality on the shared corpora: prints markdown tables, never asserts.

Uses the release scorer (`<shared>/tools/score_phi.py`, loaded with importlib, not
copied) with the scanner command `python -m app scan --jsonl`, one scanner run per
corpus, and prints:
1. per corpus (the shared ones, and the invented Spanish clipboard texts kept in
   tests/data/clipboard-es.jsonl): cases, ms/case, word recall/precision (span
   corpora) or doc recall, false-alarm rate and identifier recall (document
   corpora); plus each span corpus
   scored without the HISTORY_YEAR findings (years of health events, which Safe
   Harbor keeps and which never decide the verdict), to show what they add, and the
   synthetic corpus without ACCOUNT findings (card numbers its file leaves unlabelled);
2. span recall for every label of each span corpus;
3. the missed and false-alarm document ids.

PhysioNet is also scored in its halves (bench/splits.py): A, where rules are
developed, and B, which only confirms them. `--errors A` prints half A's missed and
false-alarm words in context, for error analysis; half B's text is never printed.

usage: python bench/eval.py [--shared DIR] [--json FILE] [--only physionet] [--errors A]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from deadline import BenchStopped, add_deadline, run_bench, step
from errors import half_a_errors
from splits import HALVES, PHYSIONET, select_half

REPO = Path(__file__).resolve().parents[1]
CORPORA = (
    "physionet-deid/dev.jsonl",
    "presidio-research/synth_phi.jsonl",
    "clipboard-dev.jsonl",
    "clipboard-es.jsonl",
)
# Corpora kept in this repository (invented texts), not in the shared folder.
IN_REPO = {"clipboard-es.jsonl": REPO / "tests" / "data" / "clipboard-es.jsonl"}
SCANNER = [sys.executable, "-m", "app", "scan", "--jsonl"]
YEAR_TYPE = "HISTORY_YEAR"
# Types a span corpus leaves unlabelled although they are identifiers: each such corpus
# is also scored without them. The synthetic corpus's source labels card numbers
# (CREDIT_CARD), but the converted file keeps no such label, so ACCOUNT findings there
# count as false alarms.
UNLABELLED = {"presidio-research/synth_phi.jsonl": "ACCOUNT"}
DASH = "–"


def load_scorer(shared: Path) -> ModuleType:
    """Import score_phi.py from the shared folder as a module."""
    path = shared / "tools" / "score_phi.py"
    spec = importlib.util.spec_from_file_location("score_phi", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_cases(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(scorer: ModuleType, name: str, path: Path) -> list[dict[str, Any]]:
    """Score one corpus as score_phi.py's main() does (one scanner run); PhysioNet also by half."""
    cases = load_cases(path)
    try:
        got, secs = scorer.run_scanner(SCANNER, cases)
    except SystemExit as failure:  # the scorer exits on a broken scanner
        return [{"corpus": name, "cases": len(cases), "error": str(failure.code)}]
    ms_per_case = round(1000 * secs / max(len(cases), 1), 2)
    results = [_score(scorer, name, cases, got, ms_per_case)]
    if name == PHYSIONET:
        for half in HALVES:
            part = select_half(cases, half)
            results.append(_score(scorer, f"{name} half {half}", part, got, None))
    return results


def _score(
    scorer: ModuleType,
    name: str,
    cases: list[dict[str, Any]],
    got: dict[str, Any],
    ms_per_case: float | None,
) -> dict[str, Any]:
    result: dict[str, Any] = {"corpus": name, "cases": len(cases), "ms_per_case": ms_per_case}
    spans = "spans" in cases[0]
    result.update(scorer.score_spans(cases, got) if spans else scorer.score_docs(cases, got))
    for code in (YEAR_TYPE, UNLABELLED.get(name.split(" half ")[0])):
        if spans and code and _has_type(got, code):
            ids = {case["id"] for case in cases}
            result[f"without {code}"] = scorer.score_spans(cases, _drop_type(got, code, ids))
    return result


def _has_type(got: dict[str, Any], code: str) -> bool:
    return any(f["type"] == code for row in got.values() for f in row["findings"])


def _drop_type(got: dict[str, Any], code: str, ids: set[str]) -> dict[str, Any]:
    """The scanner's rows of the cases `ids` without findings of type `code`."""
    return {
        case_id: dict(row, findings=[f for f in row["findings"] if f["type"] != code])
        for case_id, row in got.items()
        if case_id in ids
    }


def _fmt(value: Any) -> str:
    return DASH if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def summary_table(results: list[dict[str, Any]]) -> str:
    headers = ["corpus", "cases", "ms/case", "word recall", "word precision"]
    headers += ["doc recall", "false-alarm rate", "identifier recall"]
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in results:
        lines.append(_summary_line(r["corpus"], r))
        for key in (k for k in r if k.startswith("without ")):
            extra = dict(r[key], cases=r["cases"], ms_per_case=None)
            lines.append(_summary_line(f"{r['corpus']} {key} findings", extra))
    return "\n".join(lines)


def _summary_line(name: str, r: dict[str, Any]) -> str:
    if "error" in r:
        return f"| {name} | {r['cases']} | scanner failed: {r['error'][:200]} |"
    keys = ["cases", "ms_per_case", "word_recall", "word_precision"]
    keys += ["doc_recall", "doc_false_alarm_rate", "identifier_recall"]
    cells = [_fmt(r.get(k)) for k in keys]
    cells[1] = DASH if r.get("ms_per_case") is None else f"{r['ms_per_case']:.1f}"
    return "| " + " | ".join([name, *cells]) + " |"


def label_table(results: list[dict[str, Any]]) -> str:
    lines = ["| corpus | label | found / gold | span recall |", "|---|---|---|---|"]
    for r in results:
        for label, ratio in r.get("span_recall_by_label", {}).items():
            hit, total = (int(x) for x in ratio.split("/"))
            recall = _fmt(hit / total if total else None)
            lines.append(f"| {r['corpus']} | {label} | {hit} / {total} | {recall} |")
    return "\n".join(lines)


def doc_lists(results: list[dict[str, Any]]) -> str:
    lines = []
    for r in results:
        if "missed_docs" not in r:
            continue
        lines.append(f"- {r['corpus']} missed documents: {_ids(r['missed_docs'])}")
        lines.append(f"- {r['corpus']} false alarms: {_ids(r['false_alarms'])}")
        lines.append(f"- {r['corpus']} missed identifiers: {_ids(r['missed_identifiers'])}")
    return "\n".join(lines)


def _ids(values: list[str]) -> str:
    return ", ".join(values) if values else "none"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", metavar="DIR")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the numbers")
    add_deadline(parser, 900)
    parser.add_argument("--only", metavar="PREFIX", help="only the corpora starting so")
    parser.add_argument("--errors", choices=["A"], help="print half A's errors in context")
    args = parser.parse_args(argv)
    return run_bench(lambda: _bench(args), "bench/eval.py", args.deadline)


def _bench(args: argparse.Namespace) -> int:
    shared, out = args.shared.resolve(), args.json.resolve() if args.json else None
    missing = [p for p in (shared / "corpus", shared / "tools" / "score_phi.py") if not p.exists()]
    if missing:
        raise BenchStopped(
            f"no evaluation data: {missing[0]} does not exist. The corpora and the scorer are "
            "licensed data kept outside this repository; pass their folder with --shared DIR"
        )
    step("scanning the evaluation corpora")
    os.chdir(REPO)  # the scanner runs as `python -m app` from the source tree
    scorer = load_scorer(shared)
    if args.errors:
        cases = load_cases(shared / "corpus" / PHYSIONET)
        got, _ = scorer.run_scanner(SCANNER, select_half(cases, args.errors))
        print(half_a_errors(cases, got))
        return 0
    names = [n for n in CORPORA if args.only is None or n.startswith(args.only)]
    results: list[dict[str, Any]] = []
    for name in names:
        results.extend(evaluate(scorer, name, IN_REPO.get(name, shared / "corpus" / name)))
    print("## Detection quality\n")
    print(summary_table(results))
    print("\n## Span recall by label\n")
    print(label_table(results))
    print("\n## Documents\n")
    print(doc_lists(results))
    if out:
        out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
