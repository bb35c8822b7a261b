"""Staff pages: search in a round's answers and the round dashboard."""

from __future__ import annotations

from flask import current_app, render_template, request
from flask_login import login_required

from consult.db import db, utcnow
from consult.insight import bp, charts, services
from consult.insight.forms import SearchForm
from consult.insight.search import ensure_search_index
from consult.rounds.models import Round
from consult.scoping import get_scoped


@bp.before_app_request
def _ensure_search_index_once() -> None:
    """Create the search index once per app; migrations will take this over."""
    if not current_app.extensions.get("insight_search_index"):
        current_app.extensions["insight_search_index"] = ensure_search_index(db.engine)


@bp.route("/<int:round_id>/zoeken")
@login_required
def search(round_id: int):
    round_ = get_scoped(Round, round_id)
    form = SearchForm(request.args)
    form.vraag.choices = [(0, "Alle vragen")] + [
        (q.id, f"Vraag {i}: {q.prompt}") for i, q in enumerate(round_.questions, start=1)]
    results = None
    if form.q.data and form.validate():
        results = services.search_round(
            round_, form.q.data, question_id=form.vraag.data or None,
            page=request.args.get("pagina", 1, type=int))
    return render_template("insight/search.html", round=round_, form=form, results=results)


@bp.route("/<int:round_id>/dashboard")
@login_required
def dashboard(round_id: int):
    round_ = get_scoped(Round, round_id)
    data = services.round_dashboard(round_, now=utcnow())
    return render_template("insight/dashboard.html", round=round_, data=data, charts=charts)
