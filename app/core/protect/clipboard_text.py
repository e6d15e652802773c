"""The text a paste of the clipboard would carry, from every text flavour (pure Python).

A clipboard snapshot holds raw flavours (`text/plain`, `text/html`, RTF). What a target
app pastes may be any of them, so all are scanned: the plain text as it is, HTML as the
text a reader sees (stdlib html.parser, entities decoded), and RTF through striprtf,
which honours `\\'xx` and `\\uN?` escapes (a hand-made regex used to drop them, so PHI
written as escapes beside harmless plain text slipped through).

`extract_text` runs in the scan worker, never on the GUI thread: converting a large
HTML or RTF flavour takes time. Each flavour is converted only up to MAX_FLAVOUR_CHARS;
beyond that the result says it is incomplete, and the caller fails closed.
`content_key` is cheap and exact: a digest of the raw flavours, used to recognise
content already decided (in memory only; app.core.protect.clearance keys it again per run).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from striprtf.striprtf import rtf_to_text as _strip_rtf

PLAIN = "text/plain"
HTML = "text/html"
RTF_TYPES = ("text/rtf", "application/rtf", "text/richtext")
MAX_FLAVOUR_CHARS = 8 * 1024 * 1024
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol"),
        *("p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul", "footer"),
    }
)
_CELLS = frozenset(("td", "th"))
_HIDDEN = frozenset(("script", "style", "template"))


@dataclass(frozen=True)
class ClipboardSnapshot:
    """Every flavour of the clipboard, in memory only; dropped when the decision is made.

    `truncated` says the flavours were larger than the backend keeps: what is here is
    not the whole paste, so a scan of it can never call the content clean.
    """

    formats: Mapping[str, bytes] = field(default_factory=dict, repr=False)
    truncated: bool = False

    @staticmethod
    def of_text(text: str) -> ClipboardSnapshot:
        return ClipboardSnapshot({PLAIN: text.encode("utf-8", "surrogatepass")})


@dataclass(frozen=True)
class Extracted:
    """The text to scan, and whether every flavour was converted in full."""

    text: str
    complete: bool = True


def _decode(data: bytes, encoding: str = "utf-8") -> str:
    return data.decode(encoding, errors="replace").rstrip("\x00")


def _flavours(formats: Mapping[str, bytes]) -> tuple[str | None, str | None, str | None]:
    plain = _decode(formats[PLAIN]) if PLAIN in formats else None
    html = _decode(formats[HTML]) if HTML in formats else None
    rtf = next((_decode(formats[k], "latin-1") for k in RTF_TYPES if k in formats), None)
    return plain, html, rtf


def content_key(snapshot: ClipboardSnapshot) -> str:
    """A digest of the raw text flavours (equal keys mean equal pastes); "" when empty.

    Computed on the GUI thread from the bytes as they are (no decoding): about 0.1 s
    for 50 MB. A truncated snapshot never matches a complete one.
    """
    kinds = (PLAIN, HTML, *RTF_TYPES)
    present = [(kind, snapshot.formats[kind]) for kind in kinds if kind in snapshot.formats]
    if not snapshot.truncated and not any(data.strip(b" \t\r\n\x00") for _, data in present):
        return ""
    digest = hashlib.sha256(b"truncated" if snapshot.truncated else b"whole")
    for kind, data in present:
        digest.update(f"\x00{kind}\x00{len(data)}\x00".encode())
        digest.update(data)
    return digest.hexdigest()


def text_key(text: str) -> str:
    """The content key of a plain-text clipboard holding `text` (what the app writes)."""
    return content_key(ClipboardSnapshot.of_text(text))


def extract_text(snapshot: ClipboardSnapshot) -> Extracted:
    """Plain, HTML and RTF text, de-duplicated and joined by newlines."""
    plain, html, rtf = _flavours(snapshot.formats)
    sizes = [len(p) for p in (html, rtf) if p is not None]
    complete = not snapshot.truncated and all(n <= MAX_FLAVOUR_CHARS for n in sizes)
    parts = [plain] if plain is not None else []
    if html is not None:
        parts.append(html_to_text(html[:MAX_FLAVOUR_CHARS]))
    if rtf is not None:
        parts.append(rtf_to_text(rtf[:MAX_FLAVOUR_CHARS]))
    unique = [p for i, p in enumerate(parts) if p.strip() and p not in parts[:i]]
    return Extracted("\n".join(unique), complete)


def rtf_to_text(rtf: str) -> str:
    """RTF to plain text with every escape decoded; garbage in, best-effort text out."""
    try:
        return str(_strip_rtf(rtf, errors="replace"))
    except Exception:  # a malformed document: fall back to what is between the braces
        return rtf


def html_to_text(html: str) -> str:
    """The text a reader of the HTML sees: tags dropped, entities decoded, blocks on lines."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)
