"""The tracker as documents: the matrix as XLSX, a progress report as DOCX and PDF. No Flask.

The document style is the round summary's (consult/exports): the same headings, header
tables, formula-safe cells and local-only PDF rendering.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from docx import Document
from docx.shared import Pt
from jinja2 import Environment, FileSystemLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from weasyprint import HTML

from consult.dates import format_date, format_datetime
from consult.exports.docx import _header_table, _heading, _para
from consult.exports.pdf import PDF_OPTIONS, LocalOnlyFetcher
from consult.exports.tabular import safe_cell
from consult.implementation.models import StatusKind
from consult.implementation.overview import Matrix, Row, format_euro

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "implementation"
MATRIX_HEADER = ("Hoofdstuk", "Afspraak-id", "Afspraak", "Eigenaar", "Uiterlijk klaar",
                 "Bedrag (euro)", "Openbaar", "Stand")
DETAIL_HEADER = ("Hoofdstuk", "Afspraak-id", "Afspraak", "Gemeente", "Stand", "Datum", "Reden",
                 "Toelichting")
FILLS = {StatusKind.DONE: "DCF2E0", StatusKind.PREPARING: "FFF1C2",
         StatusKind.NOT_STARTED: "FDE4E2", StatusKind.NOT_APPLICABLE: "ECECEC"}


@dataclass(frozen=True)
class Report:
    """What a progress report is about: a region, or one municipality of it."""

    matrix: Matrix
    title: str
    generated_at: datetime

    @property
    def single(self) -> bool:
        return len(self.matrix.municipalities) == 1


def report_title(matrix: Matrix) -> str:
    if len(matrix.municipalities) == 1:
        return f"Voortgang uitvoeringsplan: gemeente {matrix.municipalities[0].name}"
    return f"Voortgang uitvoeringsplan {matrix.region.name}"


def to_xlsx(matrix: Matrix, *, generated_at: datetime) -> bytes:
    """Sheet "Matrix": one row per agreement, one column per municipality; "Toelichting":
    one row per agreement and municipality with date, reason and note; "Regio": about."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Matrix"
    sheet.append([*MATRIX_HEADER, *(m.name for m in matrix.municipalities)])
    for chapter in matrix.chapters:
        for row in chapter.rows:
            a = row.agreement
            sheet.append([safe_cell(v) for v in (
                chapter.name, a.id, a.title, a.owner, a.due_on, a.amount,
                "ja" if a.is_public else "nee", row.done_text,
                *(cell.status.label for cell in row.cells))])
            for cell, xl in zip(row.cells, sheet[sheet.max_row][len(MATRIX_HEADER):],
                                strict=True):
                xl.fill = PatternFill("solid", fgColor=FILLS[cell.status])
    _style(sheet, wide="C")
    for column in sheet.iter_cols(min_col=len(MATRIX_HEADER) + 1, max_row=1):
        column[0].alignment = Alignment(text_rotation=90)
    sheet.column_dimensions["E"].number_format = "yyyy-mm-dd"
    detail = book.create_sheet("Toelichting")
    detail.append(list(DETAIL_HEADER))
    for chapter in matrix.chapters:
        for row in chapter.rows:
            for cell in row.cells:
                detail.append([safe_cell(v) for v in (
                    chapter.name, row.agreement.id, row.agreement.title, cell.municipality.name,
                    cell.status.label, cell.status_on, cell.reason, cell.evidence)])
    _style(detail, wide="C")
    about = book.create_sheet("Regio")
    for label, value in (("Regio", matrix.region.name), ("Gemaakt op",
                                                        format_datetime(generated_at))):
        about.append([label, safe_cell(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _style(sheet, *, wide: str) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "D2"
    sheet.column_dimensions[wide].width = 50


def _themes_text(row: Row) -> str:
    return "; ".join(f"{t.label} ({t.round_title})" for t in row.themes)


def to_docx(report: Report) -> bytes:
    """An editable Word report: in short, then per chapter each agreement with its table."""
    document = Document()
    document.core_properties.title = report.title
    document.core_properties.language = "nl-NL"
    document.styles["Normal"].font.size = Pt(10.5)
    _heading(document, report.title, level=0)
    document.add_paragraph(f"Stand op {format_date(report.generated_at)}.")
    _heading(document, "In het kort", level=1)
    for chapter in report.matrix.chapters:
        _heading(document, chapter.name, level=2)
        for row in chapter.rows:
            paragraph = _para(document, "", "ListBullet")
            paragraph.add_run(row.agreement.title).bold = True
            paragraph.add_run(": " + _short(row, report))
    if not report.matrix.rows:
        document.add_paragraph("Er zijn nog geen afspraken.")
    for chapter in report.matrix.chapters:
        _heading(document, chapter.name, level=1)
        for row in chapter.rows:
            _agreement(document, row)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _short(row: Row, report: Report) -> str:
    return row.cells[0].status.label.lower() if report.single else row.done_text


def agreement_lines(row: Row) -> list[str]:
    """The facts of an agreement, one line each, for both documents."""
    a = row.agreement
    lines = [a.description] if a.description else []
    lines += [f"Eigenaar: {a.owner}."] if a.owner else []
    lines += [f"Uiterlijk klaar: {format_date(a.due_on)}."] if a.due_on else []
    lines += [f"Bedrag: {format_euro(a.amount)}."] if a.amount is not None else []
    lines += [f"U zei (thema's uit de inspraak): {_themes_text(row)}."] if row.themes else []
    return lines


def cell_rows(row: Row) -> list[tuple[str, str, str, str]]:
    """Gemeente, stand, datum, toelichting: the table under each agreement."""
    return [(c.municipality.name, c.status.label, format_date(c.status_on),
             " ".join(x for x in (f"Reden: {c.reason}." if c.reason else "", c.evidence) if x))
            for c in row.cells]


def _agreement(document, row: Row) -> None:
    _heading(document, row.agreement.title, level=2)
    for line in agreement_lines(row):
        document.add_paragraph(line)
    table = _header_table(document, ("Gemeente", "Stand", "Datum", "Toelichting"))
    for values in cell_rows(row):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["date_nl"] = format_date
    return env


def render_html(report: Report) -> str:
    """The HTML the PDF is made from."""
    return _environment().get_template("progress_pdf.html").render(
        report=report, agreement_lines=agreement_lines, cell_rows=cell_rows,
        short=lambda row: _short(row, report))


def to_pdf(report: Report) -> bytes:
    """The report as tagged PDF/UA, rendered without any network access."""
    html = HTML(string=render_html(report), base_url="data:,", url_fetcher=LocalOnlyFetcher())
    return html.write_pdf(**PDF_OPTIONS)
