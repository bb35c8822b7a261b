"""Safeguarding (*signalering*): crisis signals in input reach the region's named contacts."""

from flask import Blueprint

bp = Blueprint("safeguarding", __name__, url_prefix="/beheer")


@bp.record_once
def _connect_signals(state) -> None:
    """Input is checked for crisis signals as it is stored, in the same transaction; an
    erasure drops the answers' ids from the signals."""
    from consult.privacy.signals import erasing
    from consult.safeguarding.services import forget_answers, safe_record_signals
    from consult.submissions.signals import stored

    stored.connect(safe_record_signals)
    erasing.connect(forget_answers)
