"""Summary exports (DOCX, PDF): content, suppression, watermark, quote references, no PII."""

from __future__ import annotations

import io
import json
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from consult.db import utcnow
from consult.exports.dataset import build_summary
from consult.exports.pdf import LocalOnlyFetcher, render_html
from consult.exports.services import export_round
from tests.exports.planted_pii import PLANTED_ANSWERS, PLANTED_TAGS, leaked

REF = re.compile(r"#R\d+-\d{4,}/V\d+")


def docx_text(data: bytes) -> tuple[str, str]:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    return "\n".join(parts), header


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def export(round_, fmt):
    return export_round(round_, fmt, actor=None, now=utcnow())


def test_docx_contains_method_themes_breakdown_quotes_and_appendix(app, themed_round):
    round_ = themed_round(signed=True)
    text, header = docx_text(export(round_, "docx").data)
    assert "Samenvatting consultatie: Toekomst van wonen en opvang" in text
    assert "Over deze consultatie" in text and "Bereikte groepen" in text
    assert "Betaalbare woningen" in text and "Lange wachtlijsten" in text
    assert "Wonen" in text and "Toegang" in text  # chapters as sections
    assert "< 5" in text  # adviesraad has 2 submissions: suppressed
    assert "Bijlage: uitgesloten thema's" in text
    assert "Gaat niet over wonen of opvang." in text
    assert "vastgesteld door Medewerker policy_officer" in text
    assert "CONCEPT" not in header and "CONCEPT" not in text
    assert "Staafdiagram voor Wonen" in text  # chart text alternative
    assert "Geen citaat graag" not in text  # counted, never quoted


def test_docx_chart_has_alt_text(app, themed_round):
    document = Document(io.BytesIO(export(themed_round(), "docx").data))
    descriptions = [el.get("descr") for el in document.element.body.iter()
                    if el.tag.endswith("}docPr")]
    assert descriptions and all(d.startswith("Staafdiagram voor") for d in descriptions)


def test_unsigned_set_exports_with_concept_watermark(app, themed_round):
    round_ = themed_round(signed=False)
    result = export(round_, "docx")
    text, header = docx_text(result.data)
    assert "CONCEPT" in header and "nog niet vastgesteld" in text
    assert result.filename.endswith("-concept.docx")
    assert "CONCEPT" in pdf_text(export(round_, "pdf").data)


def structure_tags(node) -> list[tuple[str, str | None]]:
    """Every tag of a PDF structure tree with its /Alt text, depth first."""
    node = node.get_object()
    found = [(node["/S"], node.get("/Alt"))] if "/S" in node else []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
            found += structure_tags(kid)
    return found


def test_docx_uses_heading_styles_and_marked_table_headers(app, themed_round):
    document = Document(io.BytesIO(export(themed_round(), "docx").data))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    assert document.core_properties.language == "nl-NL" and document.core_properties.title
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.trPr is not None and header.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_pdf_is_tagged_and_holds_the_same_content(app, themed_round):
    round_ = themed_round(signed=True)
    data = export(round_, "pdf").data
    reader = PdfReader(io.BytesIO(data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.trailer["/Root"].get("/Lang") == "nl"
    assert reader.metadata.title == "Samenvatting consultatie: Toekomst van wonen en opvang"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]
    tags = structure_tags(reader.trailer["/Root"]["/StructTreeRoot"])
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/Figure"} <= {s for s, _ in tags}
    alts = [alt for s, alt in tags if s == "/Figure"]
    assert alts and all(alt.startswith("Staafdiagram voor") for alt in alts)
    text = pdf_text(data)
    assert "Betaalbare woningen" in text and "< 5" in text and "CONCEPT" not in text
    assert "Bijlage: uitgesloten thema's" in text
    assert REF.search(text)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_quotes_resolve_to_exactly_one_answer_in_the_data_export(app, themed_round, fmt):
    round_ = themed_round()
    data = export(round_, fmt).data
    text = docx_text(data)[0] if fmt == "docx" else pdf_text(data).replace("\n", "")
    refs = set(REF.findall(text))
    assert refs
    answers = json.loads(export(round_, "json").data)["answers"]
    for ref in refs:
        matches = [a for a in answers if a["ref"] == ref]
        assert len(matches) == 1 and matches[0]["quotable"] and matches[0]["text"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_no_raw_pii_in_summaries(app, themed_round, fmt):
    round_ = themed_round(pii_texts=PLANTED_ANSWERS)
    data = export(round_, fmt).data
    text = "\n".join(docx_text(data)) if fmt == "docx" else pdf_text(data)
    assert leaked(text) == []
    assert [tag for tag in PLANTED_TAGS if tag not in text] == []  # the answers are quoted


def test_pdf_never_fetches_external_resources(app, themed_round):
    with pytest.raises(ValueError):
        LocalOnlyFetcher().fetch("https://example.org/tracker.png")
    html = render_html(build_summary(themed_round(), now=utcnow()))
    assert "http://" not in html and "https://" not in html


def hidden_cells_can_be_worked_out(pairs, total: int) -> bool:
    """Whether the total minus the shown cells gives away a single hidden cell."""
    hidden = [count for _, count in pairs if count.is_suppressed]
    return len(hidden) == 1 and total - sum(c.value for _, c in pairs if not c.is_suppressed) \
        == hidden[0].value


def test_data_export_agrees_with_the_summary_and_keeps_hidden_cells_hidden(app, themed_round):
    round_ = themed_round()
    summary = build_summary(round_, now=utcnow())
    data = json.loads(export(round_, "json").data)
    themes = {t["id"]: t for t in data["themes"]}
    for theme in summary.themes:
        rows = [a for a in data["answers"] if theme.id in a["theme_ids"]]
        assert len(rows) == theme.size  # sizes are recounted from the rows
        assert [(c["name"], c["display"]) for c in themes[theme.id]["by_group"]] == \
            [(name, str(count)) for name, count in theme.by_group]
        assert not hidden_cells_can_be_worked_out(theme.by_group, theme.size)
    groups = summary.method.groups
    assert any(count.is_suppressed for _, count in groups)  # adviesraad: 2 submissions
    assert not hidden_cells_can_be_worked_out(groups, summary.method.submissions)
    assert [(c["name"], c["value"]) for c in data["method"]["groups"]] == \
        [(name, count.public()) for name, count in groups]
    assert data["method"]["submissions"] == summary.method.submissions
    assert len(data["answers"]) == summary.method.answers
    # Rows with a group or municipality would let anyone recount every hidden cell.
    assert all(not {"group", "municipality", "channel"} & set(a) for a in data["answers"])
    header = export(round_, "csv").data.decode("utf-8-sig").splitlines()[0]
    assert "Groep" not in header and "Gemeente" not in header and "Kanaal" not in header


def test_hidden_groups_are_drawn_as_one_overig_line_that_gives_nothing_away(app, themed_round):
    round_ = themed_round()
    summary = build_summary(round_, now=utcnow())
    shown = sum(c.value for _, c in summary.method.groups if not c.is_suppressed)
    together = summary.method.submissions - shown  # what a reader could already work out
    text = docx_text(export(round_, "docx").data)[0]
    pdf = " ".join(pdf_text(export(round_, "pdf").data).split())
    # Adviesraad (2) is small, Ervaringsdeskundige (6) is hidden to protect it: one line.
    for drawn in (text, pdf):
        assert re.search(rf"Overig \(Adviesraad, Ervaringsdeskundige\)\s*{together}\b", drawn)
        assert not re.search(r"Adviesraad\s*< 5", drawn)
        assert "verborgen\n" not in drawn and not re.search(r"Ervaringsdeskundige\s*\d", drawn)
