"""Read-only JSON API: rounds, themes, assignments, counts. Bearer tokens, region-scoped."""

from __future__ import annotations

from functools import wraps

from flask import g, jsonify, request, url_for
from sqlalchemy import func, select

from consult.api import bp
from consult.api.openapi import API_VERSION, BASE_PATH, openapi_document
from consult.api.services import user_for_token
from consult.auth.permissions import can, is_member, regions_with
from consult.db import db, utcnow
from consult.exports.dataset import build_summary
from consult.exports.tabular import method_dict, theme_dict
from consult.extensions import limiter
from consult.rounds.models import Round, rounds_in_regions
from consult.submissions.models import live_submissions


def _error(status: int, title: str, detail: str):
    """An RFC 9457 problem (application/problem+json), as the ADR ask."""
    response = jsonify({"status": status, "title": title, "detail": detail})
    response.status_code = status
    response.mimetype = "application/problem+json"
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="consult"'
    return response


def token_required(view):
    """Authenticate with `Authorization: Bearer <token>`; the session cookie is ignored."""

    @limiter.limit("120 per minute")
    @wraps(view)
    def wrapper(*args, **kwargs):
        scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
        user = user_for_token(secret.strip(), now=utcnow()) if scheme == "Bearer" else None
        if user is None:
            return _error(401, "Unauthorized", "A valid API token is required.")
        db.session.commit()  # keep last_used_at
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper


@bp.after_request
def _version_header(response):
    """Every API response names the full API version (ADR /core/version-header)."""
    if request.path.startswith(BASE_PATH):
        response.headers["API-Version"] = API_VERSION
    return response


def _stamp(value) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def round_dict(round_: Round) -> dict:
    """A round as the API shows it."""
    count = db.session.scalar(select(func.count()).select_from(
        live_submissions(round_.id).subquery()))
    return {"id": round_.id, "slug": round_.slug, "title": round_.title,
            "region": round_.region.name, "state": round_.state_at(utcnow()).value,
            "opens_at": _stamp(round_.opens_at), "closes_at": _stamp(round_.closes_at),
            "published_at": _stamp(round_.published_at), "submissions": count}


@bp.route(f"{BASE_PATH}/")
def index():
    return jsonify({"title": "Consult API", "version": API_VERSION,
                    "openapi": url_for("api.openapi"), "rounds": url_for("api.rounds")})


@bp.route(f"{BASE_PATH}/openapi.json")
def openapi():
    response = jsonify(openapi_document())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route(f"{BASE_PATH}/rounds")
@token_required
def rounds():
    found = db.session.scalars(rounds_in_regions(regions_with(g.api_user, "view_round")))
    return jsonify({"rounds": [round_dict(r) for r in found]})


def _with_round(capability: str):
    """Look up the round in the user's regions (else 404), check the capability the web
    pages ask for the same data (else 403), and answer with builder(round)."""

    def decorate(builder):
        @wraps(builder)
        def view(round_id: int):
            round_ = db.session.get(Round, round_id)
            if round_ is None or not is_member(g.api_user, round_.region_id):
                return _error(404, "Not Found", "No such round in your regions.")
            if not can(g.api_user, capability, round_.region_id):
                return _error(403, "Forbidden",
                              "Your role in this region does not allow this.")
            return jsonify(builder(round_))

        return token_required(view)

    return decorate


@bp.route(f"{BASE_PATH}/rounds/<int:round_id>")
@_with_round("view_round")
def round_detail(round_: Round) -> dict:
    return round_dict(round_)


@bp.route(f"{BASE_PATH}/rounds/<int:round_id>/themes")
@_with_round("analyse")
def themes(round_: Round) -> dict:
    summary = build_summary(round_, now=utcnow())
    return {"round_id": round_.id, "is_final": summary.is_final,
            "themes": [theme_dict(t) for t in (*summary.themes, *summary.excluded)]}


@bp.route(f"{BASE_PATH}/rounds/<int:round_id>/assignments")
@_with_round("analyse")
def assignments(round_: Round) -> dict:
    summary = build_summary(round_, now=utcnow())
    return {"round_id": round_.id, "assignments": [
        {"answer_id": row.id, "ref": row.ref, "question": row.question_number,
         "theme_id": theme_id}
        for row in summary.answers for theme_id in row.theme_ids]}


@bp.route(f"{BASE_PATH}/rounds/<int:round_id>/counts")
@_with_round("analyse")
def counts(round_: Round) -> dict:
    summary = build_summary(round_, now=utcnow())
    return {"round_id": round_.id, "small_cell_threshold": summary.threshold,
            **method_dict(summary),
            "themes": [{"id": t.id, "label": t.label, "size": t.size}
                       for t in (*summary.themes, *summary.excluded)]}

