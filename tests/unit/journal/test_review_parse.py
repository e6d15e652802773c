"""The reader's fast segment parse must judge every line exactly like the line-by-line parse."""

from __future__ import annotations

from app.core.review.reader import _parse, _parse_all

GOOD = [b'{"seq": 1, "kind": "incident"}', b'{"seq": 2, "kind": "heartbeat"}']


def test_sound_segment_is_parsed_in_one_go() -> None:
    assert _parse_all(GOOD) == [{"seq": 1, "kind": "incident"}, {"seq": 2, "kind": "heartbeat"}]


def test_every_odd_line_falls_back_to_the_line_by_line_verdict() -> None:
    odd = [
        [GOOD[0], b'{"seq": 2, "kind": "inc'],  # cut off
        [GOOD[0], b'{"seq": 2}, {"seq": 3}'],  # two values on one line
        [GOOD[0], b""],  # empty line
        [GOOD[0], b'["not", "a record"]'],
        [GOOD[0], b'{"seq": "2"}'],  # seq must be an int
        [GOOD[0], b"\xff\xfe"],  # not UTF-8
    ]
    for lines in odd:
        assert _parse_all(lines) == [_parse(line) for line in lines]
        assert _parse_all(lines)[1] is None
