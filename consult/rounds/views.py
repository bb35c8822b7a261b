"""Staff pages for rounds and their questions."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from consult.auth.permissions import can, regions_with
from consult.db import db, utcnow
from consult.errors import Conflict, InvalidState
from consult.forms import EmptyForm
from consult.regions.models import Region
from consult.rounds import bp, phases, plain_language, services
from consult.rounds.forms import QuestionForm, RoundForm
from consult.rounds.models import Question, Round, rounds_in_regions
from consult.scoping import get_scoped
from consult.submissions.models import live_submissions
from consult.templating import format_date

PREVIEW = "taal-controleren"  # the submit button that shows language hints without saving


@bp.route("/")
@login_required
def index():
    # A municipal role has no rounds to see: it works on agreements only.
    rounds = db.session.scalars(rounds_in_regions(regions_with(current_user, "view_round"))).all()
    regions = [m.region for m in current_user.active_memberships]
    creatable = [r for r in regions if can(current_user, "manage_rounds", r.id)]
    page_editable = [r for r in regions if can(current_user, "publish", r.id)]
    return render_template("rounds/index.html", rounds=rounds, creatable=creatable,
                           page_editable=page_editable)


def _round_form(region: Region, round_: Round | None = None) -> RoundForm:
    form = RoundForm(obj=round_)
    form.groups.choices = [(g.id, g.name) for g in region.groups]
    if round_ is not None and not form.is_submitted():
        form.opens_on.data = services.local_date(round_.opens_at)
        form.closes_on.data = services.local_date(round_.closes_at, closing=True)
        form.groups.data = [g.id for g in round_.groups]
        if round_.delete_after is not None:
            form.delete_on.data = services.local_date(round_.delete_after, closing=True)
    return form


def _fields(form: RoundForm) -> services.RoundFields:
    return services.RoundFields(
        title=form.title.data, slug=form.slug.data or "", intro=form.intro.data,
        opens_on=form.opens_on.data, closes_on=form.closes_on.data, group_ids=form.groups.data,
        raw_retention_days=form.raw_retention_days.data, delete_on=form.delete_on.data,
    )


@bp.route("/regio/<int:region_id>/nieuw", methods=["GET", "POST"])
@login_required
def create(region_id: int):
    region = get_scoped(Region, region_id, capability="manage_rounds")
    form = _round_form(region)
    if not form.is_submitted():
        form.groups.data = [g.id for g in region.groups]
    if PREVIEW in request.form:
        return render_template("rounds/edit.html", form=form, region=region, round=None,
                               hints=plain_language.hints(intro=form.intro.data))
    if form.validate_on_submit():
        try:
            round_ = services.save_round(region, _fields(form), actor=current_user, now=utcnow())
        except Conflict:
            form.slug.errors.append("Deze korte naam is al in gebruik. Kies een andere.")
        else:
            db.session.commit()
            flash("De ronde is aangemaakt. Voeg nu de vragen toe.", "success")
            return redirect(url_for(".detail", round_id=round_.id))
    return render_template("rounds/edit.html", form=form, region=region, round=None, hints={})


@bp.route("/<int:round_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(round_id: int):
    round_ = get_scoped(Round, round_id, capability="manage_rounds")
    form = _round_form(round_.region, round_)
    if form.validate_on_submit() and PREVIEW not in request.form:
        try:
            services.save_round(round_.region, _fields(form), round_=round_, actor=current_user,
                                now=utcnow())
        except Conflict:
            form.slug.errors.append("Deze korte naam is al in gebruik. Kies een andere.")
        else:
            db.session.commit()
            flash("De ronde is opgeslagen.", "success")
            return redirect(url_for(".detail", round_id=round_.id))
    return render_template("rounds/edit.html", form=form, region=round_.region, round=round_,
                           hints=plain_language.hints(intro=form.intro.data))


@bp.route("/<int:round_id>")
@login_required
def detail(round_id: int):
    round_ = get_scoped(Round, round_id)
    count = db.session.scalar(
        select(func.count()).select_from(live_submissions(round_.id).subquery())
    )
    return render_template("rounds/detail.html", round=round_, count=count, button=EmptyForm(),
                           has_input=services.has_input(round_),
                           state=round_.state_at(utcnow()))


STATE_ACTIONS = {
    "vrijgeven": (services.release, "De ronde is vrijgegeven. Zij gaat open op de begindatum."),
    "heropenen": (services.reopen, "De ronde is weer open."),
}
STATE_ERRORS = {
    "a round needs at least one question": "Voeg eerst minstens één vraag toe.",
    "a round needs at least one stakeholder group": "Kies eerst minstens één groep.",
}


@bp.route("/<int:round_id>/sluiten", methods=["GET", "POST"])
@login_required
def close(round_id: int):
    """Ask first; closing early records today as the round's real last day."""
    round_ = get_scoped(Round, round_id, capability="manage_rounds")
    form, now = EmptyForm(), utcnow()
    if form.validate_on_submit():
        try:
            services.close(round_, actor=current_user, now=now)
        except InvalidState:
            flash("Deze ronde is niet open. U kunt haar daarom niet sluiten.", "error")
        else:
            db.session.commit()
            flash(f"De ronde is gesloten op {format_date(now)}. Deelnemers kunnen niets meer "
                  "insturen. Deze datum staat voortaan in alle pagina's en documenten.", "success")
        return redirect(url_for(".detail", round_id=round_.id))
    return render_template("rounds/close.html", round=round_, form=form,
                           is_open=phases.can_close(round_, now))


@bp.route("/<int:round_id>/<any(vrijgeven, heropenen):action>", methods=["POST"])
@login_required
def change_state(round_id: int, action: str):
    round_ = get_scoped(Round, round_id, capability="manage_rounds")
    if EmptyForm().validate_on_submit():
        service, message = STATE_ACTIONS[action]
        try:
            service(round_, actor=current_user, now=utcnow())
        except InvalidState as err:
            flash(STATE_ERRORS.get(str(err), "Dit kan niet in de huidige fase van de ronde."),
                  "error")
        else:
            db.session.commit()
            flash(message, "success")
    return redirect(url_for(".detail", round_id=round_.id))


def _question_fields(form: QuestionForm) -> services.QuestionFields:
    return services.QuestionFields(
        prompt=form.prompt.data, help_text=form.help_text.data or "",
        is_required=form.is_required.data, max_length=form.max_length.data,
    )


@bp.route("/<int:round_id>/vragen/nieuw", methods=["GET", "POST"])
@login_required
def add_question(round_id: int):
    round_ = get_scoped(Round, round_id, capability="manage_rounds")
    return _save_question(round_, None)


@bp.route("/vraag/<int:question_id>", methods=["GET", "POST"])
@login_required
def edit_question(question_id: int):
    question = get_scoped(Question, question_id, capability="manage_rounds")
    return _save_question(question.round, question)


def _save_question(round_: Round, question: Question | None):
    form = QuestionForm(obj=question)
    if form.validate_on_submit() and PREVIEW not in request.form:
        try:
            services.save_question(round_, _question_fields(form), question=question,
                                   actor=current_user, now=utcnow())
        except InvalidState:
            flash("De vragen liggen vast: er is al inbreng binnen.", "error")
        else:
            db.session.commit()
            flash("De vraag is opgeslagen.", "success")
        return redirect(url_for(".detail", round_id=round_.id) + "#vragen")
    return render_template("rounds/question.html", form=form, round=round_, question=question,
                           hints=plain_language.hints(prompt=form.prompt.data,
                                                      help_text=form.help_text.data))


@bp.route("/vraag/<int:question_id>/<any(verwijderen, omhoog, omlaag):action>", methods=["POST"])
@login_required
def question_action(question_id: int, action: str):
    question = get_scoped(Question, question_id, capability="manage_rounds")
    round_id = question.round_id
    if EmptyForm().validate_on_submit():
        try:
            if action == "verwijderen":
                services.delete_question(question, actor=current_user, now=utcnow())
            else:
                offset = -1 if action == "omhoog" else 1
                services.move_question(question, offset, actor=current_user, now=utcnow())
        except InvalidState:
            flash("De vragen liggen vast: er is al inbreng binnen.", "error")
        else:
            db.session.commit()
    return redirect(url_for(".detail", round_id=round_id) + "#vragen")
