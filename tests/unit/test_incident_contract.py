"""The incident event the pipeline hands to the journal: PHI-free by construction."""

from __future__ import annotations

import dataclasses

import pytest

from app.core.journal.incident import IncidentEvent, chars_bucket
from app.core.ports import MemoryIncidentSink


@pytest.mark.parametrize(
    ("length", "bucket"),
    [(0, "0"), (1, "1-99"), (99, "1-99"), (100, "100-999"), (9_999, "1k-10k"), (10_000, "10k+")],
)
def test_chars_bucket_never_gives_the_exact_length(length: int, bucket: str) -> None:
    assert chars_bucket(length) == bucket


def test_event_has_no_field_that_could_hold_text_or_titles() -> None:
    names = {f.name for f in dataclasses.fields(IncidentEvent)}
    assert not names & {"text", "title", "url", "value", "values", "clipboard", "window"}


def test_memory_sink_keeps_events_in_order() -> None:
    sink = MemoryIncidentSink()
    first = IncidentEvent(kind="agent_state", state="started")
    second = IncidentEvent(kind="incident", action="blocked")
    sink.record(first)
    sink.record(second)
    assert sink.events == [first, second]
