"""The region's public page and its PDFs: no login, no JavaScript."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, render_template, send_file

from consult.db import db, utcnow
from consult.errors import NotFound
from consult.regionpage import bp, services
from consult.regionpage.files import PdfStore, download_name
from consult.regionpage.models import PageItem, items_of
from consult.regions.models import Region
from consult.regions.services import region_by_slug


def pdf_store() -> PdfStore:
    """Where the public pages' PDFs live: the instance folder unless configured."""
    directory = current_app.config.get("REGION_PAGE_DIR") or (
        Path(current_app.instance_path) / "region-pages")
    return PdfStore(Path(directory))


def _region(slug: str) -> Region:
    region = region_by_slug(slug)
    if region is None:
        abort(404)
    return region


@bp.route("/regio/<slug>")
def public(slug: str):
    region = _region(slug)
    return render_template(
        "regionpage/public.html", region=region,
        rounds=services.public_rounds(region, now=utcnow()),
        items=db.session.scalars(items_of(region.id)).all(),
        # VOORTGANG: the tracker's public progress page, offered through a signal.
        progress_url=services.progress_url(region))


@bp.route("/regio/<slug>/publicatie/<int:item_id>.pdf")
def pdf(slug: str, item_id: int):
    region = _region(slug)
    item = db.session.get(PageItem, item_id)
    if item is None or item.region_id != region.id or not item.has_pdf:
        abort(404)
    try:
        path = pdf_store().path(item.pdf_token)
    except NotFound:
        abort(404)
    return send_file(path, mimetype="application/pdf", download_name=download_name(item.title),
                     max_age=0)
