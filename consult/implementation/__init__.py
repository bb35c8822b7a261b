"""The implementation tracker (Uitvoering): agreements, their status per municipality,
and the public progress page."""

from flask import Blueprint, url_for

bp = Blueprint("implementation", __name__)


def _progress_link(region) -> str | None:
    """The region's public page links to Voortgang once the region has public agreements."""
    from consult.implementation.overview import has_public_progress

    if not has_public_progress(region.id):
        return None
    return url_for("implementation.progress", slug=region.slug)


@bp.record_once
def _connect_signals(state) -> None:
    from consult.regionpage.services import progress_link

    progress_link.connect(_progress_link)
