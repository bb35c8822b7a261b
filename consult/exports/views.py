"""Staff export page and downloads; the download route is rate limited and audit-logged."""

from __future__ import annotations

import io

from flask import abort, current_app, render_template, send_file
from flask_login import current_user, login_required

from consult.db import db, utcnow
from consult.exports import formatting as fmt
from consult.exports.dataset import build_summary
from consult.exports.services import export_round
from consult.extensions import limiter
from consult.forms import EmptyForm
from consult.rounds.models import Round
from consult.scoping import get_scoped

from . import bp

FORMAT_LABELS = {
    "docx": ("Samenvatting als Word-bestand (DOCX)", "Om verder te bewerken voor de visie."),
    "pdf": ("Samenvatting als PDF", "Toegankelijke PDF om te delen."),
    "xlsx": ("Data als Excel-bestand (XLSX)", "Een tabblad per vraag en een tabblad thema's."),
    "csv": ("Data als CSV", "Puntkomma-gescheiden, opent goed in Nederlandse Excel."),
    "json": ("Data als JSON", "Alles, voor eigen analyse. Het schema staat in de documentatie."),
}


def _export_limit() -> str:
    return current_app.config.get("RATELIMIT_EXPORT", "30 per hour")


@bp.route("/<int:round_id>/export")
@login_required
def page(round_id: int):
    round_ = get_scoped(Round, round_id, capability="export")
    summary = build_summary(round_, now=utcnow())
    return render_template("exports/page.html", round=round_, summary=summary, fmt=fmt,
                           formats=FORMAT_LABELS, button=EmptyForm())


@bp.route("/<int:round_id>/export/<any(docx, pdf, xlsx, csv, json):fmt>", methods=["POST"])
@login_required
@limiter.limit(_export_limit)
def download(round_id: int, fmt: str):
    round_ = get_scoped(Round, round_id, capability="export")
    if not EmptyForm().validate_on_submit():
        abort(400)
    export = export_round(round_, fmt, actor=current_user, now=utcnow())
    db.session.commit()
    return send_file(io.BytesIO(export.data), mimetype=export.mimetype, as_attachment=True,
                     download_name=export.filename)

