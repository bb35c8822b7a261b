"""Facilitator pages: input sessions, entering contributions, and a session's provenance."""

from __future__ import annotations

import secrets

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from consult.db import db, utcnow
from consult.errors import InvalidState
from consult.intake import bp, messages, services
from consult.intake.forms import (
    ContributionForm,
    RemovalForm,
    SessionForm,
    build_contribution_form,
    contribution_data,
)
from consult.rounds.models import Round
from consult.scoping import get_scoped
from consult.submissions.models import Channel, InputSession, Submission

REMOVAL_PREFIX = "verwijderen"  # two forms on one page: keep their field ids apart


@bp.route("/ronde/<int:round_id>/sessies", methods=["GET", "POST"])
@login_required
def sessions(round_id: int):
    round_ = get_scoped(Round, round_id, capability="enter_input")
    form = SessionForm()
    if form.validate_on_submit():
        fields = services.SessionFields(label=form.label.data, held_on=form.held_on.data,
                                        channel=Channel(form.channel.data))
        try:
            input_session = services.create_session(round_, fields, actor=current_user,
                                                    now=utcnow())
        except InvalidState:
            form.form_errors.append(messages.CLOSED)
        else:
            db.session.commit()
            flash("De sessie is aangemaakt. Voer nu de bijdragen in.", "success")
            return redirect(url_for(".enter", session_id=input_session.id))
    return render_template("intake/sessions.html", round=round_, form=form,
                           sessions=services.sessions_of(round_))


def _contribution(round_: Round, form: ContributionForm) -> services.Contribution:
    return services.Contribution(
        group=next(g for g in round_.groups if g.key == form.group.data),
        municipality=next((m for m in round_.region.municipalities
                           if str(m.id) == form.municipality.data), None),
        answers=form.answers(), is_verbatim=form.is_verbatim.data == "ja",
        consent_verbal=form.consent_verbal.data, consent_quote=form.consent_quote.data,
        form_token=form.form_token.data or None,
    )


@bp.route("/sessie/<int:session_id>/invoeren", methods=["GET", "POST"])
@login_required
def enter(session_id: int):
    input_session = get_scoped(InputSession, session_id, capability="enter_input")
    form = build_contribution_form(input_session.round)
    if form.validate_on_submit():
        try:
            submission = services.enter_contribution(
                input_session, _contribution(input_session.round, form), actor=current_user,
                now=utcnow())
        except InvalidState:
            form.form_errors.append(messages.CLOSED)
        else:
            db.session.commit()
            flash(f"Bijdrage {submission.reference} is opgeslagen. U kunt nu de volgende "
                  "bijdrage invoeren.", "success")
            return redirect(url_for(".enter", session_id=input_session.id) + "#bijdrage")
    form.form_token.data = form.form_token.data or secrets.token_urlsafe(24)
    return render_template("intake/enter.html", input_session=input_session,
                           round=input_session.round, form=form,
                           count=len(services.session_contributions(input_session)))


@bp.route("/sessie/<int:session_id>")
@login_required
def session_detail(session_id: int):
    input_session = get_scoped(InputSession, session_id)
    return render_template("intake/session.html", input_session=input_session,
                           round=input_session.round,
                           contributions=services.session_contributions(input_session))


def _entered_contribution(submission_id: int) -> Submission:
    """A live contribution entered for a session in the user's regions; web input is a 404."""
    submission = get_scoped(Submission, submission_id, capability="enter_input")
    if not services.is_session_contribution(submission):
        abort(404)
    return submission


def _correction_page(submission: Submission, form: ContributionForm, removal: RemovalForm):
    # A round that no longer takes input shows messages.NOT_CORRECTABLE instead of the forms.
    return render_template(
        "intake/correct.html", submission=submission, input_session=submission.input_session,
        round=submission.round, form=form, removal=removal, closed=messages.NOT_CORRECTABLE,
        editable=services.accepts_staff_input(submission.round, utcnow()))


@bp.route("/bijdrage/<int:submission_id>/corrigeren", methods=["GET", "POST"])
@login_required
def correct(submission_id: int):
    submission = _entered_contribution(submission_id)
    form = build_contribution_form(submission.round, data=contribution_data(submission))
    if form.validate_on_submit():
        try:
            changed = services.correct_contribution(
                submission, _contribution(submission.round, form), actor=current_user,
                now=utcnow())
        except InvalidState:
            form.form_errors.append(messages.NOT_CORRECTABLE)
        else:
            db.session.commit()
            flash(f"Bijdrage {submission.reference} is gecorrigeerd." if changed else
                  f"U heeft niets veranderd aan bijdrage {submission.reference}.", "success")
            return redirect(url_for(".session_detail", session_id=submission.input_session_id))
    return _correction_page(submission, form, RemovalForm(prefix=REMOVAL_PREFIX, formdata=None))


@bp.route("/bijdrage/<int:submission_id>/verwijderen", methods=["POST"])
@login_required
def remove(submission_id: int):
    submission = _entered_contribution(submission_id)
    removal = RemovalForm(prefix=REMOVAL_PREFIX)
    if removal.validate_on_submit():
        try:
            services.remove_contribution(submission, reason=removal.reason.data,
                                         actor=current_user, now=utcnow())
        except InvalidState:
            removal.form_errors.append(messages.NOT_CORRECTABLE)
        else:
            db.session.commit()
            flash(f"Bijdrage {submission.reference} is verwijderd.", "success")
            return redirect(url_for(".session_detail", session_id=submission.input_session_id))
    form = build_contribution_form(submission.round, formdata=None,
                                   data=contribution_data(submission))
    return _correction_page(submission, form, removal)
