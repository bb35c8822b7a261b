"""Staff pages for reviewing themes: overview, detail, history and sign-off."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from consult.db import db, utcnow
from consult.errors import InvalidState, NotAllowed
from consult.forms import EmptyForm
from consult.rounds.models import Question
from consult.scoping import get_scoped, require
from consult.submissions.models import Channel
from consult.themes import bp, curation, review, signoff
from consult.themes.forms import FilterForm, MergeForm, SignOffForm
from consult.themes.models import (
    CURATION_LABELS,
    CurationEvent,
    SetStatus,
    Theme,
    ThemeSet,
    ThemeStatus,
)


def theme_set_or_404(question: Question) -> ThemeSet:
    ts = db.session.scalar(select(ThemeSet).where(ThemeSet.question_id == question.id))
    if ts is None or ts.run_id is None:
        abort(404)
    return ts


def _filter_form(region) -> FilterForm:
    form = FilterForm(request.args)
    form.groep.choices = [(0, "Alle groepen")] + [(g.id, g.name) for g in region.groups]
    form.gemeente.choices = [(0, "Alle gemeenten")] + [(m.id, m.name)
                                                       for m in region.municipalities]
    form.kanaal.choices = [("", "Alle kanalen")] + [(c.value, c.label) for c in Channel]
    form.hoofdstuk.choices = [(0, "Alle hoofdstukken")] + [(c.id, c.name)
                                                           for c in region.chapters]
    form.status.choices = [("", "Alle statussen")] + [(s.value, s.value) for s in ThemeStatus]
    form.validate()
    return form


def _filters(form: FilterForm) -> review.Filters:
    return review.Filters(group_id=form.groep.data or None,
                          municipality_id=form.gemeente.data or None,
                          channel=form.kanaal.data or None,
                          chapter_id=form.hoofdstuk.data or None,
                          status=form.status.data or None, sort=form.sorteer.data or "grootte")


@bp.route("/vraag/<int:question_id>/themas")
@login_required
def overview(question_id: int):
    question = get_scoped(Question, question_id, capability="analyse")
    ts = theme_set_or_404(question)
    region = question.round.region
    form = _filter_form(region)
    rows = review.overview(ts, _filters(form), threshold=region.small_cell_threshold)
    merge = MergeForm()
    merge.target.choices = [(r.theme.id, r.theme.label) for r in rows if not r.theme.is_residual]
    return render_template(
        "themes/overview.html", ts=ts, question=question, round=question.round, rows=rows,
        filters=form, merge=merge, threshold=region.small_cell_threshold,
        chapters={c.id: c.name for c in region.chapters}, button=EmptyForm(),
        comparison=ts.run.comparison.get(str(question.id), {}), sign=SignOffForm(),
        decisions=signoff.decisions(ts), can_curate=_can("curate", ts),
        unseen=review.unseen(ts), labels=_labels(ts))


def _labels(ts: ThemeSet) -> dict[int, str]:
    return dict(db.session.execute(select(Theme.id, Theme.label).where(
        Theme.run_id == ts.run_id, Theme.question_id == ts.question_id,
        Theme.is_active.is_(True))).all())


def _can(capability: str, ts: ThemeSet) -> bool:
    from consult.auth.permissions import can

    return can(current_user, capability, ts.round.region_id)


@bp.route("/vraag/<int:question_id>/samenvoegen", methods=["POST"])
@login_required
def merge(question_id: int):
    question = get_scoped(Question, question_id, capability="curate")
    ts = theme_set_or_404(question)
    form = MergeForm()
    form.theme_ids.choices = form.target.choices = [
        (t.id, t.label) for t in db.session.scalars(select(Theme).where(
            Theme.run_id == ts.run_id, Theme.question_id == ts.question_id))]
    sources = [i for i in (form.theme_ids.data or []) if i != form.target.data]
    if not form.validate_on_submit() or not sources:
        flash("Kies minstens één ander thema om samen te voegen.", "error")
    else:
        target = db.session.get(Theme, form.target.data)
        curation.act(ts, "merge", theme=target, actor=current_user, now=utcnow(),
                     payload={"sources": sources, "target": target.id})
        db.session.commit()
        flash(f"De thema's zijn samengevoegd in ‘{target.label}’.", "success")
    return redirect(url_for(".overview", question_id=question.id))


@bp.route("/vraag/<int:question_id>/geschiedenis")
@login_required
def history(question_id: int):
    question = get_scoped(Question, question_id, capability="analyse")
    ts = theme_set_or_404(question)
    events = db.session.scalars(curation.events_of(ts)).all()
    labels = {t.id: t.label for t in db.session.scalars(
        select(Theme).where(Theme.run_id == ts.run_id))}
    return render_template("themes/history.html", ts=ts, question=question,
                           round=question.round, events=events[::-1], labels=labels,
                           names=CURATION_LABELS, button=EmptyForm(),
                           can_curate=_can("curate", ts))


@bp.route("/curatie/<int:event_id>/ongedaan", methods=["POST"])
@login_required
def undo(event_id: int):
    event = db.session.get(CurationEvent, event_id) or abort(404)
    ts = db.session.get(ThemeSet, event.theme_set_id)
    require("curate", ts.round.region_id)
    if EmptyForm().validate_on_submit():
        curation.undo(event, actor=current_user, now=utcnow())
        db.session.commit()
        flash("De actie is ongedaan gemaakt.", "success")
    return redirect(url_for(".history", question_id=ts.question_id))


@bp.route("/vraag/<int:question_id>/vaststellen", methods=["POST"])
@login_required
def request_sign_off(question_id: int):
    question = get_scoped(Question, question_id, capability="sign_off")
    ts = theme_set_or_404(question)
    if EmptyForm().validate_on_submit():
        signoff.request_sign_off(ts, actor=current_user, now=utcnow())
        db.session.commit()
        flash("De thema's zijn aangeboden ter vaststelling door een tweede persoon.", "success")
    return redirect(url_for(".overview", question_id=question.id))


@bp.route("/vraag/<int:question_id>/besluit", methods=["POST"])
@login_required
def decide(question_id: int):
    question = get_scoped(Question, question_id, capability="sign_off")
    ts = theme_set_or_404(question)
    form = SignOffForm()
    if ts.status is not SetStatus.PENDING or not form.validate_on_submit():
        flash("Kies of u de thema's goedkeurt." if ts.status is SetStatus.PENDING else
              "De thema's zijn niet aangeboden ter vaststelling.", "error")
        return redirect(url_for(".overview", question_id=question.id))
    try:
        signoff.decide(ts, approve=form.decision.data == "goedkeuren", note=form.note.data or "",
                       actor=current_user, now=utcnow())
    except NotAllowed:
        flash("U heeft de thema's zelf aangeboden. Een tweede persoon moet ze vaststellen.",
              "error")
    except InvalidState:
        flash("Vul een toelichting in als u het er niet mee eens bent.", "error")
    else:
        db.session.commit()
        flash("Uw besluit is vastgelegd.", "success")
    return redirect(url_for(".overview", question_id=question.id))
