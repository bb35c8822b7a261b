"""Downloads: the matrix as XLSX and progress reports as DOCX or PDF; rate limited, audited."""

from __future__ import annotations

import io

from flask import abort, current_app, send_file
from flask_login import current_user, login_required

from consult.db import db, utcnow
from consult.extensions import limiter
from consult.forms import EmptyForm
from consult.implementation import bp, services
from consult.implementation.views import scoped_municipality
from consult.regions.models import Region
from consult.scoping import get_scoped


def _export_limit() -> str:
    # The same budget as the round exports (RATELIMIT_EXPORT).
    return current_app.config.get("RATELIMIT_EXPORT", "30 per hour")


def _send(export: services.ExportFile):
    db.session.commit()
    return send_file(io.BytesIO(export.data), mimetype=export.mimetype, as_attachment=True,
                     download_name=export.filename)


@bp.route("/uitvoering/regio/<int:region_id>/export/<any(xlsx, docx, pdf):fmt>",
          methods=["POST"])
@login_required
@limiter.limit(_export_limit)
def export_region(region_id: int, fmt: str):
    region = get_scoped(Region, region_id, capability="view_agreements")
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _send(services.export(region, fmt, actor=current_user, now=utcnow()))


@bp.route("/uitvoering/gemeente/<int:municipality_id>/export/<any(docx, pdf, xlsx):fmt>",
          methods=["POST"])
@login_required
@limiter.limit(_export_limit)
def export_municipality(municipality_id: int, fmt: str):
    municipality = scoped_municipality(municipality_id, "view_municipality")
    if not EmptyForm().validate_on_submit():
        abort(400)
    return _send(services.export(municipality.region, fmt, municipality=municipality,
                                 actor=current_user, now=utcnow()))
