"""Forged annotations: with an audit key in the policy only follow-ups signed with it are
shown, a forged line dated 2099 never overrides the manager's, and which follow-up is
the latest is decided by when this reader first saw it."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

from review_kit import build_site

from app.backends.central_folders import LocalFS
from app.core.journal.audit_key import generate
from app.core.review.annotation_trust import sign, trusted_latest, verified
from app.core.review.annotations import Annotation, append_annotation
from app.core.review.reader import read_central
from app.core.review.source import central_source

KEY, OTHER = generate(), generate()


def _note(seq: int = 1, time: str = "2026-01-02T10:00:00.000Z", note: str = "ok") -> Annotation:
    return Annotation("dev", seq, "e", "no_disclosure", note, "dana", "MGR-1", time, f"id-{time}")


def test_only_the_audit_key_signs_and_any_change_breaks_it() -> None:
    signed = sign(_note(), KEY)
    assert verified(signed, [KEY.public]) and signed.key_id == KEY.public.key_id
    assert not verified(signed, [OTHER.public])
    assert not verified(replace(signed, note="changed"), [KEY.public])
    assert not verified(replace(signed, time="2099-01-01T00:00:00.000Z"), [KEY.public])
    assert not verified(_note(), [KEY.public])  # unsigned
    assert not verified(replace(signed, signature="not base64!"), [KEY.public])


def test_a_forged_2099_annotation_never_overrides_the_signed_one() -> None:
    real = sign(_note(note="reviewed, no disclosure"), KEY)
    forged = _note(time="2099-01-01T00:00:00.000Z", note="all fine, nothing to see")
    notes, refused = trusted_latest([real, forged], [KEY.public], {}, "2026-02-01T00:00:00")
    assert notes[("dev", 1)].note == "reviewed, no disclosure" and refused == 1
    signed_by_other = sign(forged, OTHER)
    notes, refused = trusted_latest([real, signed_by_other], [KEY.public], {}, "2026-02-01")
    assert notes[("dev", 1)] == real and refused == 1


def test_the_reader_dates_annotations_by_when_it_first_saw_them() -> None:
    early_claim_late_seen = sign(_note(time="2020-01-01T00:00:00.000Z", note="second"), KEY)
    late_claim_early_seen = sign(_note(time="2099-01-01T00:00:00.000Z", note="first"), KEY)
    seen = {
        late_claim_early_seen.annotation_id: "2026-01-01T00:00:00",
        early_claim_late_seen.annotation_id: "2026-01-05T00:00:00",
    }
    notes, _ = trusted_latest(
        [early_claim_late_seen, late_claim_early_seen], [KEY.public], seen, "2026-02-01"
    )
    assert notes[("dev", 1)].note == "second"
    notes, refused = trusted_latest([_note()], None, {}, "2026-02-01")  # no audit key in use
    assert notes[("dev", 1)].note == "ok" and refused == 0


def test_the_review_source_shows_signed_follow_ups_and_counts_forged_ones(tmp_path: Path) -> None:
    site = build_site(tmp_path, tampered=False)
    fs = LocalFS(site.central)
    record = next(r for r in read_central(fs).records if r.get("action") == "overridden")
    real = sign(
        Annotation(record["device_id"], record["seq"], record["event_id"], "no_disclosure",
                   "reviewed", "dana", "MGR-1", "2026-01-02T10:00:00.000Z", "a1"),
        KEY,
    )  # fmt: skip
    append_annotation(fs, real)
    forged = asdict(real) | {"annotation_id": "x", "time": "2099-01-01T00:00:00.000Z"}
    forged |= {"outcome": "false_alarm", "signature": "", "reviewer_host": "evil"}
    (site.central / "annotations" / "evil.jsonl").write_text(json.dumps(forged) + "\n")
    source = central_source(str(site.central), 60, "Clinic")
    source.audit_public = KEY.public
    source.memory = tmp_path / "memory.json"
    review, notes = source.load()
    assert notes[(record["device_id"], record["seq"])].outcome == "no_disclosure"
    assert (
        "annotations: 1 follow-up note(s) not signed with the audit key (not shown as "
        "follow-up)" in review.problems
    )
    source.audit_public = None  # a practice without an audit key: every note counts
    _, notes = source.load()
    assert notes[(record["device_id"], record["seq"])].outcome == "false_alarm"
