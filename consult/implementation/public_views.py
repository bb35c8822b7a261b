"""The public progress page (Voortgang): no login, no JavaScript, B1 language."""

from __future__ import annotations

from flask import abort, render_template

from consult.implementation import bp, overview
from consult.regions.services import region_by_slug


# Next to the region's public page (/regio/<slug>), which links here through the signal
# regionpage.services.progress_link (connected in consult/implementation/__init__.py).
@bp.route("/regio/<slug>/voortgang")
def progress(slug: str):
    region = region_by_slug(slug)
    if region is None:
        abort(404)
    return render_template("implementation/progress.html", region=region,
                           matrix=overview.matrix(region, public_only=True))
