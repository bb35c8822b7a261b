"""Data exports (XLSX, CSV, JSON), the export command and the export page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.exports.services import export_round
from consult.exports.tabular import safe_cell
from consult.submissions.models import Submission
from consult.submissions.services import erase
from tests.exports.planted_pii import PLANTED_ANSWERS, PLANTED_TAGS, leaked
from tests.theme_factories import make_theme_set


def export(round_, fmt):
    return export_round(round_, fmt, actor=None, now=utcnow()).data


@pytest.mark.parametrize("value,expected", [
    ("=SOM(A1)", "'=SOM(A1)"), ("+31 6", "'+31 6"), ("-5", "'-5"), ("@cmd", "'@cmd"),
    ("gewoon", "gewoon"), (12, 12),
])
def test_formula_cells_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_xlsx_has_a_sheet_per_question_and_a_themes_sheet(app, themed_round):
    round_ = themed_round()
    book = load_workbook(io.BytesIO(export(round_, "xlsx")))
    assert book.sheetnames == ["Ronde", "Vraag 1", "Vraag 2", "Thema's"]
    rows = list(book["Vraag 1"].iter_rows(values_only=True))
    assert rows[1][0] == "Referentie"
    texts = [r[5] for r in rows[2:]]
    assert all(not (t or "").startswith(("=", "+", "-", "@")) for t in texts)
    assert any((t or "").startswith("Er zijn te weinig") for t in texts)
    themes = [r[1] for r in book["Thema's"].iter_rows(min_row=2, values_only=True)]
    assert themes == ["Betaalbare woningen", "Lange wachtlijsten", "Niet over het onderwerp"]


def test_csv_is_semicolon_separated_utf8_with_bom(app, themed_round):
    data = export(themed_round(), "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Referentie" and rows[0][5] == "Tekst (geanonimiseerd)"
    assert len(rows) > 20


def test_answers_without_quote_consent_are_counted_but_not_quoted(app, themed_round):
    round_ = themed_round()
    data = json.loads(export(round_, "json"))
    private = [a for a in data["answers"] if not a["quotable"]]
    assert len(private) == 1 and private[0]["text"] is None and private[0]["theme_ids"]
    theme = next(t for t in data["themes"] if t["id"] in private[0]["theme_ids"])
    assert private[0]["ref"] not in [q["ref"] for q in theme["quotes"]]
    for fmt in ("csv", "json"):
        assert "mijn buurman zoekt" not in export(round_, fmt).decode("utf-8-sig")
    book = load_workbook(io.BytesIO(export(round_, "xlsx")))
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert not any("mijn buurman zoekt" in c for c in cells)


def test_json_export_has_everything_with_suppressed_cells(app, themed_round):
    data = json.loads(export(themed_round(signed=False), "json"))
    assert data["schema_version"] == "2.0"
    assert data["sign_off"]["is_final"] is False
    groups = {g["name"]: g for g in data["method"]["groups"]}
    assert groups["Adviesraad"] == {"name": "Adviesraad", "value": None, "display": "< 5",
                                    "suppressed": True}
    statuses = {t["label"]: t["status"] for t in data["themes"]}
    assert statuses["Niet over het onderwerp"] == "uitgesloten"
    assert all("raw_text" not in a for a in data["answers"])


def _export_text(round_, fmt: str) -> str:
    data = export(round_, fmt)
    if fmt != "xlsx":
        return data.decode("utf-8-sig")
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True)
                     for c in row if c is not None)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_no_raw_pii_in_data_exports(app, themed_round, fmt):
    round_ = themed_round(pii_texts=PLANTED_ANSWERS)
    text = _export_text(round_, fmt)
    assert leaked(text) == []
    assert [tag for tag in PLANTED_TAGS if tag not in text] == []  # the answers are in it


def test_withdrawn_input_is_not_exported(app, themed_round, make_submission):
    round_ = themed_round()
    before = json.loads(export(round_, "json"))
    sub = db.session.scalars(select(Submission).where(Submission.round_id == round_.id)).first()
    erase(sub, now=utcnow())
    db.session.commit()
    after = json.loads(export(round_, "json"))
    assert after["method"]["submissions"] == before["method"]["submissions"] - 1
    assert sub.reference not in {a["submission_ref"] for a in after["answers"]}


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx", "csv", "json"])
def test_export_command_by_id_or_slug(app, runner, themed_round, tmp_path, fmt):
    round_ = themed_round()
    out = tmp_path / f"export.{fmt}"
    key = round_.slug if fmt in ("pdf", "csv") else str(round_.id)
    result = runner.invoke(args=["export", key, "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 100 and "final" in result.output


def test_export_command_unknown_round(app, runner, tmp_path):
    result = runner.invoke(args=["export", "bestaat-niet", "--format", "json",
                                 "--out", str(tmp_path / "x.json")])
    assert result.exit_code != 0 and "no round" in result.output


def test_export_page_and_download_are_audited(app, client, login_as, themed_round):
    round_ = themed_round()
    login_as("project_leader")
    page = client.get(f"/rondes/{round_.id}/export")
    assert page.status_code == 200 and "Data als CSV" in page.get_data(as_text=True)
    response = client.post(f"/rondes/{round_.id}/export/xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.data)).sheetnames[0] == "Ronde"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "round.export"))
    assert [e.details["format"] for e in events] == ["xlsx"]


@pytest.mark.parametrize("fmt,content_type", [
    ("csv", "text/csv; charset=utf-8"),
    ("json", "application/json"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
])
def test_download_names_its_content_type_once(app, client, login_as, themed_round, fmt,
                                              content_type):
    round_ = themed_round()
    login_as("project_leader")
    response = client.post(f"/rondes/{round_.id}/export/{fmt}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == content_type


@pytest.mark.parametrize("role,status", [("facilitator", 403), ("policy_officer", 200)])
def test_export_needs_the_export_capability(app, client, login_as, themed_round, role, status):
    round_ = themed_round()
    login_as(role)
    assert client.get(f"/rondes/{round_.id}/export").status_code == status


def test_export_outside_own_region_is_404(app, client, login_as, themed_round, make_region):
    round_ = themed_round()
    login_as("project_leader", in_region=make_region("Elders"))
    assert client.post(f"/rondes/{round_.id}/export/json").status_code == 404


def test_residual_theme_is_not_a_theme_and_its_answers_count_as_unassigned(
        app, region, make_round, make_submission):
    round_ = make_round(questions=1)
    answers = [make_submission(round_, f"Antwoord {i}").answers[0] for i in range(3)]
    make_theme_set(round_, round_.questions[0], [
        {"label": "Wonen", "answers": answers[:1]},
        {"label": "Niet ingedeeld", "answers": answers[1:], "residual": True,
         "status": "voorgesteld"},
    ])
    data = json.loads(export(round_, "json"))
    assert [t["label"] for t in data["themes"]] == ["Wonen"]
    assert data["method"]["unassigned"] == 2
    document = Document(io.BytesIO(export(round_, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Wonen" in text and "Niet ingedeeld" not in text
