"""Data export as XLSX, CSV and JSON bytes (schema: docs/export-schema.md). No Flask."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from consult.disclosure import Count
from consult.exports.dataset import AnswerRow, Summary, ThemeSummary
from consult.exports.formatting import period, sign_off_lines, status_text

SCHEMA_VERSION = "2.0"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# No group, municipality or channel per answer: counting rows would undo the suppression
# of small cells in the breakdowns (docs/export-schema.md, "Kleine aantallen").
ANSWER_HEADER = ("Referentie", "Inzending", "Vraag", "Ingestuurd", "Citeren toegestaan",
                 "Tekst (geanonimiseerd)", "Thema's")
THEME_HEADER = ("Thema-id", "Thema", "Status", "Hoofdstuk", "Omschrijving", "Trefwoorden",
                "Aantal antwoorden", "Citaten", "Reden uitsluiting")


def safe_cell(value):
    """Neutralise text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _local(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def _answer_cells(row: AnswerRow) -> list:
    return [row.ref, row.submission_ref, row.question_number, _local(row.created_at),
            "ja" if row.quotable else "nee", row.text, ", ".join(str(i) for i in row.theme_ids)]


def _theme_cells(theme: ThemeSummary) -> list:
    return [theme.id, theme.label, theme.status, theme.chapter, theme.description,
            ", ".join(theme.keywords), theme.size, " ".join(q.ref for q in theme.quotes),
            theme.exclusion_reason]


def _all_themes(summary: Summary) -> list[ThemeSummary]:
    return [*summary.themes, *summary.excluded]


def to_xlsx(summary: Summary) -> bytes:
    """One sheet per question, a themes sheet and a sheet about the round."""
    book = Workbook()
    info = book.active
    info.title = "Ronde"
    for label, value in _info_rows(summary):
        info.append([safe_cell(label), safe_cell(value)])
    for number, prompt, _ in summary.method.questions:
        sheet = book.create_sheet(f"Vraag {number}")
        sheet.append([safe_cell(f"Vraag {number}: {prompt}")])
        sheet.append(list(ANSWER_HEADER))
        for row in summary.answers:
            if row.question_number == number:
                sheet.append([safe_cell(v) for v in _answer_cells(row)])
        _style(sheet, header_row=2)
    themes = book.create_sheet("Thema's")
    themes.append(list(THEME_HEADER))
    for theme in _all_themes(summary):
        themes.append([safe_cell(v) for v in _theme_cells(theme)])
    _style(themes, header_row=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _style(sheet, *, header_row: int) -> None:
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.column_dimensions["F"].width = 80


def _info_rows(summary: Summary) -> list[tuple[str, object]]:
    return [
        ("Ronde", summary.title), ("Regio", summary.region),
        ("Open vanaf", _local(summary.method.opens_at)),
        ("Gesloten op", _local(summary.method.closes_at)),
        ("Gepland tot", _local(summary.method.planned_closes_at)),
        ("Periode", period(summary)),
        ("Inzendingen", summary.method.submissions), ("Antwoorden", summary.method.answers),
        ("Status", status_text(summary)),
        *(("Vaststelling", line) for line in sign_off_lines(summary)),
        ("Gemaakt op", _local(summary.generated_at)),
    ]


def to_csv(summary: Summary) -> bytes:
    """All answers, one per line, `;`-separated, UTF-8 with BOM for Dutch Excel."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(ANSWER_HEADER)
    for row in summary.answers:
        writer.writerow([safe_cell(v) for v in _answer_cells(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _count(count: Count) -> dict:
    return {"value": count.public(), "display": str(count), "suppressed": count.is_suppressed}


def _breakdown(pairs) -> list[dict]:
    return [{"name": name, **_count(count)} for name, count in pairs]


def theme_dict(theme: ThemeSummary) -> dict:
    """A theme as the JSON export and the API show it."""
    return {
        "id": theme.id, "label": theme.label, "description": theme.description,
        "keywords": list(theme.keywords), "status": theme.status, "chapter": theme.chapter,
        "size": theme.size, "by_group": _breakdown(theme.by_group),
        "by_municipality": _breakdown(theme.by_municipality),
        "quotes": [{"ref": q.ref, "text": q.text} for q in theme.quotes],
        "exclusion_reason": theme.exclusion_reason or None,
    }


def answer_dict(row: AnswerRow) -> dict:
    """An answer row as the JSON export and the API show it."""
    return {
        "id": row.id, "ref": row.ref, "submission_ref": row.submission_ref,
        "question": row.question_number, "created_at": _local(row.created_at),
        "quotable": row.quotable,
        "text": row.text if row.quotable else None, "theme_ids": list(row.theme_ids),
    }


def method_dict(summary: Summary) -> dict:
    method = summary.method
    return {
        "opens_at": _local(method.opens_at), "closes_at": _local(method.closes_at),
        "planned_closes_at": _local(method.planned_closes_at),
        "submissions": method.submissions, "answers": method.answers,
        "unassigned": method.unassigned,
        "questions": [{"number": n, "prompt": p, "answers": a} for n, p, a in method.questions],
        "channels": _breakdown(method.channels),
        "groups": _breakdown(method.groups),
        "municipalities": _breakdown(method.municipalities),
    }


def _stamp(value: datetime | None) -> str | None:
    return _local(value) if value else None


def sign_off_dict(summary: Summary) -> dict:
    """Status and, per question, who offered and who signed off: the same facts as the text."""
    return {
        "is_final": summary.is_final, "status": status_text(summary),
        "questions": [{"question": s.question_number, "signed_by": s.signed_by,
                       "signed_at": _stamp(s.signed_at), "offered_by": s.offered_by,
                       "offered_at": _stamp(s.offered_at)} for s in summary.sign_offs],
        "analysis_run_id": summary.run_id,
    }


def to_json(summary: Summary) -> bytes:
    """Everything, machine-readable; documented in docs/export-schema.md."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": _local(summary.generated_at),
        "round": {"id": summary.round_id, "slug": summary.round_slug, "title": summary.title,
                  "region": summary.region, "small_cell_threshold": summary.threshold},
        "sign_off": sign_off_dict(summary),
        "method": method_dict(summary),
        "themes": [theme_dict(t) for t in _all_themes(summary)],
        "answers": [answer_dict(r) for r in summary.answers],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
