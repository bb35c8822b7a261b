"""The consultation summary as an editable Word document (python-docx). No Flask."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt, RGBColor

from consult.exports import formatting as fmt
from consult.exports.charts import section_chart
from consult.exports.dataset import Summary, ThemeSummary

CONCEPT_RED = RGBColor(0xB0, 0x00, 0x20)
TABLE_STYLE = "LightList-Accent1"


def _para(document, text: str = "", style_id: str | None = None):
    """Add a paragraph; styles are set by id, as a lookup by name is slow in python-docx."""
    paragraph = document.add_paragraph(text)
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _heading(document, text: str, level: int):
    return _para(document, text, "Title" if level == 0 else f"Heading{level}")


def to_docx(summary: Summary) -> bytes:
    """Render the summary; an unsigned theme set gets a CONCEPT mark on every page."""
    document = Document()
    document.core_properties.title = fmt.title(summary)
    document.core_properties.language = "nl-NL"
    document.styles["Normal"].font.size = Pt(10.5)
    if not summary.is_final:
        _concept_mark(document)
    _heading(document, fmt.title(summary), level=0)
    _in_short(document, summary)
    _method(document, summary)
    for section in summary.sections:
        _heading(document, section.chapter, level=1)
        chart = section_chart(section)
        _picture(document, chart.png, chart.alt)
        _para(document, chart.alt, "Caption")
        for theme in section.themes:
            _theme(document, theme)
    if not summary.sections:
        document.add_paragraph("Er zijn nog geen thema's om te tonen.")
    _appendix(document, summary)
    _heading(document, "Vaststelling", level=1)
    document.add_paragraph(fmt.sign_off_text(summary))
    for line in fmt.sign_off_lines(summary):
        _para(document, line, "ListBullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _in_short(document, summary: Summary) -> None:
    """What matters first: themes per chapter with size and sentence, then per group."""
    _heading(document, "In het kort", level=1)
    for section in summary.sections:
        _heading(document, section.chapter, level=2)
        for theme in section.themes:
            paragraph = _para(document, "", "ListBullet")
            paragraph.add_run(f"{theme.label} ({theme.size} antwoorden)").bold = True
            sentence = fmt.first_sentence(theme.description)
            if sentence:
                paragraph.add_run(f": {sentence}")
    highlights = fmt.group_highlights(summary)
    if highlights:
        _heading(document, "Wat elke groep het meest noemde", level=2)
        for line in highlights:
            _para(document, line, "ListBullet")
        document.add_paragraph(fmt.GROUPS_NOTE)


def _concept_mark(document) -> None:
    header = document.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("CONCEPT")
    run.bold, run.font.size, run.font.color.rgb = True, Pt(28), CONCEPT_RED
    notice = document.add_paragraph()
    run = notice.add_run(fmt.CONCEPT_NOTICE)
    run.bold, run.font.color.rgb = True, CONCEPT_RED


def _picture(document, png: bytes, alt: str) -> None:
    document.add_picture(io.BytesIO(png), width=Cm(15))
    for doc_pr in document.paragraphs[-1]._p.xpath(".//wp:docPr"):
        doc_pr.set("descr", alt)  # the alt text screen readers announce


def _header_table(document, header: tuple[str, ...]):
    """A table whose first row is a real header row: marked, bold and repeated per page."""
    table = document.add_table(rows=1, cols=len(header))
    table._tbl.tblStyle_val = TABLE_STYLE
    row = table.rows[0]
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # screen readers: headers
    for cell, text in zip(row.cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    return table


def _table(document, header: tuple[str, str], rows) -> None:
    table = _header_table(document, header)
    for name, value in fmt.table_rows(rows):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, value


def _method(document, summary: Summary) -> None:
    _heading(document, "Over deze consultatie", level=1)
    for line in fmt.method_lines(summary):
        document.add_paragraph(line)
    _heading(document, "Vragen", level=2)
    for number, prompt, answers in summary.method.questions:
        _para(document, f"Vraag {number}: {prompt} ({answers} antwoorden)", "ListNumber")
    _heading(document, "Bereikte groepen", level=2)
    _table(document, ("Groep", "Inzendingen"), summary.method.groups)
    _heading(document, "Gemeenten", level=2)
    _table(document, ("Gemeente", "Inzendingen"), summary.method.municipalities)


def _theme(document, theme: ThemeSummary) -> None:
    _heading(document, theme.label, level=2)
    if theme.description:
        document.add_paragraph(theme.description)
    document.add_paragraph(f"Aantal antwoorden: {theme.size}.")
    if theme.near_copies_note:
        document.add_paragraph(theme.near_copies_note)
    if theme.keywords:
        document.add_paragraph("Trefwoorden: " + ", ".join(theme.keywords) + ".")
    if voices := fmt.theme_voices(theme):
        document.add_paragraph(voices)
    _table(document, ("Groep", "Antwoorden"), theme.by_group)
    document.add_paragraph()
    _table(document, ("Gemeente", "Antwoorden"), theme.by_municipality)
    if theme.quotes:
        _heading(document, "Citaten", 3)
    for quote in theme.quotes:
        paragraph = _para(document, "", "Quote")
        paragraph.add_run(f"“{quote.text}” ")
        paragraph.add_run(f"({quote.ref})").bold = True


def _appendix(document, summary: Summary) -> None:
    _heading(document, "Bijlage: uitgesloten thema's", level=1)
    if not summary.excluded:
        document.add_paragraph("Er zijn geen thema's uitgesloten.")
        return
    table = _header_table(document, ("Thema", "Antwoorden", "Reden"))
    for theme in summary.excluded:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = theme.label, str(theme.size)
        cells[2].text = theme.exclusion_reason or "Geen reden opgegeven"
