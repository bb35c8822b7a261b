"""Public round page, submit, receipt, and viewing, changing or withdrawing input."""

from __future__ import annotations

import secrets
import time

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult.dates import format_datetime
from consult.db import db, utcnow
from consult.errors import ConsultError, InvalidState, NotFound, Withdrawn
from consult.extensions import limiter
from consult.groupsession import messages as group_messages
from consult.groupsession import services as group_sessions
from consult.groupsession.models import GroupSession
from consult.participate import access, bp
from consult.participate.forms import answer_form, build_form
from consult.rounds.models import Round
from consult.submissions import services
from consult.submissions.models import Submission
from consult.submissions.safeguarding import help_lines, signal_kinds

RECEIPT_KEY = "receipt"


def _round(slug: str) -> Round:
    round_ = db.session.scalar(select(Round).where(Round.slug == slug))
    if round_ is None:
        abort(404)
    return round_


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="form-started")


def _too_fast(form) -> bool:
    try:
        started = float(_signer().loads(form.started.data or ""))
    except (BadSignature, ValueError):
        return True
    return time.time() - started < current_app.config.get("MIN_FILL_SECONDS", 3)


def _fresh_hidden(form) -> None:
    form.started.data = _signer().dumps(str(time.time()))
    form.form_token.data = form.form_token.data or secrets.token_urlsafe(24)


def _submit_limit() -> str:
    return current_app.config["RATELIMIT_SUBMIT"]


def _sent_through_group_session() -> bool:
    """A submit carrying the code of a group session open for this round is not limited per
    address: the session's own limit counts it (consult.groupsession)."""
    code, slug = request.form.get("group_code", ""), (request.view_args or {}).get("slug")
    round_id = db.session.scalar(select(Round.id).where(Round.slug == slug)) if code else None
    if round_id is None:
        return False
    try:
        group_sessions.usable_session(code, round_id=round_id, now=utcnow())
    except ConsultError:
        return False
    return True


def _group_session(round_: Round, form, now) -> tuple[GroupSession | None, str | None]:
    """The group session the form carries, or why its code no longer works (then the form
    goes on without it, the usual way)."""
    if not form.group_code.data:
        return None, None
    try:
        return group_sessions.usable_session(form.group_code.data, round_id=round_.id,
                                             now=now), None
    except group_sessions.SessionUnavailable as err:
        problem = group_messages.unavailable(err.status)
    except NotFound:
        problem = group_messages.UNKNOWN
    form.group_code.data = ""
    return None, problem


@bp.route("/<slug>", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"], exempt_when=_sent_through_group_session)
def round_page(slug: str):
    round_ = _round(slug)
    now = utcnow()
    if not round_.accepts_input(now):
        return render_template("participate/not_open.html", round=round_,
                               state=round_.state_at(now))
    form = build_form(round_)
    if request.method == "GET":
        form.group.data = request.args.get("groep") or form.group.data
        form.group_code.data = request.args.get("sessie", "")[:40]
    is_valid = form.validate_on_submit()
    group_session, problem = _group_session(round_, form, now)
    if problem and form.is_submitted():
        form.form_errors.append(f"{problem} {group_messages.STILL_SEND}")
    elif is_valid:
        if form.website.data:  # honeypot: only robots fill it in
            return redirect(url_for(".received", slug=slug))
        if _too_fast(form):
            form.form_errors.append("U heeft het formulier erg snel verstuurd. Controleer uw "
                                    "antwoorden en klik daarna nog een keer op Versturen.")
        elif not any(text.strip() for text in form.answers().values()):
            form.form_errors.append("Beantwoord minstens één vraag.")
        else:
            try:
                return _store(round_, form, group_session)
            except group_sessions.SessionUnavailable as err:  # full or closed while typing
                db.session.rollback()
                form.group_code.data, group_session = "", None
                form.form_errors.append(f"{group_messages.unavailable(err.status)} "
                                        f"{group_messages.STILL_SEND}")
    _fresh_hidden(form)
    return render_template("participate/form.html", round=round_, form=form,
                           group_session=group_session,
                           notice=problem if not form.is_submitted() else None)


def _intake(round_: Round, form) -> services.Intake:
    group = next(g for g in round_.groups if g.key == form.group.data)
    municipality = next((m for m in round_.region.municipalities
                         if str(m.id) == form.municipality.data), None)
    return services.Intake(
        group=group, municipality=municipality, answers=form.answers(),
        consent=services.Consent(analysis=True, quote=form.consent_quote.data,
                                 contact=form.consent_contact.data),
        contact=form.contact.data or None, form_token=form.form_token.data,
    )


def _store(round_: Round, form, group_session: GroupSession | None = None):
    intake = _intake(round_, form)
    kinds = signal_kinds(intake.answers.values())  # on the raw text, before redaction
    now, key = utcnow(), services.receipt_key(current_app.secret_key)
    try:
        if group_session is None:
            submission, code = services.submit(round_, intake, now=now, receipt_key=key)
        else:
            submission, code = group_sessions.submit_through(group_session, intake, now=now,
                                                             receipt_key=key)
        db.session.commit()
    except IntegrityError:  # the same form sent twice at once: the other request stored it
        db.session.rollback()
        submission, code = services.find_by_form_token(intake.form_token), None
        if submission is None:
            raise
    # The submission's own round: a token reused in another round shows no code there.
    receipt = {"round": submission.round_id, "code": code, "signals": kinds}
    if code is None:  # a web submit always makes a code, so this form was sent before
        resend = services.resend(submission, intake, receipt_key=key, now=now)
        receipt.update(code=resend.code, resent=True, changed=resend.is_changed)
    session[RECEIPT_KEY] = receipt
    return redirect(url_for(".received", slug=round_.slug))


@bp.route("/<slug>/ontvangen")
def received(slug: str):
    round_ = _round(slug)
    receipt = session.pop(RECEIPT_KEY, None)
    if not receipt or receipt.get("round") != round_.id:
        receipt = {}
    return render_template("participate/received.html", round=round_, code=receipt.get("code"),
                           resent=receipt.get("resent", False),
                           changed=receipt.get("changed", False),
                           help_lines=help_lines(receipt.get("signals", [])))


@bp.route("/<slug>/mijn-inbreng", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def enter_code(slug: str):
    round_ = _round(slug)
    error = None
    code = request.form.get("code", "")[:40]  # never from the URL: URLs end up in access logs
    if request.method == "POST":
        try:
            submission = services.find_by_receipt(round_, code)
        except Withdrawn as err:
            error = (f"U heeft uw inbreng met deze code ingetrokken op "
                     f"{format_datetime(err.at)}. Uw antwoorden zijn toen verwijderd. "
                     "U kunt ze daarom niet meer bekijken.")
        except NotFound:
            error = ("Deze code kennen wij niet bij deze ronde. Controleer de code en probeer "
                     "het opnieuw.")
        else:
            access.grant(round_, submission)
            return redirect(url_for(".my_input", slug=slug))
    return render_template("participate/enter_code.html", round=round_, code=code, error=error)


def _own_submission(round_: Round) -> Submission:
    submission = access.own_submission(round_)
    if submission is None:
        abort(404)
    return submission


@bp.route("/<slug>/mijn-inbreng/inzien", methods=["GET", "POST"])
def my_input(slug: str):
    round_ = _round(slug)
    submission = _own_submission(round_)
    is_open = round_.accepts_input(utcnow())
    form = answer_form(round_)
    if request.method == "GET":
        for answer in submission.answers:
            getattr(form, f"answer_{answer.question_id}").data = answer.text
        form.consent_quote.data = submission.consent_quote
    elif is_open and form.validate_on_submit():
        if not any(text.strip() for text in form.answers().values()):
            form.form_errors.append("Beantwoord minstens één vraag, of trek uw inbreng in.")
        else:
            services.change(submission, form.answers(), quote=form.consent_quote.data,
                            now=utcnow())
            db.session.commit()
            flash("Uw wijzigingen zijn opgeslagen.", "success")
            return redirect(url_for(".my_input", slug=slug))
    return render_template("participate/my_input.html", round=round_, form=form,
                           submission=submission, is_open=is_open)


@bp.route("/<slug>/mijn-inbreng/intrekken", methods=["GET", "POST"])
def withdraw(slug: str):
    round_ = _round(slug)
    submission = _own_submission(round_)
    if request.method == "POST":
        try:
            services.withdraw(submission, now=utcnow())
        except InvalidState:
            flash("De ronde is gesloten. U kunt uw inbreng niet meer intrekken.", "error")
            return redirect(url_for(".my_input", slug=slug))
        db.session.commit()
        access.forget()
        return render_template("participate/withdrawn.html", round=round_)
    return render_template("participate/withdraw.html", round=round_)
