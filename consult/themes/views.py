"""Staff pages for analysis runs: start, watch progress, cancel."""

from __future__ import annotations

from flask import current_app, flash, jsonify, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from consult.db import db, utcnow
from consult.errors import Conflict
from consult.extensions import limiter
from consult.forms import EmptyForm
from consult.rounds.models import Question, Round
from consult.scoping import get_scoped
from consult.themes import bp, engine, rerun, review, services, worker
from consult.themes.forms import StartRunForm
from consult.themes.models import AnalysisRun, ThemeSet

STAGES = {
    "wachtrij": "In de wachtrij", "voorbereiden": "Voorbereiden", "parse": "Teksten lezen",
    "embed": "Betekenis bepalen", "cluster": "Thema's zoeken",
    "klaar": "Klaar",
}
ERRORS = {
    "engine": "De analyse is mislukt door een fout in de analysesoftware. De vorige thema's "
              "blijven staan. Probeer het opnieuw of neem contact op met de beheerder.",
    "no_input": "Er is te weinig inbreng om te analyseren: per vraag zijn minstens drie "
                "antwoorden nodig. De vorige thema's blijven staan.",
    "interrupted": "De analyse is onderbroken, bijvoorbeeld doordat de server opnieuw is "
                   "gestart. De vorige thema's blijven staan. Start de analyse opnieuw.",
}


@bp.app_context_processor
def _labels():
    return {"run_stages": STAGES, "run_errors": ERRORS}


bp.add_app_template_filter(engine.describe_pipeline, "pipeline_nl")


def _start_form(round_: Round) -> StartRunForm:
    form = StartRunForm()
    form.question.choices = [(0, "Alle vragen")] + [
        (q.id, f"Vraag {i}: {q.prompt}") for i, q in enumerate(round_.questions, 1)]
    return form


@bp.route("/ronde/<int:round_id>")
@login_required
def runs(round_id: int):
    round_ = get_scoped(Round, round_id, capability="analyse")
    history = db.session.scalars(select(AnalysisRun).where(AnalysisRun.round_id == round_.id)
                                 .order_by(AnalysisRun.id.desc()).limit(20)).all()
    for run in history:
        services.mark_stale(run, now=utcnow())
    db.session.commit()
    sets = {s.question_id: s for s in db.session.scalars(
        select(ThemeSet).where(ThemeSet.round_id == round_.id))}
    return render_template("themes/runs.html", round=round_, runs=history, sets=sets,
                           form=_start_form(round_), active=services.active_run(round_),
                           pending={q: rerun.pending_decisions(s) for q, s in sets.items()},
                           unseen={q: review.unseen(s) for q, s in sets.items() if s.run_id})


def _analysis_limit() -> str:
    return current_app.config.get("RATELIMIT_ANALYSIS", "10 per hour")


@bp.route("/ronde/<int:round_id>/starten", methods=["POST"])
@login_required
@limiter.limit(_analysis_limit)
def start(round_id: int):
    round_ = get_scoped(Round, round_id, capability="analyse")
    form = _start_form(round_)
    if not form.validate_on_submit():
        flash("Kies een vraag om te analyseren.", "error")
        return redirect(url_for(".runs", round_id=round_.id))
    question = db.session.get(Question, form.question.data) if form.question.data else None
    options = engine.Options(**current_app.config.get("ANALYSIS_OPTIONS", {}))
    try:
        run = services.start_run(round_, question=question, options=options,
                                 actor=current_user, now=utcnow())
    except Conflict:
        flash("Er loopt al een analyse voor deze ronde. Wacht tot die klaar is.", "error")
        return redirect(url_for(".runs", round_id=round_.id))
    db.session.commit()
    worker.dispatch(current_app._get_current_object(), run.id)
    flash("De analyse is gestart.", "success")
    return redirect(url_for(".run", run_id=run.id))


@bp.route("/run/<int:run_id>")
@login_required
def run(run_id: int):
    run = get_scoped(AnalysisRun, run_id, capability="analyse")
    db.session.refresh(run)
    services.mark_stale(run, now=utcnow())
    db.session.commit()
    return render_template("themes/run.html", run=run, round=run.round, form=EmptyForm())


@bp.route("/run/<int:run_id>/status.json")
@login_required
def run_status(run_id: int):
    run = get_scoped(AnalysisRun, run_id, capability="analyse")
    return jsonify(status=run.status.value, progress=run.progress, active=run.status.is_active,
                   stage=STAGES.get(run.stage, run.stage))


@bp.route("/run/<int:run_id>/annuleren", methods=["POST"])
@login_required
def cancel(run_id: int):
    run = get_scoped(AnalysisRun, run_id, capability="analyse")
    if EmptyForm().validate_on_submit():
        services.cancel_run(run, actor=current_user, now=utcnow())
        db.session.commit()
        flash("De analyse wordt gestopt. De vorige thema's blijven staan.", "success")
    return redirect(url_for(".run", run_id=run.id))
