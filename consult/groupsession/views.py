"""Group sessions: staff open and close them; participants enter with the code."""

from __future__ import annotations

from datetime import datetime

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from consult.dates import from_local, local
from consult.db import db, utcnow
from consult.errors import InvalidState, NotFound
from consult.extensions import limiter
from consult.forms import EmptyForm
from consult.groupsession import bp, messages, services
from consult.groupsession.forms import OpenSessionForm
from consult.groupsession.models import GroupSession, GroupSessionStatus
from consult.groupsession.qr import qr_svg
from consult.rounds.models import Round
from consult.scoping import get_scoped

# A whole group on one wifi opens the link or types the code within a minute or two; at
# this rate guessing one of 32**6 codes still takes years.
CODE_LIMIT = "120 per minute"
LIVE = (GroupSessionStatus.OPEN, GroupSessionStatus.SCHEDULED, GroupSessionStatus.FULL)


def _link(session: GroupSession) -> str:
    return url_for("groupsession.follow", code=session.code, _external=True)


def _wall_clock(moment: datetime) -> datetime:
    return local(moment).replace(tzinfo=None, second=0, microsecond=0)


def _open_fields(form: OpenSessionForm) -> services.SessionFields:
    return services.SessionFields(starts_at=from_local(form.starts_at.data),
                                  ends_at=from_local(form.ends_at.data),
                                  submission_limit=form.submission_limit.data)


@bp.route("/rondes/<int:round_id>/groepssessies", methods=["GET", "POST"])
@login_required
def sessions(round_id: int):
    round_ = get_scoped(Round, round_id, capability="manage_rounds")
    now, form = utcnow(), OpenSessionForm()
    if not form.is_submitted():
        defaults = services.default_fields(now)
        form.starts_at.data = _wall_clock(defaults.starts_at)
        form.ends_at.data = _wall_clock(defaults.ends_at)
    if form.validate_on_submit():
        try:
            session = services.open_session(round_, _open_fields(form), actor=current_user,
                                            now=now)
        except InvalidState as err:
            name, message = messages.FIELD_ERRORS.get(str(err), (None, messages.CLOSED_ROUND))
            (form[name].errors.append if name else form.form_errors.append)(message)
        else:
            db.session.commit()
            flash(f"De groepssessie is geopend. De code is {session.code}.", "success")
            return redirect(url_for(".sessions", round_id=round_.id))
    found = [(s, s.status_at(now)) for s in services.sessions_of(round_)]
    live = [(s, status, _link(s), qr_svg(_link(s), label=f"QR-code voor groepssessie {s.code}"))
            for s, status in found if status in LIVE]
    return render_template("groupsession/sessions.html", round=round_, form=form,
                           sessions=found, live=live, button=EmptyForm(),
                           is_open=round_.accepts_input(now))


@bp.route("/groepssessie/<int:group_session_id>/sluiten", methods=["POST"])
@login_required
def close(group_session_id: int):
    session = get_scoped(GroupSession, group_session_id, capability="manage_rounds")
    if EmptyForm().validate_on_submit():
        try:
            services.close_session(session, actor=current_user, now=utcnow())
        except InvalidState:
            flash(f"De groepssessie {session.code} was al afgelopen.", "info")
        else:
            db.session.commit()
            flash(f"De groepssessie {session.code} is gesloten. De code werkt niet meer.",
                  "success")
    return redirect(url_for(".sessions", round_id=session.round_id))


@bp.route("/groep")
@limiter.limit(CODE_LIMIT)
def enter():
    """The page where a participant types the code; a GET form, so it needs no cookie."""
    code = request.args.get("code", "")[:40]
    if "code" not in request.args:
        return render_template("groupsession/enter_code.html", code="", error=None)
    return _follow(code)


@bp.route("/groep/<code>")
@limiter.limit(CODE_LIMIT)
def follow(code: str):
    """The link in the QR code: on to the round's form with the session attached."""
    return _follow(code[:40])


def _follow(code: str):
    now = utcnow()
    try:
        session = services.usable_session(code, now=now)
    except NotFound:
        error = messages.UNKNOWN if code.strip() else "Vul de code in."
    except services.SessionUnavailable as err:
        error = messages.unavailable(err.status)
    else:
        return redirect(url_for("participate.round_page", slug=session.round.slug,
                                sessie=session.code))
    return render_template("groupsession/enter_code.html", code=code, error=error)
