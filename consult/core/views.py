"""Public home page and the health check."""

from __future__ import annotations

from datetime import date

from flask import current_app, jsonify, render_template, send_from_directory
from sqlalchemy import select, text

from consult.core import bp
from consult.db import db, utcnow
from consult.extensions import limiter
from consult.regions.models import Region
from consult.rounds import phases
from consult.rounds.models import Round

# The day the accessibility statement was last checked against the browser tests.
ACCESSIBILITY_CHECKED_ON = date(2026, 12, 2)


@bp.route("/")
def home():
    now = utcnow()
    rounds = db.session.scalars(
        select(Round).where(Round.is_released.is_(True)).order_by(Round.closes_at)
    ).all()
    open_rounds = [r for r in rounds if phases.takes_participant_input(r, now)]
    regions = db.session.scalars(select(Region).order_by(Region.name)).all()
    return render_template("core/home.html", rounds=open_rounds, regions=regions)


@bp.route("/toegankelijkheid")
def accessibility():
    from consult.privacy.statement import participant_contacts

    return render_template("core/accessibility.html", contacts=participant_contacts(),
                           checked_on=ACCESSIBILITY_CHECKED_ON)


@bp.route("/favicon.ico")
@limiter.exempt
def favicon():
    # Browsers and bookmark tools ask for /favicon.ico whatever the page's <link> says.
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=86400)


@bp.route("/healthz")
@limiter.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
