"""Staff of a region: invite, new link, disable and enable, reset two-factor login.

Account-level actions (new link, second-factor reset, switching the whole account) need
``may_manage_account``; otherwise an admin switches only the membership in their region.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from consult.auth import services as auth_services
from consult.auth import totp
from consult.auth.forms import InviteForm
from consult.auth.models import Membership, Role
from consult.auth.permissions import may_manage_account
from consult.db import db, utcnow
from consult.errors import Conflict
from consult.forms import EmptyForm
from consult.regions import bp
from consult.regions.models import Region
from consult.scoping import get_scoped


def _invite_url(token: str) -> str:
    return url_for("auth.accept_invitation", token=token, _external=True)


@bp.route("/regio/<int:region_id>/medewerkers", methods=["GET", "POST"])
@login_required
def staff(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_region")
    form = InviteForm()
    form.municipality.choices = [(0, "Geen: de rol geldt voor de hele regio"),
                                 *((m.id, m.name) for m in region.municipalities)]
    if form.validate_on_submit():
        try:
            user, token = auth_services.invite(
                email=form.email.data, name=form.name.data, region_id=region.id,
                role=Role(form.role.data), actor=current_user, now=utcnow(),
                valid_for=current_app.config["INVITE_VALID_FOR"],
                municipality_id=form.municipality.data or None,
            )
        except Conflict:
            form.email.errors.append("Deze persoon is al medewerker in deze regio, of is al "
                                     "uitgenodigd.")
        else:
            db.session.commit()
            if token is None:
                flash(f"{user.name} heeft al een account bij Consult. {user.name} ziet de "
                      "uitnodiging na het inloggen en accepteert die zelf. U krijgt geen link: "
                      "met zo'n link stelt iemand het wachtwoord van dat account in.", "success")
                return redirect(url_for(".staff", region_id=region.id))
            return render_template("regions/invited.html", region=region, user=user,
                                   url=_invite_url(token))
    members = sorted(region_members(region), key=lambda m: m.user.name.lower())
    return render_template("regions/staff.html", region=region, form=form, members=members,
                           button=EmptyForm(), whole_account=whole_account)


def whole_account(membership: Membership) -> bool:
    """Whether the current admin may act on this member's whole account."""
    return may_manage_account(current_user, membership.user)


def region_members(region: Region) -> list[Membership]:
    return db.session.query(Membership).filter_by(region_id=region.id).all()


def _membership(membership_id: int, *, whole: bool = False) -> Membership:
    """The membership in a region the user administers; ``whole`` also needs the account."""
    membership = get_scoped(Membership, membership_id, capability="manage_region")
    if whole and not may_manage_account(current_user, membership.user):
        abort(403)
    if not EmptyForm().validate_on_submit():
        abort(400)
    return membership


@bp.route("/lid/<int:membership_id>/nieuwe-link", methods=["POST"])
@login_required
def new_link(membership_id: int):
    membership = _membership(membership_id, whole=True)
    token = auth_services.issue_invitation(
        membership.user, actor=current_user, now=utcnow(),
        valid_for=current_app.config["INVITE_VALID_FOR"],
    )
    db.session.commit()
    return render_template("regions/invited.html", region=membership.region,
                           user=membership.user, url=_invite_url(token))


@bp.route("/lid/<int:membership_id>/<any(uitzetten, aanzetten):action>", methods=["POST"])
@login_required
def toggle_user(membership_id: int, action: str):
    membership = _membership(membership_id)
    if membership.user_id == current_user.id:
        flash("U kunt uw eigen account niet uitzetten.", "error")
    else:
        whole = auth_services.set_enabled_in_region(membership, action == "aanzetten",
                                                    actor=current_user, now=utcnow())
        db.session.commit()
        flash(_toggled_message(membership, on=action == "aanzetten", whole=whole), "success")
    return redirect(url_for(".staff", region_id=membership.region_id))


def _toggled_message(membership: Membership, *, on: bool, whole: bool) -> str:
    name = membership.user.name
    if whole:
        state = "aangezet" if on else "uitgezet; de gebruiker is direct uitgelogd"
        return f"Het account van {name} is {state}."
    if on:
        return f"{name} kan weer werken in {membership.region.name}."
    return (f"{name} kan niet meer werken in {membership.region.name}. Het account zelf blijft "
            "aan, omdat deze persoon ook buiten uw regio's werkt of systeembeheerder is.")


@bp.route("/lid/<int:membership_id>/tweestaps-herstellen", methods=["POST"])
@login_required
def reset_totp(membership_id: int):
    membership = _membership(membership_id, whole=True)
    user = membership.user
    if user.totp_secret:
        totp.reset(user, actor=current_user, region_id=membership.region_id, now=utcnow())
        db.session.commit()
        flash(f"Tweestapsverificatie van {user.name} staat uit. {user.name} logt de volgende "
              "keer in met alleen het wachtwoord en stelt dan een nieuwe app in.", "success")
    else:
        flash(f"{user.name} heeft geen tweestapsverificatie aan staan.", "info")
    return redirect(url_for(".staff", region_id=membership.region_id))
