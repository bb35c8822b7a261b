"""Two-factor login: the second login step, set-up, and enforcement per region."""

from __future__ import annotations

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from consult.auth import bp, totp
from consult.auth.limits import per_account, per_address
from consult.auth.models import User
from consult.auth.next_url import safe_next
from consult.auth.sessions import PENDING_KEY, log_in
from consult.db import db, utcnow
from consult.errors import InvalidState, NotAllowed
from consult.forms import BaseForm

SETUP_KEY = "totp_setup"
PENDING_SECONDS = 300
# Pages a logged-in user may reach before setting up a required second factor.
OPEN_ENDPOINTS = {"static", "auth.logout", "auth.totp_setup", "auth.login", "core.healthz"}
PUBLIC_BLUEPRINTS = {"core", "participate"}


class CodeForm(BaseForm):
    code = StringField("Code uit uw app", description="Zes cijfers, bijvoorbeeld 123456.",
                       validators=[DataRequired(message="Vul de code in."), Length(max=10)],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})


def _key() -> bytes:
    return totp.sealing_key(current_app.config["SECRET_KEY"])


@bp.route("/inloggen/code", methods=["GET", "POST"])
@per_address
@per_account
def totp_login():
    pending = session.get(PENDING_KEY)
    user = db.session.get(User, pending["user"]) if pending else None
    if user is None or not user.is_enabled or not user.totp_secret or (
            time.time() - pending["at"] > PENDING_SECONDS):
        session.pop(PENDING_KEY, None)
        flash("Log opnieuw in.", "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if totp.check(user, form.code.data, key=_key(), now=utcnow()):
            log_in(user)
            db.session.commit()
            return redirect(safe_next(pending.get("next")))
        form.code.errors.append("Deze code klopt niet of is al gebruikt. Wacht op de volgende "
                                "code in uw app en vul die in.")
    return render_template("auth/totp_login.html", form=form)


@bp.route("/account/tweestapsverificatie", methods=["GET", "POST"])
@login_required
def totp_setup():
    # The session is a signed, readable cookie: it carries the new secret only sealed.
    secret = totp.unseal(session.get(SETUP_KEY, ""), _key()) or totp.new_secret()
    session[SETUP_KEY] = totp.seal(secret, _key())
    form = CodeForm()
    if not current_user.totp_secret and form.validate_on_submit():
        try:
            totp.enable(current_user, secret, form.code.data, key=_key(), now=utcnow())
        except InvalidState:
            form.code.errors.append("Deze code klopt niet. Controleer de tijd op uw telefoon.")
        else:
            db.session.commit()
            session.pop(SETUP_KEY, None)
            flash("Tweestapsverificatie staat aan.", "success")
            return redirect(url_for("rounds.index"))
    uri = totp.provisioning_uri(secret, current_user)
    return render_template("auth/totp_setup.html", form=form, secret=totp.grouped(secret),
                           uri=uri, qr_svg=totp.qr_svg(uri),
                           required=totp.is_required(current_user))


@bp.route("/account/tweestapsverificatie/uitzetten", methods=["POST"])
@login_required
def totp_disable():
    form = CodeForm()
    if form.validate_on_submit():
        try:
            totp.disable(current_user, form.code.data, key=_key(), now=utcnow())
        except NotAllowed:
            flash("Uw regio verplicht tweestapsverificatie. U kunt het niet uitzetten.", "error")
        except InvalidState:
            flash("Deze code klopt niet. Tweestapsverificatie staat nog aan.", "error")
        else:
            db.session.commit()
            flash("Tweestapsverificatie staat uit.", "success")
    return redirect(url_for("auth.totp_setup"))


@bp.before_app_request
def enforce_totp():
    """Staff of a region that requires two-factor login must set it up first."""
    endpoint = request.endpoint or ""
    if endpoint in OPEN_ENDPOINTS or endpoint.partition(".")[0] in PUBLIC_BLUEPRINTS:
        return None
    if endpoint == "privacy.erase_own" or not current_user.is_authenticated:
        return None
    if not current_user.totp_secret and totp.is_required(current_user):
        flash("Uw regio vraagt om tweestapsverificatie. Stel die eerst in.", "info")
        return redirect(url_for("auth.totp_setup"))
    return None
