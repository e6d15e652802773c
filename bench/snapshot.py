"""Save every finding on every corpus and bench text, and compare two saved runs.

A rule change or a restructure is judged by what it changes: `save` scans each text of
the shared corpora (`<shared>/corpus/**/*.jsonl`) and the generated bench texts
(bench/clinic_text.py, the sizes bench/speed.py uses) with no time budget, and writes
one JSON file of findings (offsets, type, score, recognizer; never the text).
`compare` prints, per corpus (PhysioNet in its halves A and B), how many texts changed
and the findings added and removed by type; `--list N` also prints the first N changed
texts' added/removed spans. Identical runs print "identical" and exit 0; any change
exits 1, so a behaviour-preserving move can be checked with one command.

usage: python bench/snapshot.py save FILE [--shared DIR]
       python bench/snapshot.py compare OLD NEW [--list N]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from clinic_text import clinic_text
from splits import PHYSIONET, half_of

REPO = Path(__file__).resolve().parents[1]
BENCH_TEXTS = [(300, 3), (3_000, 3), (30_000, 2), (1_000_000, 1)]  # (chars, how many)

Snapshot = dict[str, dict[str, list[list[Any]]]]  # corpus -> text id -> findings


def bench_texts() -> list[tuple[str, str]]:
    """(id, text) of generated texts, seeded as bench/speed.py seeds its runs."""
    return [
        (f"{chars}-{run}", clinic_text(chars, seed=chars + run))
        for chars, count in BENCH_TEXTS
        for run in range(count)
    ]


def corpus_texts(shared: Path) -> dict[str, list[tuple[str, str]]]:
    """Corpus name -> (id, text) for every JSON-lines corpus under <shared>/corpus."""
    corpora: dict[str, list[tuple[str, str]]] = {}
    root = shared / "corpus"
    for path in sorted(root.rglob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows = [json.loads(line) for line in handle if line.strip()]
        corpora[str(path.relative_to(root))] = [(row["id"], row["text"]) for row in rows]
    return corpora


def save(shared: Path, out: Path) -> None:
    sys.path.insert(0, str(REPO))
    from detectors.scanner import Scanner

    scanner = Scanner()
    texts = corpus_texts(shared)
    texts["bench/clinic_text"] = bench_texts()
    snapshot: Snapshot = {}
    for corpus, rows in texts.items():
        snapshot[corpus] = {}
        for text_id, text in rows:
            report = scanner.scan(text, budget_s=math.inf)
            snapshot[corpus][text_id] = [
                [f.start, f.end, f.type, f.score, f.recognizer] for f in report.findings
            ]
    out.write_text(json.dumps(snapshot, sort_keys=True) + "\n", encoding="utf-8")
    total = sum(len(v) for rows in snapshot.values() for v in rows.values())
    print(f"saved {total} findings on {sum(map(len, snapshot.values()))} texts to {out}")


def _group(corpus: str, text_id: str) -> str:
    return f"{corpus} half {half_of(text_id)}" if corpus == PHYSIONET else corpus


def compare(old: Snapshot, new: Snapshot, listing: int) -> int:
    changed: Counter[str] = Counter()
    added: dict[str, Counter[str]] = {}
    removed: dict[str, Counter[str]] = {}
    examples: list[str] = []
    for corpus in sorted(set(old) | set(new)):
        before, after = old.get(corpus, {}), new.get(corpus, {})
        for text_id in sorted(set(before) | set(after)):
            was = {tuple(f) for f in before.get(text_id, [])}
            now = {tuple(f) for f in after.get(text_id, [])}
            if was == now:
                continue
            group = _group(corpus, text_id)
            changed[group] += 1
            added.setdefault(group, Counter()).update(f[2] for f in now - was)
            removed.setdefault(group, Counter()).update(f[2] for f in was - now)
            if len(examples) < listing:
                examples.append(f"- {group} {text_id}: +{sorted(now - was)} -{sorted(was - now)}")
    if not changed:
        print("identical")
        return 0
    print("| texts | changed | findings added | findings removed |\n|---|---|---|---|")
    for group in sorted(changed):
        plus = ", ".join(f"{t} {n}" for t, n in sorted(added[group].items()))
        minus = ", ".join(f"{t} {n}" for t, n in sorted(removed[group].items()))
        print(f"| {group} | {changed[group]} | {plus or '–'} | {minus or '–'} |")
    print("\n".join(examples))
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    saving = commands.add_parser("save")
    saving.add_argument("file", type=Path)
    saving.add_argument("--shared", type=Path, default=REPO.parent / "shared", metavar="DIR")
    comparing = commands.add_parser("compare")
    comparing.add_argument("old", type=Path)
    comparing.add_argument("new", type=Path)
    comparing.add_argument("--list", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.command == "save":
        save(args.shared.resolve(), args.file)
        return 0
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (args.old, args.new))
    return compare(old, new, args.list)


if __name__ == "__main__":
    sys.exit(main())
