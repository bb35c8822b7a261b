"""Staff pages: search in a round's answers and the round dashboard."""

from __future__ import annotations

from flask import render_template, request
from flask_login import login_required

from consult.db import utcnow
from consult.insight import bp, charts, services
from consult.insight.forms import SearchForm
from consult.rounds.models import Round
from consult.scoping import get_scoped


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
