"""HTML pieces of the audit report: tables split for fast PDF painting, bar-chart sections.

Qt-free. Every cell is HTML-escaped with its control characters spelled out
(app.core.review.display_text): report cells hold record data, which can be forged.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.i18n import _
from app.core.review.display_text import html_text as escape

CHUNK_ROWS = 250  # rows per HTML table (see table)
_TABLE = "<table border='1' cellspacing='0' width='100%'>"


def tag(name: str, text: str) -> str:
    """One element holding escaped text: tag("h2", _("Totals"))."""
    return f"<{name}>{escape(text)}</{name}>"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """One HTML table; a long one as consecutive tables of CHUNK_ROWS rows, the header once.

    Qt lays a table out as one frame and, to paint each page, walks all of its cells:
    one table of 10,000 overrides made a 472-page PDF take half a minute. Tables of a
    few hundred rows show the same rows, and paint page by page; the first row of each
    carries the same column widths, so the pieces line up as one table.
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    if not rows:
        empty = tag("p", _("None."))
        return f"<table border='1' cellspacing='0'><tr>{head}</tr></table>{empty}"
    lines = ["<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in rows]
    if len(rows) <= CHUNK_ROWS:
        return f"{_TABLE}<tr>{head}</tr>{''.join(lines)}</table>"
    widths = column_widths(headers, rows)
    sized = zip(headers, widths, strict=True)
    head = "".join(f"<th width='{w}%'>{escape(h)}</th>" for h, w in sized)
    chunks = [f"{_TABLE}<tr>{head}</tr>{''.join(lines[:CHUNK_ROWS])}</table>"]
    for at in range(CHUNK_ROWS, len(rows), CHUNK_ROWS):
        first = "".join(
            f"<td width='{w}%'>{escape(str(c))}</td>" for c, w in zip(rows[at], widths, strict=True)
        )
        rest = "".join(lines[at + 1 : at + CHUNK_ROWS])
        chunks.append(f"{_TABLE}<tr>{first}</tr>{rest}</table>")
    return "\n".join(chunks)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[int]:
    """Column widths in percent: room for each column's longest word, or half its longest
    text (capped), so no word is broken and long texts wrap onto two lines."""
    weights = []
    for header, column in zip(headers, zip(*rows, strict=True), strict=True):
        texts = [header, *map(str, column)]
        word = max(len(w) for text in texts for w in text.split() or [""])
        weights.append(max(word, min(max(map(len, texts)), 40) / 2) + 1)
    return [max(1, round(100 * w / sum(weights))) for w in weights]


def bars_section(title: str, what: str, bars: list[tuple[str, int]], src: str | None) -> str:
    if src:
        picture = f"<p><img src='{escape(src)}' width='480'></p>"
    else:
        top = max((n for _, n in bars), default=1) or 1
        picture = (
            "<table cellspacing='0' width='100%'>"
            + "".join(
                f"<tr><td width='25%'>{escape(name)}</td><td width='75%'><table cellspacing='0' "
                f"width='{max(1, round(70 * n / top))}%'><tr><td bgcolor='#3b6ea5'>&nbsp;</td>"
                "</tr></table></td></tr>"
                for name, n in bars
            )
            + "</table>"
        )
    return f"<h2>{escape(title)}</h2>{picture}" + table((what, _("Incidents")), bars)
