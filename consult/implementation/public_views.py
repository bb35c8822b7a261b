"""The public progress page (Voortgang): no login, no JavaScript, B1 language."""

from __future__ import annotations

from flask import abort, render_template

from consult.db import db
from consult.implementation import bp, overview
from consult.regions.models import Region


# The region's public page (/regio/<slug>) is built elsewhere; until regions have a slug,
# this page is addressed by the region's id.
@bp.route("/regio/<int:region_id>/voortgang")
def progress(region_id: int):
    region = db.session.get(Region, region_id)
    if region is None:
        abort(404)
    return render_template("implementation/progress.html", region=region,
                           matrix=overview.matrix(region, public_only=True))
