"""Text from records shown to people: controls made visible, markup never run. Qt-free.

Every string in a record can be forged by anyone who writes the share (a host name can
even be set by a standard Linux user in a user namespace). Shown as it is, a NUL cuts a
cell short, bidi controls (U+202E …) make "exe.txt" read "txt.exe", and a label or
tooltip that Qt takes for rich text loads images and paints forged verdicts. So:
`visible` spells every control character as an escape (`\\u202e`), `tooltip_html` is
the only way data goes into a tooltip (escaped inside explicit rich text, since Qt
guesses the format of tooltips), and `csv_cell` stops a spreadsheet from running a cell.
"""

from __future__ import annotations

import html
import re
from typing import Any

# C0 and C1 controls, DEL, and the bidi and zero-width format characters.
_HIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
# What a spreadsheet runs as a formula when a cell starts with it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control, bidi and zero-width character spelled as an escape."""
    return _HIDDEN.sub(_escape, text) if _HIDDEN.search(text) else text


def visible_lines(lines: list[str]) -> str:
    """Several texts one per line, each made visible (newlines inside them escaped)."""
    return "\n".join(map(visible, lines))


def html_text(text: str) -> str:
    """Text for an HTML page (the audit report): escaped, controls spelled out."""
    return html.escape(visible(text))


def tooltip_html(text: str) -> str:
    """A tooltip that shows `text` literally: escaped inside explicit rich text."""
    return f"<p style='white-space:pre-wrap'>{html.escape(visible(text))}</p>"


def csv_cell(value: Any) -> str:
    """A CSV cell: text made visible and quoted when a spreadsheet would run it.

    Every text cell, whichever column: device ids, actions, tool domains, identifier
    types and event ids can all be forged. Numbers and booleans are written as numbers.
    """
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) in (int, float):
        return str(value)
    text = str(value)
    shown = visible(text)
    return "'" + shown if text.startswith(_FORMULA_START) else shown
