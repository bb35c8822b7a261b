"""Signals of the submissions feature, for other features to connect to (blinker). No Flask.

``stored`` is sent inside the transaction that stores a new contribution, right after it is
flushed, with ``submission`` and ``now``: for records that must be committed or rolled back
together with it (crisis signals). Receivers must be fast and must never raise.

``submitted`` is sent once a transaction that stored new contributions has been committed,
with ``submission_ids``: the ids of those contributions, in the order they were stored. It is
sent from the committing thread, inside its app context; receivers must return quickly (queue
the work, do not do it), because a participant may be waiting for the answer.
"""

from __future__ import annotations

from blinker import Namespace
from sqlalchemy import event

from consult.db import db

_signals = Namespace()
stored = _signals.signal("stored")
submitted = _signals.signal("submitted")

_PENDING = "consult.submitted"  # key in Session.info: ids stored, to announce on commit


def announce_on_commit(submission_ids: list[int]) -> None:
    """Send ``submitted`` for these contributions when the current transaction commits."""
    db.session.info.setdefault(_PENDING, []).extend(submission_ids)


@event.listens_for(db.session, "after_commit")
def _send_after_commit(session) -> None:
    if session.in_nested_transaction():  # a savepoint released: nothing is stored yet
        return
    ids = session.info.pop(_PENDING, None)
    if ids:
        submitted.send(None, submission_ids=ids)


@event.listens_for(db.session, "after_transaction_end")
def _forget_uncommitted(session, transaction) -> None:
    if transaction.parent is None:  # rolled back or closed: those were never stored
        session.info.pop(_PENDING, None)
