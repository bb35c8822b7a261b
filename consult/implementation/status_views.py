"""Changing where one municipality stands with one agreement."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from consult.db import db, utcnow
from consult.implementation import bp, services
from consult.implementation.forms import StatusForm
from consult.implementation.models import Agreement, StatusKind
from consult.implementation.views import scoped_municipality

RETURN_TO = {"matrix", "afspraak"}


def _back(agreement: Agreement, municipality, to: str) -> str:
    if to == "matrix":
        return url_for(".matrix", region_id=agreement.region_id,
                       _anchor=f"afspraak-{agreement.id}")
    if to == "afspraak":
        return url_for(".agreement", agreement_id=agreement.id)
    return url_for(".municipality", municipality_id=municipality.id,
                   _anchor=f"afspraak-{agreement.id}")


def _form(agreement: Agreement, municipality) -> StatusForm:
    form = StatusForm()
    current = services.status_of(agreement, municipality)
    if not form.is_submitted():
        form.status.data = (current.status if current else StatusKind.NOT_STARTED).value
        if current is not None:
            form.reason.data, form.evidence.data = current.reason, current.evidence
            form.status_on.data = current.status_on
    return form


@bp.route("/uitvoering/afspraak/<int:agreement_id>/gemeente/<int:municipality_id>",
          methods=["GET", "POST"])
@login_required
def status(agreement_id: int, municipality_id: int):
    municipality = scoped_municipality(municipality_id, "update_status")
    agreement = db.session.get(Agreement, agreement_id)
    if agreement is None or agreement.region_id != municipality.region_id:
        abort(404)
    to = request.args.get("terug", "") if request.args.get("terug") in RETURN_TO else ""
    form = _form(agreement, municipality)
    if form.validate_on_submit():
        services.set_status(agreement, municipality, services.StatusFields(
            StatusKind(form.status.data), reason=form.reason.data or "",
            status_on=form.status_on.data, evidence=form.evidence.data or ""),
            actor=current_user, now=utcnow())
        db.session.commit()
        flash(f"De stand van zaken van {municipality.name} is opgeslagen.", "success")
        return redirect(_back(agreement, municipality, to))
    return render_template("implementation/status_form.html", agreement=agreement,
                           municipality=municipality, form=form, back=_back(
                               agreement, municipality, to)), 422 if form.is_submitted() else 200

