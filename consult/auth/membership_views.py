"""Invitations to a region waiting for the account's owner: accept or decline."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from consult.auth import bp, services
from consult.db import db, utcnow
from consult.errors import NotFound
from consult.forms import EmptyForm


@bp.route("/account/uitnodigingen")
@login_required
def pending_memberships():
    return render_template("auth/pending_memberships.html",
                           pending=current_user.pending_memberships, button=EmptyForm())


@bp.route("/account/uitnodigingen/<int:membership_id>/<any(accepteren, weigeren):action>",
          methods=["POST"])
@login_required
def answer_membership(membership_id: int, action: str):
    if not EmptyForm().validate_on_submit():
        abort(400)
    answer = services.accept_membership if action == "accepteren" else services.decline_membership
    try:
        membership = answer(current_user, membership_id, now=utcnow())
    except NotFound:
        abort(404)
    db.session.commit()
    if action == "accepteren":
        flash(f"U werkt nu ook in {membership.region.name} als {membership.role.label.lower()}.",
              "success")
    else:
        flash(f"U heeft de uitnodiging voor {membership.region.name} geweigerd.", "success")
    return redirect(url_for(".pending_memberships"))
