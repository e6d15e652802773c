"""Native-messaging framing: round trips, limits, malformed frames (never an exception)."""

from __future__ import annotations

import io
import struct

import pytest

from app.core.companion.framing import (
    MAX_TO_BROWSER,
    FrameDecoder,
    FrameError,
    FramingError,
    encode,
    read_frame,
)


def frame(body: bytes) -> bytes:
    return struct.pack("<I", len(body)) + body


def test_encode_is_little_endian_length_then_utf8_json() -> None:
    data = encode({"type": "hello", "text": "é"})
    assert data[:4] == struct.pack("<I", len(data) - 4)
    assert data[4:].decode("utf-8") == '{"type":"hello","text":"é"}'


def test_encode_refuses_more_than_the_browser_accepts() -> None:
    with pytest.raises(FramingError):
        encode({"text": "x" * MAX_TO_BROWSER})


def test_decoder_handles_split_and_joined_frames() -> None:
    stream = encode({"a": 1}) + encode({"b": 2})
    decoder = FrameDecoder()
    got = []
    for byte in stream:  # one byte at a time: frames arrive in pieces
        got.extend(decoder.feed(bytes([byte])))
    assert got == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize(
    ("body", "code"),
    [(b"{not json", "bad_json"), (b"[1, 2]", "not_object"), (b"\xff\xfe", "bad_json"),
     (b"[" * 100000, "bad_json")],
)  # fmt: skip
def test_malformed_bodies_become_errors_and_decoding_goes_on(body: bytes, code: str) -> None:
    decoder = FrameDecoder()
    assert list(decoder.feed(frame(body) + encode({"ok": True}))) == [
        FrameError(code),
        {"ok": True},
    ]


def test_an_oversized_frame_is_skipped_without_buffering_it() -> None:
    decoder = FrameDecoder(limit=10)
    items = list(decoder.feed(frame(b'"' + b"x" * 20 + b'"')[:12]))
    assert items == [FrameError("too_large")]
    rest = frame(b'"' + b"x" * 20 + b'"')[12:] + encode({"next": 1})
    assert list(decoder.feed(rest)) == [{"next": 1}]


def test_read_frame_from_a_blocking_stream() -> None:
    stream = io.BytesIO(encode({"a": 1}) + frame(b"x" * 50) + encode({"b": 2}) + b"\x05\x00")
    assert read_frame(stream) == {"a": 1}
    assert read_frame(stream, limit=20) == FrameError("too_large")
    assert read_frame(stream) == {"b": 2}
    assert read_frame(stream) is None  # a truncated header is the end of the stream
