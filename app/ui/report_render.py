"""Renders app.core.review.audit_report's HTML: a paginated PDF (QTextDocument + QPdfWriter) or a
standalone HTML file with the charts embedded as PNG data URIs. The PDF is laid out and
painted page by page as QTextDocument.print_() would, without print_()'s copy of the
document (app.core.review.audit_report already splits long tables so pages paint quickly).
"""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)

from app.core.i18n import N_, _, using
from app.core.review.audit_report import CHART_NAMES, ReportInput, build_html, chart_data, week_data
from app.ui.charts import bars_image, png_bytes
from app.ui.week_chart import weeks_image

_TITLES = {"by_tool": N_("Incidents by AI tool"), "by_type": N_("Incidents by identifier type")}


def _charts(data: ReportInput) -> dict[str, bytes]:
    bars = chart_data(data)
    charts = {name: png_bytes(bars_image(_(title), bars[name])) for name, title in _TITLES.items()}
    return {"by_week": png_bytes(weeks_image(week_data(data))), **charts}


def report_kind(path: Path) -> str:
    """The report's format for `path`: pdf when its name ends in .pdf, otherwise html."""
    return "pdf" if path.suffix.lower() == ".pdf" else "html"


def write_report(data: ReportInput, path: Path, language: str, kind: str) -> None:
    """The report in `language` (this thread only), as a PDF or standalone HTML file."""
    with using(language):
        if kind == "pdf":
            write_pdf(data, path)
        else:
            write_html(data, path)


def write_html(data: ReportInput, path: Path) -> None:
    """One self-contained HTML file (no external images: it is mailed or archived)."""
    sources = {
        name: "data:image/png;base64," + base64.b64encode(png).decode()
        for name, png in _charts(data).items()
    }
    path.write_text(build_html(data, sources), encoding="utf-8")


def write_pdf(data: ReportInput, path: Path) -> int:
    """A4 PDF, paginated and page-numbered as QTextDocument.print_() does; returns pages."""
    document = QTextDocument()
    for name, png in _charts(data).items():
        document.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), QImage.fromData(png)
        )
    document.setHtml(build_html(data, {name: f"chart:{name}" for name in CHART_NAMES}))
    writer = QPdfWriter(str(path))
    writer.setTitle(_("HIPAA audit report"))
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
    _print(document, writer)
    return writer_pages(path)


def _print(document: QTextDocument, writer: QPdfWriter) -> None:
    """What QTextDocument.print_() does for an unpaginated document, minus its copy.

    print_() clones the whole document before laying it out on the printer's page (a
    second 472-page layout's worth of objects); this document is ours to change, so it
    is laid out in place: the same 2 cm frame margins at the screen's resolution, the
    writer's page as the page size, each page painted with the clip print_() uses and
    its number at the bottom right.
    """
    source = _screen_dpi()
    margin_x, margin_y = int(2 / 2.54 * source[0]), int(2 / 2.54 * source[1])
    frame = document.rootFrame().frameFormat()
    frame.setLeftMargin(margin_x)
    frame.setRightMargin(margin_x)
    frame.setTopMargin(margin_y)
    frame.setBottomMargin(margin_y)
    document.rootFrame().setFrameFormat(frame)
    layout = document.documentLayout()
    layout.setPaintDevice(writer)
    page = QSizeF(writer.width(), writer.height())
    document.setPageSize(page)
    painter = QPainter(writer)
    if not painter.isActive():  # Qt only warns; an empty file must not pass for a report
        raise OSError(_("the PDF file could not be opened for writing"))
    number_at = QPointF(
        page.width() - margin_x * writer.logicalDpiX() / source[0],
        page.height()
        - margin_y * writer.logicalDpiY() / source[1]
        + QFontMetrics(document.defaultFont(), writer).ascent()
        + 5 * writer.logicalDpiY() / 72.0,
    )
    for index in range(document.pageCount()):
        if index:
            writer.newPage()
        _paint_page(painter, document, index, page, number_at)
    painter.end()


def _paint_page(
    painter: QPainter, document: QTextDocument, index: int, page: QSizeF, number_at: QPointF
) -> None:
    view = QRectF(0, index * page.height(), page.width(), page.height())
    painter.save()
    painter.translate(0, -view.top())
    painter.setClipRect(view)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = view
    palette = context.palette
    palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)  # not the system's
    context.palette = palette
    document.documentLayout().draw(painter, context)
    painter.setClipping(False)
    painter.setFont(QFont(document.defaultFont()))
    number = str(index + 1)
    x = number_at.x() - painter.fontMetrics().horizontalAdvance(number)
    painter.drawText(round(x), round(number_at.y() + view.top()), number)
    painter.restore()


def _screen_dpi() -> tuple[float, float]:
    """The resolution Qt lays documents out at before printing (print_ uses the same)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return (100.0, 100.0)
    return (round(screen.logicalDotsPerInchX()), round(screen.logicalDotsPerInchY()))


def writer_pages(path: Path) -> int:
    """The page count of a PDF we wrote (its /Type /Page objects)."""
    data = path.read_bytes()
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")
