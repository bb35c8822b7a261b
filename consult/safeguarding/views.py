"""Staff pages: a region's signal queue, one flagged contribution, the named contacts.

Every view of the queue or of a flagged contribution is written to the audit log.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from consult.auth.models import Membership
from consult.auth.permissions import is_member
from consult.db import db, utcnow
from consult.errors import Conflict, InvalidState, NotFound
from consult.forms import EmptyForm
from consult.regions.models import Region
from consult.rounds.models import Round
from consult.safeguarding import bp, services
from consult.safeguarding.forms import ActionForm, ContactForm
from consult.safeguarding.models import CrisisSignal, Outcome
from consult.safeguarding.permissions import may_follow_signals
from consult.scoping import get_scoped


def _followed_region(region_id: int) -> Region:
    region = db.session.get(Region, region_id)
    if region is None or not is_member(current_user, region.id):
        abort(404)
    if not may_follow_signals(current_user, region.id):
        abort(403)
    return region


@bp.route("/regio/<int:region_id>/signalen")
@login_required
def queue(region_id: int):
    region = _followed_region(region_id)
    signals = list(db.session.scalars(services.queue(region.id)))
    now = utcnow()
    services.log_queue_view(region.id, actor=current_user, now=now, shown=len(signals))
    db.session.commit()
    return render_template("safeguarding/queue.html", region=region, signals=signals,
                           contacts=services.contacts(region.id),
                           late_ids=services.late_ids(signals, now=now),
                           excerpts={s.id: services.flagged_answers(s) for s in signals
                                     if s.is_open})


@bp.route("/signaal/<int:signal_id>", methods=["GET", "POST"])
@login_required
def signal(signal_id: int):
    signal = db.session.get(CrisisSignal, signal_id)
    if signal is None:
        abort(404)
    region = _followed_region(signal.round.region_id)
    form = ActionForm()
    if signal.is_open and form.validate_on_submit():
        try:
            services.record_action(signal, Outcome(form.outcome.data), note=form.note.data or "",
                                   close=form.close.data, actor=current_user, now=utcnow())
        except InvalidState:
            flash("Dit signaal is al gesloten.", "error")
        else:
            db.session.commit()
            flash("Het signaal is gesloten." if form.close.data else "Uw actie is vastgelegd.",
                  "success")
        return redirect(url_for(".signal", signal_id=signal.id))
    services.log_signal_view(signal, actor=current_user, now=utcnow())
    db.session.commit()
    return render_template("safeguarding/signal.html", region=region, signal=signal, form=form,
                           answers=services.flagged_answers(signal),
                           contact=services.contact_details(signal))


@bp.route("/regio/<int:region_id>/aandachtsfunctionarissen", methods=["GET", "POST"])
@login_required
def contacts(region_id: int):
    region = get_scoped(Region, region_id, capability="name_safeguarding_contacts")
    named = services.contacts(region.id)
    form = ContactForm()
    form.user.choices = [("", "Kies een medewerker")] + [
        (str(m.user_id), f"{m.user.name} ({m.role.label.lower()})")
        for m in _active_members(region) if m.user_id not in {c.user_id for c in named}]
    if request.method == "POST" and request.form.get("remove"):
        return _remove(region, request.form["remove"])
    if form.validate_on_submit():
        member = next(m for m in _active_members(region) if str(m.user_id) == form.user.data)
        try:
            services.add_contact(region.id, member.user, actor=current_user, now=utcnow())
        except (Conflict, NotFound):
            form.user.errors.append("Deze medewerker kunt u niet aanwijzen.")
        else:
            db.session.commit()
            flash(f"{member.user.name} is nu aandachtsfunctionaris in {region.name}.", "success")
            return redirect(url_for(".contacts", region_id=region.id))
    return render_template("safeguarding/contacts.html", region=region, contacts=named,
                           form=form, button=EmptyForm())


def _active_members(region: Region) -> list[Membership]:
    members = db.session.query(Membership).filter_by(region_id=region.id).all()
    return sorted((m for m in members if m.is_active and m.user.is_enabled),
                  key=lambda m: m.user.name.lower())


def _remove(region: Region, user_id: str):
    try:
        services.remove_contact(region.id, int(user_id), actor=current_user, now=utcnow())
    except (NotFound, ValueError):
        abort(404)
    db.session.commit()
    flash("De medewerker is geen aandachtsfunctionaris meer.", "success")
    return redirect(url_for(".contacts", region_id=region.id))


@bp.app_context_processor
def _round_signals():
    def round_signals(round_: Round):
        """Open and late signals of a round, for staff who follow them; else None."""
        if not current_user.is_authenticated or not may_follow_signals(current_user,
                                                                       round_.region_id):
            return None
        return services.round_signals(round_.id, now=utcnow())

    return {"round_signals": round_signals, "may_follow_signals": may_follow_signals}
