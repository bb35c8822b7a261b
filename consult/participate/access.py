"""Which submission this browser may see: granted by a correct receipt code, kept in the session.

The participant pages (view, change, withdraw) and the feedback pages share it.
"""

from __future__ import annotations

from flask import session

from consult.db import db
from consult.rounds.models import Round
from consult.submissions.models import Submission

ACCESS_KEY = "receipt_access"


def grant(round_: Round, submission: Submission) -> None:
    """Remember that this browser entered the receipt code of ``submission``."""
    session[ACCESS_KEY] = {"round": round_.id, "submission": submission.id}


def own_submission(round_: Round) -> Submission | None:
    """The live submission this browser opened for ``round_``, or None (a withdrawn one is
    forgotten)."""
    access = session.get(ACCESS_KEY)
    if not access or access.get("round") != round_.id:
        return None
    submission = db.session.get(Submission, access["submission"])
    if submission is None or submission.withdrawn_at is not None:
        forget()
        return None
    return submission


def forget() -> None:
    session.pop(ACCESS_KEY, None)
