"""Renders app.core.audit_report's HTML: a paginated PDF (QTextDocument + QPdfWriter) or a
standalone HTML file with the charts embedded as PNG data URIs.
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.core.audit_report import CHART_NAMES, ReportInput, build_html, chart_data
from app.ui.charts import bars_image, png_bytes

_TITLES = {"by_tool": "Incidents by AI tool", "by_type": "Incidents by identifier type"}


def _charts(data: ReportInput) -> dict[str, bytes]:
    bars = chart_data(data)
    return {name: png_bytes(bars_image(_TITLES[name], bars[name])) for name in CHART_NAMES}


def write_html(data: ReportInput, path: Path) -> None:
    """One self-contained HTML file (no external images: it is mailed or archived)."""
    sources = {
        name: "data:image/png;base64," + base64.b64encode(png).decode()
        for name, png in _charts(data).items()
    }
    path.write_text(build_html(data, sources), encoding="utf-8")


def write_pdf(data: ReportInput, path: Path) -> int:
    """A4 PDF, paginated and page-numbered by Qt; returns the page count."""
    document = QTextDocument()
    for name, png in _charts(data).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), QImage.fromData(png)
        )
    document.setHtml(build_html(data, {name: f"chart:{name}" for name in CHART_NAMES}))
    writer = QPdfWriter(str(path))
    writer.setTitle("HIPAA audit report")
    writer.setCreator("PasteWarden")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(150)
    # No page size of our own: then print_() lays the text out on the printer's page,
    # paginates it and numbers the pages.
    document.print_(writer)
    return writer_pages(path)


def writer_pages(path: Path) -> int:
    """The page count of a PDF we wrote (its /Type /Page objects)."""
    data = path.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")
