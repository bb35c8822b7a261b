"""Staff pages of the implementation tracker: matrix, agreements, history, municipalities."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from consult.auth.permissions import can, can_for_municipality
from consult.db import db, utcnow
from consult.forms import EmptyForm
from consult.implementation import bp, overview, services
from consult.implementation.forms import AgreementForm
from consult.implementation.models import Agreement, StatusKind
from consult.regions.models import Municipality, Region
from consult.scoping import get_scoped, require_municipality
from consult.themes.choices import theme_choices, themes_by_ids


@bp.app_context_processor
def _helpers():
    return {"agreements_answering": overview.agreements_for_theme,
            "has_public_progress": overview.has_public_progress,
            "format_euro": overview.format_euro, "StatusKind": StatusKind}


def may_update(municipality: Municipality) -> bool:
    """Whether the current user may change this municipality's statuses."""
    return can_for_municipality(current_user, "update_status", region_id=municipality.region_id,
                                municipality_id=municipality.id)


def scoped_municipality(municipality_id: int, capability: str) -> Municipality:
    """A municipality in the user's regions (else 404) that the user may act for (else 403)."""
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None:
        abort(404)
    require_municipality(capability, region_id=municipality.region_id,
                         municipality_id=municipality.id)
    return municipality


@bp.route("/uitvoering/")
@login_required
def index():
    entries = []
    for membership in current_user.active_memberships:
        if can(current_user, "view_agreements", membership.region_id):
            entries.append((membership.region, None))
        elif membership.municipality is not None:
            entries.append((membership.region, membership.municipality))
    return render_template("implementation/index.html", entries=entries)


@bp.route("/uitvoering/regio/<int:region_id>")
@login_required
def matrix(region_id: int):
    region = get_scoped(Region, region_id, capability="view_agreements")
    return render_template("implementation/matrix.html", region=region,
                           matrix=overview.matrix(region), may_update=may_update,
                           may_manage=can(current_user, "manage_agreements", region.id))


def _agreement_form(region: Region, agreement: Agreement | None = None) -> AgreementForm:
    form = AgreementForm(obj=agreement)
    form.chapter.choices = [(0, "Geen hoofdstuk"), *((c.id, c.name) for c in region.chapters)]
    linked = services.linked_theme_ids(agreement) if agreement is not None else set()
    choices = {t.id: t for t in theme_choices(region.id)}
    choices.update({t.id: t for t in themes_by_ids(linked) if t.id not in choices})
    form.themes.choices = [(t.id, f"{t.label} ({t.round_title})") for t in choices.values()]
    if agreement is not None and not form.is_submitted():
        form.chapter.data = agreement.chapter_id or 0
        form.themes.data = sorted(linked)
    return form


def _fields(form: AgreementForm) -> services.AgreementFields:
    return services.AgreementFields(
        title=form.title.data, chapter_id=form.chapter.data or None,
        description=form.description.data or "", owner=form.owner.data or "",
        due_on=form.due_on.data, amount=form.amount.data, is_public=form.is_public.data,
        theme_ids=tuple(form.themes.data or ()))


def _save(region: Region, agreement: Agreement | None):
    form = _agreement_form(region, agreement)
    if form.validate_on_submit():
        saved = services.save_agreement(region, _fields(form), agreement=agreement,
                                        actor=current_user, now=utcnow())
        db.session.commit()
        flash("De afspraak is opgeslagen.", "success")
        return redirect(url_for(".agreement", agreement_id=saved.id))
    status = 422 if form.is_submitted() else 200
    return render_template("implementation/agreement_form.html", region=region, form=form,
                           agreement=agreement), status


@bp.route("/uitvoering/regio/<int:region_id>/nieuwe-afspraak", methods=["GET", "POST"])
@login_required
def create(region_id: int):
    return _save(get_scoped(Region, region_id, capability="manage_agreements"), None)


@bp.route("/uitvoering/afspraak/<int:agreement_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(agreement_id: int):
    agreement = get_scoped(Agreement, agreement_id, capability="manage_agreements")
    return _save(agreement.region, agreement)


@bp.route("/uitvoering/afspraak/<int:agreement_id>/verwijderen", methods=["POST"])
@login_required
def delete(agreement_id: int):
    agreement = get_scoped(Agreement, agreement_id, capability="manage_agreements")
    if not EmptyForm().validate_on_submit():
        abort(400)
    region_id, title = agreement.region_id, agreement.title
    services.delete_agreement(agreement, actor=current_user, now=utcnow())
    db.session.commit()
    flash(f"De afspraak '{title}' is verwijderd. De geschiedenis staat in het auditlog.",
          "success")
    return redirect(url_for(".matrix", region_id=region_id))


@bp.route("/uitvoering/afspraak/<int:agreement_id>")
@login_required
def agreement(agreement_id: int):
    agreement = get_scoped(Agreement, agreement_id, capability="view_agreements")
    return render_template("implementation/agreement.html", agreement=agreement,
                           row=overview.agreement_row(agreement), may_update=may_update,
                           may_manage=can(current_user, "manage_agreements",
                                          agreement.region_id))


@bp.route("/uitvoering/afspraak/<int:agreement_id>/geschiedenis")
@login_required
def history(agreement_id: int):
    agreement = get_scoped(Agreement, agreement_id, capability="view_agreements")
    return render_template("implementation/history.html", agreement=agreement,
                           entries=overview.history(agreement))


@bp.route("/uitvoering/gemeente/<int:municipality_id>")
@login_required
def municipality(municipality_id: int):
    municipality = scoped_municipality(municipality_id, "view_municipality")
    return render_template("implementation/municipality.html", municipality=municipality,
                           matrix=overview.for_municipality(municipality),
                           may_update=may_update(municipality),
                           may_view_region=can(current_user, "view_agreements",
                                               municipality.region_id))
