"""Erasure by receipt code (participant and staff) and the privacy register page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from consult.auth.permissions import regions_with
from consult.db import db, utcnow
from consult.errors import NotFound
from consult.extensions import limiter
from consult.privacy import bp, register, services, statement
from consult.privacy.forms import (
    AuditFilterForm,
    ErasureForm,
    PrivacyContactForm,
    StaffErasureForm,
)
from consult.regions.models import Region
from consult.rounds.models import Round
from consult.rounds.services import start_of_day
from consult.scoping import get_scoped

UNKNOWN_CODE = ("Deze code kennen wij niet bij deze ronde. Controleer de code en probeer het "
                "opnieuw.")


@bp.route("/r/<slug>/verwijderen", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def erase_own(slug: str):
    round_ = db.session.scalar(select(Round).where(Round.slug == slug)) or abort(404)
    form = ErasureForm()
    if form.validate_on_submit():
        try:
            services.erase_by_code(form.code.data, round_=round_, actor=None, channel="web",
                                   now=utcnow())
        except NotFound:
            form.code.errors.append(UNKNOWN_CODE)
        else:
            db.session.commit()
            return render_template("privacy/erased.html", round=round_)
    return render_template("privacy/erase_own.html", round=round_, form=form)


@bp.route("/privacy/ronde/<int:round_id>/verwijderverzoek", methods=["GET", "POST"])
@login_required
def erase_for_participant(round_id: int):
    round_ = get_scoped(Round, round_id, capability="manage_rounds")
    form = StaffErasureForm()
    if form.validate_on_submit():
        try:
            services.erase_by_code(form.code.data, round_=round_, actor=current_user,
                                   channel="staff", now=utcnow())
        except NotFound:
            form.code.errors.append(UNKNOWN_CODE)
        else:
            db.session.commit()
            flash("De inbreng bij deze code is verwijderd, ook uit thema's en exports.", "success")
            return redirect(url_for(".erase_for_participant", round_id=round_.id))
    return render_template("privacy/erase_staff.html", round=round_, form=form)


def _admin_regions() -> list[Region]:
    if current_user.is_superuser:
        return list(db.session.scalars(select(Region).order_by(Region.name)))
    ids = regions_with(current_user, "manage_region")
    if not ids:
        abort(403)
    return list(db.session.scalars(select(Region).where(Region.id.in_(ids)).order_by(Region.name)))


@bp.route("/privacy/")
@login_required
def overview():
    regions = _admin_regions()
    form = AuditFilterForm(request.args)
    form.region.choices = [("", "Alle regio's")] + [(str(r.id), r.name) for r in regions]
    ids = [r.id for r in regions]
    if form.validate() and form.region.data:
        ids = [i for i in ids if str(i) == form.region.data]
    flt = register.AuditFilter(
        region_ids=ids, include_global=current_user.is_superuser and not form.region.data,
        action=form.action.data or "", date_from=form.date_from.data, date_to=form.date_to.data)
    page = max(request.args.get("pagina", 1, type=int), 1)
    events = db.paginate(register.audit_events(flt, to_utc=start_of_day), page=page,
                         per_page=register.PAGE_SIZE, error_out=False)
    rounds = register.retention_rows([r.id for r in regions], raw_due_at=services.raw_due_at)
    return render_template("privacy/overview.html", form=form, events=events, rounds=rounds,
                           purposes=register.PURPOSES)


@bp.route("/r/<slug>/privacy")
def statement_page(slug: str):
    round_ = db.session.scalar(select(Round).where(Round.slug == slug)) or abort(404)
    return render_template("privacy/statement.html", round=round_,
                           statement=statement.statement(round_),
                           complaint_url=statement.COMPLAINT_URL)


@bp.route("/privacy/regio/<int:region_id>/contact", methods=["GET", "POST"])
@login_required
def region_contact(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_rounds")
    form = PrivacyContactForm(obj=statement.stored_contact(region))
    if form.validate_on_submit():
        statement.save_contact(region, form.values(), actor=current_user, now=utcnow())
        db.session.commit()
        flash("De privacy- en contactgegevens zijn opgeslagen.", "success")
        return redirect(url_for(".region_contact", region_id=region.id))
    return render_template("privacy/region_contact.html", region=region, form=form)


@bp.app_template_global("privacy_contact")
def privacy_contact(region: Region) -> statement.RegionContact:
    """The region's contacts, for the privacy statement link and the receipt page's help."""
    return statement.region_contact(region)
