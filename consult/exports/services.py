"""Produce an export of a round as bytes and record it in the audit log. No Flask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from consult.audit.services import record
from consult.auth.models import User
from consult.errors import InvalidState
from consult.exports.dataset import Summary, build_summary
from consult.rounds.models import Round


def _renderers() -> dict[str, tuple[Callable[[Summary], bytes], str]]:
    from consult.exports.docx import to_docx
    from consult.exports.pdf import to_pdf
    from consult.exports.tabular import to_csv, to_json, to_xlsx

    return {
        "docx": (to_docx, "application/vnd.openxmlformats-officedocument"
                          ".wordprocessingml.document"),
        "pdf": (to_pdf, "application/pdf"),
        "xlsx": (to_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "csv": (to_csv, "text/csv"),  # Werkzeug adds "; charset=utf-8" to every text/ type
        "json": (to_json, "application/json"),
    }


FORMATS = ("docx", "pdf", "xlsx", "csv", "json")


@dataclass(frozen=True)
class ExportFile:
    filename: str
    mimetype: str
    data: bytes
    is_final: bool


def export_round(round_: Round, fmt: str, *, actor: User | None, now: datetime) -> ExportFile:
    """Render one export format of a round; the caller commits the audit event."""
    if fmt not in FORMATS:
        raise InvalidState(f"unknown format {fmt}")
    render, mimetype = _renderers()[fmt]
    summary = build_summary(round_, now=now)
    data = render(summary)
    suffix = "" if summary.is_final else "-concept"
    filename = f"{round_.slug}-{'samenvatting' if fmt in ('docx', 'pdf') else 'data'}" \
               f"{suffix}.{fmt}"
    record("round.export", actor=actor, obj=round_, region_id=round_.region_id, now=now,
           format=fmt, is_final=summary.is_final, answers=len(summary.answers))
    return ExportFile(filename=filename, mimetype=mimetype, data=data,
                      is_final=summary.is_final)
