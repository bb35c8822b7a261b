"""Theme analysis runs and the theme review and curation workspace."""

from flask import Blueprint

bp = Blueprint("themes", __name__, url_prefix="/analyse")


@bp.record_once
def _connect_signals(state) -> None:
    """New contributions are placed in the current themes, by a background job; erased
    answers leave the themes' quotes."""
    from consult.privacy.signals import erasing
    from consult.submissions.signals import submitted
    from consult.themes.services import drop_representatives
    from consult.themes.worker import on_submitted

    submitted.connect(on_submitted)
    erasing.connect(drop_representatives)
