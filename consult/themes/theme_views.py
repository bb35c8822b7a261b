"""Staff pages for one theme: its answers, and every curation action on it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from consult.db import db, utcnow
from consult.forms import EmptyForm
from consult.scoping import get_scoped
from consult.themes import bp, curation, engine, review
from consult.themes.forms import (
    AnswersForm,
    ChapterForm,
    DescribeForm,
    ExcludeForm,
    NoteForm,
    RenameForm,
    SplitChoiceForm,
)
from consult.themes.models import Assignment, Theme, ThemeSet

DONE = {
    "rename": "De naam is gewijzigd.", "describe": "De beschrijving is opgeslagen.",
    "accept": "Het thema is geaccepteerd.", "exclude": "Het thema is uitgesloten.",
    "chapter": "Het hoofdstuk is gekoppeld.", "note": "De notitie is toegevoegd.",
}
FORMS = {"rename": RenameForm, "describe": DescribeForm, "exclude": ExcludeForm,
         "chapter": ChapterForm, "note": NoteForm, "accept": EmptyForm}


def _theme_set(theme: Theme) -> ThemeSet:
    ts = db.session.scalar(select(ThemeSet).where(ThemeSet.question_id == theme.question_id))
    if ts is None or ts.run_id != theme.run_id:
        abort(404)
    return ts


def _forms(theme: Theme) -> dict:
    forms = {name: cls() for name, cls in FORMS.items()}
    if not forms["rename"].is_submitted():
        forms["rename"].label.data = theme.label
        forms["describe"].description.data = theme.description
        forms["chapter"].chapter.data = theme.chapter_id or 0
    forms["chapter"].chapter.choices = [(0, "Geen hoofdstuk")] + [
        (c.id, c.name) for c in review.chapters_of(theme.run.round.region_id)]
    return forms


def _answers_form(theme: Theme, ids: list[int]) -> AnswersForm:
    form = AnswersForm()
    form.answer_ids.choices = [(i, str(i)) for i in ids]
    form.target.choices = [(0, "Kies een thema")] + [
        (t.id, t.label) for t in db.session.scalars(select(Theme).where(
            Theme.run_id == theme.run_id, Theme.question_id == theme.question_id,
            Theme.is_active.is_(True), Theme.id != theme.id))]
    return form


@bp.route("/thema/<int:theme_id>")
@login_required
def theme(theme_id: int):
    theme = get_scoped(Theme, theme_id, capability="analyse")
    ts = _theme_set(theme)
    page = max(request.args.get("pagina", 1, type=int), 1)
    rows, total = review.answers_in(theme, page=page)
    from consult.auth.permissions import can

    return render_template(
        "themes/theme.html", theme=theme, ts=ts, round=theme.run.round, rows=rows, total=total,
        page=page, pages=max(1, -(-total // review.PER_PAGE)), forms=_forms(theme),
        answers=_answers_form(theme, [r.answer_id for r in rows]), notes=review.notes_of(theme),
        can_curate=can(current_user, "curate", ts.round.region_id) and theme.is_active,
        off_topic=review.off_topic_in(theme),
        merged_into=db.session.get(Theme, theme.merged_into_id) if theme.merged_into_id else None,
        parts=db.session.scalars(select(Theme).where(
            Theme.parent_id == theme.id, Theme.is_active.is_(True))).all(),
        chapter=next((c.name for c in theme.run.round.region.chapters
                      if c.id == theme.chapter_id), None))


@bp.route("/thema/<int:theme_id>/<any(rename, describe, accept, exclude, chapter, note):action>",
          methods=["POST"])
@login_required
def theme_action(theme_id: int, action: str):
    theme = get_scoped(Theme, theme_id, capability="curate")
    ts = _theme_set(theme)
    form = _forms(theme)[action]
    if not form.validate_on_submit():
        flash("Controleer het formulier: " + "; ".join(
            e for errs in form.errors.values() for e in errs), "error")
        return redirect(url_for(".theme", theme_id=theme.id))
    payload = {k: v for k, v in form.data.items() if k != "csrf_token"}
    if action == "chapter":
        payload = {"chapter_id": payload["chapter"] or None}
    curation.act(ts, action, theme=theme, payload=payload, actor=current_user, now=utcnow())
    db.session.commit()
    flash(DONE[action], "success")
    return redirect(url_for(".theme", theme_id=theme.id))


@bp.route("/thema/<int:theme_id>/antwoorden", methods=["POST"])
@login_required
def answers_action(theme_id: int):
    theme = get_scoped(Theme, theme_id, capability="curate")
    ts = _theme_set(theme)
    ids = list(db.session.scalars(select(Assignment.answer_id).where(
        Assignment.theme_id == theme.id)))
    form = _answers_form(theme, ids)
    if not form.validate_on_submit() or not form.answer_ids.data:
        flash("Kies eerst een of meer antwoorden.", "error")
        return redirect(url_for(".theme", theme_id=theme.id))
    message = _apply_answers(ts, theme, form)
    flash(message, "error" if message.startswith("Kies") else "success")
    return redirect(url_for(".theme", theme_id=theme.id))


def _apply_answers(ts: ThemeSet, theme: Theme, form: AnswersForm) -> str:
    ids, action, now = form.answer_ids.data, form.action.data, utcnow()
    if action == "move" and not form.target.data:
        return "Kies het thema waar de antwoorden naartoe moeten."
    if action == "move":
        payload, type_ = {"answer_ids": ids, "target": form.target.data}, "move"
    elif action == "split":
        label = form.new_label.data or f"{theme.label} (afgesplitst)"
        payload, type_ = {"parts": [ids], "labels": [label]}, "split"
    else:
        payload, type_ = {"answer_ids": ids, "value": action == "off_topic"}, "off_topic"
    curation.act(ts, type_, theme=theme, payload=payload, actor=current_user, now=now)
    db.session.commit()
    return {"move": "De antwoorden zijn verplaatst.", "split": "Het nieuwe thema is gemaakt.",
            "off_topic": "De antwoorden zijn bijgewerkt.", "on_topic": "De antwoorden zijn "
            "bijgewerkt."}[action]


def _proposal(theme: Theme, k: int) -> tuple[list[int], list[str], engine.Found]:
    rows = db.session.execute(select(Assignment.answer_id, review.Answer.text)
                              .join(review.Answer, review.Answer.id == Assignment.answer_id)
                              .where(Assignment.theme_id == theme.id)
                              .order_by(Assignment.answer_id)).all()
    texts = [r[1] for r in rows]
    return [r[0] for r in rows], texts, engine.split(texts, k=k)


@bp.route("/thema/<int:theme_id>/splitsen", methods=["GET", "POST"])
@login_required
def split(theme_id: int):
    theme = get_scoped(Theme, theme_id, capability="curate")
    ts = _theme_set(theme)
    form = SplitChoiceForm(request.args) if request.method == "GET" else SplitChoiceForm()
    if theme.size < 4:
        flash("Dit thema is te klein om automatisch te splitsen.", "error")
        return redirect(url_for(".theme", theme_id=theme.id))
    ids, texts, found = _proposal(theme, form.k.data or 2)
    if request.method == "POST" and form.validate_on_submit():
        parts = [[a for a, key in zip(ids, found.assignments, strict=True) if key == t.key]
                 for t in found.themes]
        curation.act(ts, "split", theme=theme, actor=current_user, now=utcnow(),
                     payload={"parts": parts, "labels": [t.label for t in found.themes]})
        db.session.commit()
        flash("Het thema is gesplitst in deelthema's.", "success")
        return redirect(url_for(".overview", question_id=theme.question_id))
    return render_template("themes/split.html", theme=theme, round=theme.run.round, form=form,
                           found=found, texts=texts)
