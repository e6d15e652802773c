"""Native-messaging framing: 4-byte little-endian length, then one UTF-8 JSON object.

Browsers speak this to `pastewarden native-host` over stdio (Chrome and Firefox use the
same format), and the host speaks it to the tray's local socket too, so one codec serves
both hops. Size limits: a browser accepts at most 1 MB from the host; it may send up to
64 MiB, but the host only accepts `MAX_INBOUND` bytes and answers a bigger frame with an
error after skipping it. Malformed input never raises out of `FrameDecoder.feed`: it
yields a `FrameError` item instead, so the caller can reply and carry on.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

HEADER = struct.Struct("<I")
MAX_TO_BROWSER = 1024 * 1024  # Chrome's and Firefox's limit for host -> browser
MAX_INBOUND = 8 * 1024 * 1024  # what we accept (browsers allow 64 MiB browser -> host)

Message = dict[str, object]


class FramingError(ValueError):
    """A message cannot be encoded within the limit."""


@dataclass(frozen=True)
class FrameError:
    """A frame that was skipped: `code` is too_large, bad_json or not_object (PHI-free)."""

    code: str


def encode(message: Message, limit: int = MAX_TO_BROWSER) -> bytes:
    """One frame for `message`; FramingError when the body would exceed `limit`."""
    body = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(body) > limit:
        raise FramingError(f"message of {len(body)} bytes exceeds the {limit}-byte limit")
    return HEADER.pack(len(body)) + body


def parse_body(body: bytes) -> Message | FrameError:
    """A frame body as a JSON object, or the reason it is not one."""
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return FrameError("bad_json")
    return value if isinstance(value, dict) else FrameError("not_object")


class FrameDecoder:
    """Incremental decoder: `feed(bytes)` yields every complete message or FrameError."""

    def __init__(self, limit: int = MAX_INBOUND) -> None:
        self._limit = limit
        self._buffer = bytearray()
        self._skip = 0  # bytes of an oversized frame still to drop

    def feed(self, data: bytes) -> Iterator[Message | FrameError]:
        self._buffer += data
        while True:
            if self._skip:
                dropped = min(self._skip, len(self._buffer))
                del self._buffer[:dropped]
                self._skip -= dropped
                if self._skip:
                    return
            if len(self._buffer) < HEADER.size:
                return
            (length,) = HEADER.unpack_from(self._buffer)
            if length > self._limit:
                del self._buffer[: HEADER.size]
                self._skip = length
                yield FrameError("too_large")
                continue
            if len(self._buffer) < HEADER.size + length:
                return
            body = bytes(self._buffer[HEADER.size : HEADER.size + length])
            del self._buffer[: HEADER.size + length]
            yield parse_body(body)


def read_frame(stream: BinaryIO, limit: int = MAX_INBOUND) -> Message | FrameError | None:
    """One message from a blocking stream; None at a clean or truncated end of stream."""
    header = _read_exactly(stream, HEADER.size)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > limit:
        return FrameError("too_large") if _discard(stream, length) else None
    body = _read_exactly(stream, length)
    return None if body is None else parse_body(body)


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _discard(stream: BinaryIO, size: int) -> bool:
    left = size
    while left:
        chunk = stream.read(min(left, 65536))
        if not chunk:
            return False
        left -= len(chunk)
    return True
