"""The frozen Linux bundle: its data files, `self-test`, `scan --jsonl` equal to the venv,
and the audit report's writer process."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "clipboard-dev.jsonl"
# Used only where the shared corpus folder is absent (a clone outside the workspace).
FALLBACK = [
    {"id": "p1", "text": "Mr. Wendell Purcell (DOB 03/22/1951) was seen today for COPD."},
    {"id": "p2", "text": "Patient: PURCELL, MAREN\nMRN: 4417802\nSSN 219-09-9999"},
    {"id": "c1", "text": "Please shorten this email about the staff meeting on Thursday."},
]


def _corpus_lines() -> str:
    if CORPUS.exists():
        rows = [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line]
    else:
        rows = FALLBACK
    return "".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows)


def test_bundle_carries_the_data_and_only_the_word_frequencies_read(frozen_exe: Path) -> None:
    internal = frozen_exe.parent / "_internal"
    assert (internal / "resources" / "default_policy.json").is_file()
    assert (internal / "resources" / "ai_tools.json").is_file()
    assert (internal / "detectors" / "data" / "places.txt").is_file()
    assert (internal / "detectors" / "data" / "first_names_moby.txt").is_file()
    assert {p.name for p in (internal / "names").glob("dist.*")} == {
        "dist.all.last", "dist.female.first", "dist.male.first",
    }  # fmt: skip
    assert sorted(p.name for p in (internal / "wordfreq" / "data").iterdir()) == [
        "large_en.msgpack.gz",
        "small_es.msgpack.gz",
    ]
    assert (internal / "presidio_analyzer" / "conf" / "default.yaml").is_file()
    catalogue = internal / "resources" / "translations" / "es" / "LC_MESSAGES" / "pastewarden.mo"
    assert catalogue.is_file() and catalogue.stat().st_size > 10_000
    qt_translations = internal / "PySide6" / "Qt" / "translations"
    assert sorted(p.name for p in qt_translations.iterdir()) == ["qtbase_es.qm"]
    for name in ("pastewarden.desktop", "pastewarden.service", "pastewarden-systemd.desktop"):
        assert (frozen_exe.parent / name).is_file(), name


def test_frozen_self_test_passes(frozen_exe: Path, frozen_env: dict[str, str]) -> None:
    done = subprocess.run(
        [str(frozen_exe), "self-test", "--allow-memory-keyring"],
        env=frozen_env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    assert done.returncode == 0, done.stdout + done.stderr
    assert [line.split(":")[0] for line in lines] == [
        "PASS policy", "PASS detector", "PASS sample scan", "PASS keyring", "PASS window backend",
    ]  # fmt: skip
    assert "window backend: x11" in lines[-1]


def test_frozen_scan_jsonl_matches_the_venv(frozen_exe: Path, frozen_env: dict[str, str]) -> None:
    batch = _corpus_lines()
    frozen = subprocess.run([str(frozen_exe), "scan", "--jsonl"], input=batch, env=frozen_env,
                            capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    venv = subprocess.run([sys.executable, "-m", "app", "scan", "--jsonl"], input=batch,
                          env=frozen_env, capture_output=True, text=True, timeout=300,
                          check=False, cwd=ROOT)  # fmt: skip
    assert frozen.returncode == venv.returncode and frozen.returncode in (0, 1), frozen.stderr
    assert frozen.stdout.splitlines() == venv.stdout.splitlines()
    assert len(frozen.stdout.splitlines()) == batch.count("\n")
    assert any(json.loads(line)["phi"] for line in frozen.stdout.splitlines())


def test_frozen_status_without_a_tray_says_not_running(
    frozen_exe: Path, frozen_env: dict[str, str]
) -> None:
    done = subprocess.run([str(frozen_exe), "status", "--json"], env=frozen_env,
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    status = json.loads(done.stdout)
    assert done.returncode == 1
    assert status["running"] is False and status["protected"] is False
    assert status["policy"]["source"] == "builtin"


def test_frozen_policy_fetch_has_tls_and_keeps_the_policy_on_failure(
    frozen_exe: Path, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    # Port 1 on loopback refuses: the frozen ssl module loaded and the failure is clean.
    url = "https://127.0.0.1:1/policy.json"
    done = subprocess.run(
        [str(frozen_exe), "policy", "fetch", url, "--dir", str(tmp_path)],
        env=frozen_env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "policy fetch failed, current policy kept: cannot download" in done.stderr
    assert not (tmp_path / "policy.json").exists()


def run_report_writer(command: list[str], env: dict[str, str], folder: Path) -> str:
    """`report-writer` fed a small report as the review window feeds it, with no display;
    the text of the PDF it wrote (and it must have renamed its partial file)."""
    from app.core.review.audit_report import ReportInput
    from app.core.review.reader import Review

    data = ReportInput(Review([], {}), {}, date(2026, 1, 1), date(2026, 1, 31), "Frozen Clinic")
    partial, pdf = folder / ".report.pdf.part", folder / "report.pdf"
    partial.touch()
    options = ["--language", "es", "--format", "pdf", "--partial", str(partial), str(pdf)]
    headless = {k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([*command, "report-writer", *options], input=pickle.dumps(data),
                          env=headless, capture_output=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert not partial.exists()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return " ".join(text.decode().split())


def test_frozen_report_writer_renders_offscreen_in_spanish(
    frozen_exe: Path, frozen_env: dict[str, str], tmp_path: Path
) -> None:
    """The review window's report process, as the bundle starts it (the offscreen Qt
    platform, the fonts and the Spanish catalogue all inside the bundle)."""
    text = run_report_writer([str(frozen_exe)], frozen_env, tmp_path)
    assert "Informe de auditoría HIPAA" in text and "Frozen Clinic" in text
