"""Read-only JSON of the implementation tracker: agreements and statuses per municipality."""

from __future__ import annotations

from flask import g, jsonify

from consult.api import bp
from consult.api.openapi import BASE_PATH
from consult.api.views import _error, token_required
from consult.auth.permissions import can, can_for_municipality, is_member
from consult.db import db
from consult.implementation import overview
from consult.regions.models import Municipality, Region


def _cell_dict(cell: overview.Cell) -> dict:
    return {"municipality_id": cell.municipality.id, "municipality": cell.municipality.name,
            "status": cell.status.value, "reason": cell.reason,
            "status_on": cell.status_on.isoformat() if cell.status_on else None,
            "evidence": cell.evidence}


def agreement_dict(chapter: str, row: overview.Row) -> dict:
    """An agreement with the themes it answers and its status per municipality."""
    a = row.agreement
    return {"id": a.id, "title": a.title, "chapter": chapter, "description": a.description,
            "owner": a.owner, "due_on": a.due_on.isoformat() if a.due_on else None,
            "amount": a.amount, "is_public": a.is_public,
            "themes": [{"id": t.id, "label": t.label, "round_id": t.round_id}
                       for t in row.themes],
            "statuses": [_cell_dict(cell) for cell in row.cells]}


def _agreements(matrix: overview.Matrix) -> list[dict]:
    return [agreement_dict(chapter.name, row) for chapter in matrix.chapters
            for row in chapter.rows]


@bp.route(f"{BASE_PATH}/regions/<int:region_id>/agreements")
@token_required
def agreements(region_id: int):
    region = db.session.get(Region, region_id)
    if region is None or not is_member(g.api_user, region.id):
        return _error(404, "Not Found", "No such region in your regions.")
    if not can(g.api_user, "view_agreements", region.id):
        return _error(403, "Forbidden", "Your role in this region does not allow this.")
    matrix = overview.matrix(region)
    return jsonify({"region_id": region.id, "region": region.name,
                    "municipalities": [{"id": m.id, "name": m.name}
                                       for m in matrix.municipalities],
                    "agreements": _agreements(matrix)})


@bp.route(f"{BASE_PATH}/municipalities/<int:municipality_id>/statuses")
@token_required
def municipality_statuses(municipality_id: int):
    municipality = db.session.get(Municipality, municipality_id)
    if municipality is None or not is_member(g.api_user, municipality.region_id):
        return _error(404, "Not Found", "No such municipality in your regions.")
    if not can_for_municipality(g.api_user, "view_municipality",
                                region_id=municipality.region_id,
                                municipality_id=municipality.id):
        return _error(403, "Forbidden", "Your role does not allow this municipality.")
    matrix = overview.for_municipality(municipality)
    return jsonify({"municipality_id": municipality.id, "municipality": municipality.name,
                    "region_id": municipality.region_id, "agreements": _agreements(matrix)})
