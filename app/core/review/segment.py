"""One segment file of a workstation, read from bytes: lines, parse, per-line checks,
placement and order. Qt-free and I/O-free (app.core.review.check calls it per file).

The verdicts are the ones the reader always gave: a line is accepted only when it parses
and its digest matches (chain.check_record), it is this device's and within the
segment's range. The common segment, where every line is the common record, is seen a
column at a time (`_common_values`); anything else is judged line by line.
"""

from __future__ import annotations

import hmac
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from hashlib import sha256
from operator import itemgetter, methodcaller
from typing import Any, cast

import orjson

from app.core.journal import chain
from app.core.journal.chain import _SEALS_IN_LINE as _SEALS  # what the digest does not cover
from app.core.review import columns as cols
from app.core.review.columns import RAW_FIELDS
from app.core.review.limits import MAX_LINE_BYTES
from app.core.review.shape import SHAPED_FIELDS, columns_sound, record_problem

# < 2**63: no huge ints; the sync names a segment with the first 16 hex of its SHA-256.
SEGMENT_RE = re.compile(r"seg-(\d{1,18})-(\d{1,18})(?:-([0-9a-f]{16}))?\.jsonl")
Record = dict[str, Any]
_NEEDED = frozenset((*chain.REQUIRED_FIELDS, *chain.SEALED_FIELDS))
# Read in one pass per segment while its records are fresh in the CPU cache: the fields
# the checks need and the ones the review table and panels are built from.
FIELDS = tuple(sorted(_NEEDED | set(RAW_FIELDS) | set(SHAPED_FIELDS)))
_GETTERS = [(name, itemgetter(name)) for name in FIELDS]
_HEX = methodcaller("hexdigest")
# What check_device still needs of a whole segment once its table columns are read.
CHAIN_FIELDS = ("seq", "prev_mac", "mac")


@dataclass
class Segment:
    """A segment's accepted records and their lines in file order.

    `values` (CHAIN_FIELDS → each record's value) is set only for a whole segment:
    every line accepted, seqs exactly the named range in order; `columns` (the table's,
    None when they cannot be read that way) then too.
    """

    bounds: tuple[int, int]
    records: list[Record]
    lines: list[bytes]
    values: dict[str, Sequence[Any]] | None = None
    problems: list[str] = field(default_factory=list)
    columns: cols.Columns | None = None
    # Set when the segment was accepted whole without its digests checked (see
    # `read_segment`): its lines and the digests its records hold, for `digests_hold`.
    unchecked: tuple[Sequence[bytes], Sequence[Any]] | None = None


def read_segment(
    name: str,
    data: bytes,
    device_id: str,
    bounds: tuple[int, int],
    keys: Mapping[str, bytes],
    check_digests: bool = True,
) -> Segment:
    """The segment's accepted records and the problems found in it.

    `check_digests=False` leaves the digests of a whole common segment for `digests_hold`
    (the window shows the rows first); every other verdict is reached as always, and the
    segment's verdict is the same whenever its digests do hold.
    """
    lines = data.split(b"\n")
    problems = [f"{name}: partial segment (last line cut off)"] if lines[-1] else []
    del lines[-1]  # the empty rest after the last newline, or the cut-off line
    if lines and max(map(len, lines)) > MAX_LINE_BYTES:  # no journal writes one: corrupt
        lines = [line if len(line) <= MAX_LINE_BYTES else b"" for line in lines]
    unsealed = _unsealed(data) if check_digests else None
    records = _parse_all(lines)
    values = _common_values(records, unsealed, device_id, bounds)
    if values is not None and keys:  # every MAC whose key is known, over the stored bytes
        sealed_over = unsealed if unsealed is not None else _unsealed(data)
        if not macs_hold(cast(list[Record], records), sealed_over, keys):
            values = None  # judged line by line, which names each forged record
    if values is not None:
        chained = {name: values[name] for name in CHAIN_FIELDS}
        # The table's columns now, while this segment's records are in the CPU cache.
        table = _table_columns(values)
        unchecked = None if unsealed is not None else (lines, values["digest"])
        sound = cast(list[Record], records)
        return Segment(bounds, sound, lines, chained, problems, table, unchecked)
    unsealed = unsealed if unsealed is not None else _unsealed(data)
    segment = _line_by_line(name, records, lines, unsealed, device_id, bounds, keys)
    segment.problems[:0] = problems
    return segment


def macs_hold(records: list[Record], unsealed: list[bytes], keys: Mapping[str, bytes]) -> bool:
    """Whether every record whose key `keys` holds carries the MAC of its unsealed line."""
    for record, line in zip(records, unsealed, strict=False):
        key = keys.get(chain.key_name(record))
        if key is not None and not hmac.compare_digest(
            str(record["mac"]), chain.line_mac(key, line)
        ):
            return False
    return True


def _unsealed(data: bytes) -> list[bytes]:
    """Each line without its seals (what its digest covers), cut from the whole segment in
    one pass: the pattern cannot span a newline, so line i of the result is line i."""
    return _SEALS.sub(b"", data).split(b"\n")


def digests_hold(unchecked: Sequence[tuple[Sequence[bytes], Sequence[Any]]]) -> bool:
    """Whether each segment's records hold the digests of their unsealed lines.

    Exactly the comparison `_common_values` makes when it checks digests: a list of the
    hex strings against the stored values (a digest stored as anything but that string
    is no match). Line by line in Python, not in one C call per segment: this runs while
    the window paints, and a thread that holds the GIL through a C loop makes each of the
    paint's calls into the model wait for it (0.4 s stalls when cut and hashed by segment).
    """
    cut = _SEALS.sub
    for lines, stored in unchecked:
        if [sha256(cut(b"", line)).hexdigest() for line in lines] != list(stored):
            return False
    return True


def _table_columns(values: dict[str, Sequence[Any]]) -> cols.Columns | None:
    try:
        return cols.columns(values)
    except AttributeError:  # a tool that is no dict: the table reads the records (and fails)
        return None


def _line_by_line(
    name: str,
    records: list[Record | None],
    lines: list[bytes],
    unsealed: list[bytes],
    device_id: str,
    bounds: tuple[int, int],
    keys: Mapping[str, bytes],
) -> Segment:
    first, last = bounds
    problems: list[str] = []
    accepted: list[tuple[Record, bytes]] = []
    for number, record in enumerate(records):
        line = lines[number]
        if record is None:
            problems.append(f"{name}: line {number + 1} is corrupt")
            continue
        if (  # the common case, judged exactly as chain.check_record + _placement judge it
            not keys
            and record.keys() >= _NEEDED
            and sha256(unsealed[number]).hexdigest() == str(record["digest"])
            and record["device_id"] == device_id
            and first <= record["seq"] <= last
            and record_problem(record) is None
        ):
            accepted.append((record, line))
            continue
        found = chain.check_record(record, keys, line)[0] + _placement(record, device_id, bounds)
        shape = record_problem(record) if not found else None
        found += [shape] if shape else []
        problems += [f"{name}: {p}" for p in found]
        if not found:
            accepted.append((record, line))
    problems += _segment_order(name, [r["seq"] for r, _ in accepted], bounds)
    return Segment(bounds, [r for r, _ in accepted], [x for _, x in accepted], None, problems)


def _common_values(
    records: list[Record | None],
    unsealed: list[bytes] | None,
    device_id: str,
    bounds: tuple[int, int],
) -> dict[str, Sequence[Any]] | None:
    """FIELDS' values when every line is the common record, tested a column at a time.

    Not None only when each record has every needed field (and the table's), its digest
    is the hash of its unsealed line, it is this device's, and the seqs are exactly the
    segment's range in order: then the line-by-line pass would accept every line and
    report nothing. Any doubt (a corrupt line, a missing field, a digest that is not
    that string) is None, and the segment is judged line by line. `unsealed` None: the
    digests are left to `digests_hold`.
    """
    count = len(records)
    if not count:
        return None
    try:  # KeyError: a missing field; TypeError: None for a corrupt line
        # A pass per field beats one pass of 14-tuples: each is a C loop over hot dicts.
        sound = cast(list[Record], records)  # a None (corrupt line) raises TypeError
        values: dict[str, Sequence[Any]] = {n: list(map(get, sound)) for n, get in _GETTERS}
    except (KeyError, TypeError):
        return None
    # The width first: a name may claim a range of 10**12 (never made into a list).
    if bounds[1] - bounds[0] + 1 != count or values["seq"] != list(range(bounds[0], bounds[1] + 1)):
        return None
    if not columns_sound(values):
        return None
    one_device = [device_id] * count
    if values["device_id"] != one_device:
        return None
    values["device_id"] = one_device  # one str object for the table (see cols.shared)
    if unsealed is None:
        return values
    # Compared as lists of str: a digest stored as anything but that string is no match.
    digests = list(map(_HEX, map(sha256, unsealed[:count])))
    return values if values["digest"] == digests else None


def _parse_all(lines: list[bytes]) -> list[dict[str, Any] | None]:
    """Every line's record (None when corrupt), parsed in one call when all are sound.

    orjson, not the stdlib parser: parsing is the largest part of opening the review
    (0.6 s of stdlib json for 100,000 records, 0.4 s with orjson). Only parsing changes:
    digests are still the hash of each line's stored bytes. One call over the whole
    segment; any doubt (a corrupt line, a line holding two values) falls back to line by
    line. orjson is stricter than json (no NaN, no integer beyond 64 bits, no lone
    surrogate): such a line is corrupt here, never written by a journal.
    """
    try:
        values = orjson.loads(_as_array(lines)) if all(lines) else None
    except (ValueError, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != len(lines):
        return [_parse(line) for line in lines]
    # Every value a dict with an int seq (bool is no int here), checked a column at a time.
    if set(map(type, values)) <= {dict} and set(
        map(type, map(dict.get, values, itertools.repeat("seq")))
    ) <= {int}:
        return values
    return [_parse(line) for line in lines]


def _as_array(lines: list[bytes]) -> bytes:
    """`b"[" + b",".join(lines) + b"]"` in one copy of the segment, not three.

    The two concatenations copied each segment twice more (0.02 s of 0.08 s for the
    100,000-record bench); the brackets go on copies of the first and last line instead.
    """
    if not lines:
        return b"[]"
    ends = list(lines)
    ends[0] = b"[" + ends[0]
    ends[-1] = ends[-1] + b"]"
    return b",".join(ends)


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        record = orjson.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) and type(record.get("seq")) is int else None


def _placement(record: Mapping[str, Any], device_id: str, bounds: tuple[int, int]) -> list[str]:
    if record.get("device_id") != device_id:
        return [f"seq {record['seq']}: record of another device"]
    if not bounds[0] <= record["seq"] <= bounds[1]:
        return [f"seq {record['seq']}: outside the segment's range"]
    return []


def _segment_order(name: str, seqs: list[int], bounds: tuple[int, int]) -> list[str]:
    """The accepted seqs against the name's range, without ever listing the range (a
    forged name may claim 10**12 records): sets of the seqs only."""
    first, last = bounds
    width = last - first + 1
    if len(seqs) == width and seqs == list(range(first, last + 1)):
        return []
    inside = {seq for seq in seqs if first <= seq <= last}
    if len(seqs) == width == len(inside):
        return [f"{name}: records reordered"]
    if len(set(seqs)) != len(seqs):
        return [f"{name}: repeated records"]
    problems = []
    if width > len(inside):
        problems.append(f"{name}: {width - len(inside)} record(s) missing or rejected")
    if len(inside) != len(seqs) or len(seqs) > width:
        problems.append(f"{name}: extra records")
    return problems
