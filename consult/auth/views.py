"""Login, logout and accepting an invitation."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from consult.auth import bp, services
from consult.auth.forms import LoginForm, SetPasswordForm
from consult.auth.limits import per_account, per_address
from consult.auth.next_url import safe_next
from consult.auth.sessions import log_in, log_out, second_step
from consult.db import db, utcnow
from consult.errors import NotFound


@bp.route("/inloggen", methods=["GET", "POST"])
@per_address
@per_account
def login():
    if current_user.is_authenticated:
        return redirect(url_for("rounds.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None and user.totp_secret:
            db.session.commit()
            return second_step(user, request.args.get("next"))
        if user is not None:
            log_in(user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        db.session.commit()
        form.password.errors.append("Het e-mailadres of het wachtwoord klopt niet.")
    return render_template("auth/login.html", form=form)


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    log_out()
    db.session.commit()
    flash("U bent uitgelogd.", "success")
    return redirect(url_for("auth.login"))


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@per_address
def accept_invitation(token: str):
    try:
        invitation = services.find_invitation(token, now=utcnow())
    except NotFound:
        return render_template("auth/invitation_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = services.accept_invitation(token, form.password.data, now=utcnow())
        if user.totp_secret:  # a password reset link must not skip the second factor
            db.session.commit()
            return second_step(user, None)
        log_in(user)
        db.session.commit()
        flash("Uw wachtwoord is ingesteld. Welkom bij Consult.", "success")
        return redirect(url_for("rounds.index"))
    return render_template("auth/set_password.html", form=form, user=invitation.user)
