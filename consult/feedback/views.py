"""Staff response editor and publishing; the public feedback page and the receipt-code view."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from consult.db import db, utcnow
from consult.errors import InvalidState, NotFound
from consult.extensions import limiter
from consult.feedback import bp, services
from consult.feedback.forms import ResponseForm
from consult.feedback.models import ResponseKind
from consult.forms import EmptyForm
from consult.participate import access
from consult.rounds.models import Round
from consult.scoping import get_scoped
from consult.submissions import services as submissions
from consult.submissions.models import Submission

PUBLISH_ERRORS = {
    "round not closed": "Sluit eerst de ronde. Daarna kunt u publiceren.",
    "already published": "Deze ronde is al gepubliceerd.",
    "themes not signed off": "De thema's zijn nog niet vastgesteld. Laat ze eerst vaststellen.",
    "responses missing": "Schrijf eerst bij elk thema wat de regio ermee doet.",
}


def _forms(feedback, formdata=None) -> dict[int, ResponseForm]:
    """One response form per theme, all inside the editor's single form (one CSRF token)."""
    forms = {}
    for item in feedback.items:
        form = ResponseForm(prefix=f"t{item.theme.id}", formdata=formdata, meta={"csrf": False})
        if formdata is None and item.response is not None:
            form.kind.data, form.text.data = item.response.kind.value, item.response.text
        form.kind.label.text = f"Wat doet de regio met {item.theme.label}?"
        form.text.label.text = f"Toelichting bij {item.theme.label}"
        forms[item.theme.id] = form
    return forms


def _filled(forms: dict[int, ResponseForm]) -> dict[int, ResponseForm]:
    """The themes the user answered; untouched ones simply wait for a response."""
    return {tid: f for tid, f in forms.items() if f.kind.data or f.text.data}


@bp.route("/rondes/<int:round_id>/terugkoppeling", methods=["GET", "POST"])
@login_required
def editor(round_id: int):
    round_ = get_scoped(Round, round_id, capability="publish")
    feedback, outer = services.feedback_for(round_, now=utcnow()), EmptyForm()
    forms = _forms(feedback, request.form if request.method == "POST" else None)
    if outer.validate_on_submit():
        filled = _filled(forms)
        if all([f.validate() for f in filled.values()]):  # a list: validate every form
            services.save_responses(round_, [(tid, ResponseKind(f.kind.data), f.text.data)
                                             for tid, f in filled.items()],
                                    actor=current_user, now=utcnow())
            db.session.commit()
            flash("De reacties zijn opgeslagen.", "success")
            return redirect(url_for(".editor", round_id=round_id))
    status = 422 if request.method == "POST" else 200
    return render_template("feedback/editor.html", round=round_, feedback=feedback,
                           forms=forms, outer=outer,
                           conditions=services.conditions(round_, feedback, now=utcnow())), status


@bp.route("/rondes/<int:round_id>/publiceren", methods=["POST"])
@login_required
def publish(round_id: int):
    round_ = get_scoped(Round, round_id, capability="publish")
    if EmptyForm().validate_on_submit():
        try:
            services.publish(round_, actor=current_user, now=utcnow())
        except InvalidState as err:
            flash(PUBLISH_ERRORS.get(str(err), "Publiceren kan nu niet."), "error")
        else:
            db.session.commit()
            flash("De terugkoppeling is gepubliceerd. Deelnemers kunnen haar nu lezen.",
                  "success")
    return redirect(url_for(".editor", round_id=round_id))


@bp.route("/rondes/<int:round_id>/publicatie-intrekken", methods=["POST"])
@login_required
def unpublish(round_id: int):
    round_ = get_scoped(Round, round_id, capability="publish")
    if EmptyForm().validate_on_submit():
        try:
            services.unpublish(round_, actor=current_user, now=utcnow())
        except InvalidState:
            flash("Deze terugkoppeling was niet gepubliceerd.", "info")
        else:
            db.session.commit()
            flash("De terugkoppeling is offline gehaald. De reacties blijven bewaard; u kunt "
                  "opnieuw publiceren.", "success")
    return redirect(url_for(".editor", round_id=round_id))


def _published(slug: str) -> Round:
    round_ = db.session.scalar(select(Round).where(Round.slug == slug))
    if round_ is None or round_.published_at is None:
        abort(404)
    return round_


@bp.route("/r/<slug>/terugkoppeling")
def public(slug: str):
    round_ = _published(slug)
    feedback = services.feedback_for(round_, now=utcnow())
    return render_template("feedback/public.html", round=round_, feedback=feedback)


@bp.route("/r/<slug>/terugkoppeling/mijn-inbreng", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def mine(slug: str):
    round_ = _published(slug)
    error = None
    if request.method == "POST":
        try:
            found = submissions.find_by_receipt(round_, request.form.get("code", "")[:40])
        except NotFound:
            error = "Deze code kennen wij niet bij deze ronde. Kijk of u de code goed heeft " \
                    "overgenomen en probeer het nog eens."
        else:
            access.grant(round_, found)
            return redirect(url_for(".mine", slug=slug))
    submission = _own(round_)
    if submission is None:
        return render_template("feedback/enter_code.html", round=round_, error=error)
    feedback = services.feedback_for(round_, now=utcnow())
    return render_template("feedback/mine.html", round=round_, submission=submission,
                           items=services.contributions(submission, feedback))


def _own(round_: Round) -> Submission | None:
    return access.own_submission(round_)
