"""The matrix round-trips through XLSX; the progress reports hold the same facts."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from consult.db import db, utcnow
from consult.implementation import overview, services
from consult.implementation.models import StatusKind
from consult.implementation.services import StatusFields
from tests.exports.test_documents import docx_text, pdf_text


def _fill(tracker) -> None:
    services.set_status(tracker.agreement, tracker.goes, StatusFields(
        StatusKind.DONE, status_on=date(2026, 10, 1), evidence="=Netwerk draait"),
        actor=tracker.leader, now=utcnow())
    services.set_status(tracker.agreement, tracker.middelburg, StatusFields(
        StatusKind.NOT_APPLICABLE, reason="Regeling via Goes"), actor=tracker.leader,
        now=utcnow())
    services.save_agreement(tracker.region, services.AgreementFields(
        title="Solidariteitsfonds", chapter_id=tracker.region.chapters[1].id, amount=2_500_000,
        owner="Centrumgemeente"), actor=tracker.leader, now=utcnow())
    db.session.commit()


def test_the_matrix_xlsx_reads_back_as_the_same_matrix(tracker):
    _fill(tracker)
    matrix = overview.matrix(tracker.region)
    export = services.export(tracker.region, "xlsx", actor=tracker.leader, now=utcnow())
    book = load_workbook(io.BytesIO(export.data))
    rows = list(book["Matrix"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    names = [m.name for m in matrix.municipalities]
    assert list(header[-len(names):]) == names
    expected = [(chapter.name, row.agreement.id, row.agreement.title, row.agreement.amount,
                 [cell.status.label for cell in row.cells])
                for chapter in matrix.chapters for row in chapter.rows]
    read = [(r[0], r[1], r[2], r[5], list(r[-len(names):])) for r in body]
    assert read == expected
    assert read[0][4] == ["Gerealiseerd", "Niet van toepassing", "Niet gestart"]
    assert read[1][3] == 2_500_000
    detail = {(r[2], r[3]): r for r in book["Toelichting"].iter_rows(min_row=2, values_only=True)}
    goes = detail["OGGZ-netwerk", "Goes"]
    assert goes[4] == "Gerealiseerd" and goes[5].date() == date(2026, 10, 1)
    assert goes[7] == "'=Netwerk draait"  # a formula stays text
    assert detail["OGGZ-netwerk", "Middelburg"][6] == "Regeling via Goes"
    assert export.filename == "afspraken-zeeland-test.xlsx"


def test_the_region_report_holds_every_agreement_and_status(tracker):
    _fill(tracker)
    text, _ = docx_text(services.export(tracker.region, "docx", actor=None, now=utcnow()).data)
    assert "Voortgang uitvoeringsplan Zeeland-test" in text
    assert "OGGZ-netwerk: 1 van 2 gerealiseerd" in text
    assert "Bedrag: € 2.500.000." in text and "U zei (thema's uit de inspraak)" in text
    assert "Reden: Regeling via Goes." in text


def test_the_municipality_pdf_is_tagged_and_about_that_municipality(tracker):
    _fill(tracker)
    data = services.export(tracker.region, "pdf", municipality=tracker.goes, actor=None,
                           now=utcnow()).data
    reader = PdfReader(io.BytesIO(data))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == "Voortgang uitvoeringsplan: gemeente Goes"
    text = pdf_text(data)
    assert "OGGZ-netwerk: gerealiseerd" in text and "Middelburg" not in text
