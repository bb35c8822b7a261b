"""The staff profile page: name, e-mail, roles, and personal API tokens."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from consult.api import bp, services
from consult.api.forms import TokenForm
from consult.api.models import tokens_of
from consult.db import db, utcnow
from consult.errors import NotFound
from consult.forms import EmptyForm


def _render(form: TokenForm, *, new_secret: str | None = None):
    tokens = db.session.scalars(tokens_of(current_user.id)).all()
    return render_template("api/profile.html", form=form, tokens=tokens, button=EmptyForm(),
                           new_secret=new_secret)


@bp.route("/profiel", methods=["GET", "POST"])
@login_required
def profile():
    form = TokenForm()
    if form.validate_on_submit():
        _, secret = services.create_token(current_user, form.name.data, actor=current_user,
                                          now=utcnow())
        db.session.commit()
        return _render(TokenForm(formdata=None), new_secret=secret)  # shown this once only
    return _render(form)


@bp.route("/profiel/sleutels/<int:token_id>/intrekken", methods=["POST"])
@login_required
def revoke(token_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.revoke_token(current_user, token_id, actor=current_user, now=utcnow())
    except NotFound:
        abort(404)
    db.session.commit()
    flash("De sleutel is ingetrokken. Hij werkt niet meer.", "success")
    return redirect(url_for(".profile"))
