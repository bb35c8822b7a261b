"""Crisis signals: stored at intake, followed up by the region's safeguarding contacts.

No Flask here. A signal records which answers of a contribution showed which kinds of
crisis, never their text: staff read the redacted answer, and the participant's contact
details only where the participant gave them and agreed to be contacted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, case, select

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import Conflict, InvalidState, NotFound
from consult.rounds.models import Round
from consult.safeguarding.models import (
    KIND_LABELS,
    CrisisSignal,
    Outcome,
    SafeguardingContact,
    SignalAction,
    SignalStatus,
)
from consult.safeguarding.workdays import is_overdue
from consult.submissions.models import Answer, Submission
from consult.submissions.safeguarding import kinds_per_text

log = logging.getLogger(__name__)
WORKING_DAYS = 2  # an open signal older than this is shown as late on the round overview


def record_signals(submissions: list[Submission], now: datetime) -> list[CrisisSignal]:
    """Store a signal for each contribution whose raw answers show a possible crisis."""
    signals = []
    for submission in submissions:
        answers = [a for a in submission.answers if a.raw_text or a.text]
        found = kinds_per_text(a.raw_text or a.text for a in answers)  # before redaction
        flagged = [(a, kinds) for a, kinds in zip(answers, found, strict=True) if kinds]
        if not flagged or _signal_of(submission) is not None:
            continue
        kinds = {kind for _, ks in flagged for kind in ks}
        signal = CrisisSignal(
            round_id=submission.round_id, submission_id=submission.id, created_at=now,
            kinds=[k for k in KIND_LABELS if k in kinds],  # nlp.signals.KINDS order
            answer_ids=[a.id for a, _ in flagged], status=SignalStatus.OPEN,
        )
        db.session.add(signal)
        signals.append(signal)
    db.session.flush()
    return signals


def safe_record_signals(sender, *, submission: Submission, now: datetime) -> None:
    """Receiver of ``submissions.signals.stored``: a failure is logged and rolled back,
    never losing the submission."""
    try:
        with db.session.begin_nested():
            record_signals([submission], now)
    except Exception:  # noqa: BLE001  (the participant's input is kept whatever happens here)
        log.exception("storing crisis signals for submission %s failed", submission.id)


def forget_answers(sender, *, answer_ids: list[int], now: datetime) -> None:
    """Receiver of ``privacy.signals.erasing``: signals stop naming erased answers (kinds and
    follow-up remain)."""
    erased = set(answer_ids)
    # No DISTINCT over the JSON columns: PostgreSQL has no equality for json.
    signals = db.session.scalars(select(CrisisSignal).where(CrisisSignal.submission_id.in_(
        select(Answer.submission_id).where(Answer.id.in_(answer_ids)))))
    for signal in signals:
        signal.answer_ids = [i for i in signal.answer_ids if i not in erased]


def _signal_of(submission: Submission) -> CrisisSignal | None:
    return db.session.scalar(
        select(CrisisSignal).where(CrisisSignal.submission_id == submission.id))


# --- contacts -------------------------------------------------------------------------


def is_contact(user: User, region_id: int) -> bool:
    """Whether the user is a named safeguarding contact with an active role in the region."""
    if user.role_in(region_id) is None:
        return False
    return db.session.scalar(select(SafeguardingContact.id).where(
        SafeguardingContact.region_id == region_id,
        SafeguardingContact.user_id == user.id)) is not None


def contacts(region_id: int) -> list[SafeguardingContact]:
    """The region's named contacts, by name."""
    rows = db.session.scalars(select(SafeguardingContact).where(
        SafeguardingContact.region_id == region_id))
    return sorted(rows, key=lambda c: c.user.name.lower())


def add_contact(region_id: int, user: User, *, actor: User, now: datetime) -> SafeguardingContact:
    """Name a staff member of the region as safeguarding contact."""
    if user.role_in(region_id) is None:
        raise NotFound("not a staff member of this region")
    if any(c.user_id == user.id for c in contacts(region_id)):
        raise Conflict("already a contact")
    contact = SafeguardingContact(region_id=region_id, user_id=user.id, created_at=now,
                                  created_by_id=actor.id)
    db.session.add(contact)
    db.session.flush()
    record("safeguarding.contact_add", actor=actor, obj=contact, region_id=region_id, now=now,
           user_id=user.id)
    return contact


def remove_contact(region_id: int, user_id: int, *, actor: User, now: datetime) -> None:
    """Stop naming someone as safeguarding contact of the region."""
    contact = next((c for c in contacts(region_id) if c.user_id == user_id), None)
    if contact is None:
        raise NotFound("not a contact")
    record("safeguarding.contact_remove", actor=actor, obj=contact, region_id=region_id, now=now,
           user_id=user_id)
    db.session.delete(contact)
    db.session.flush()


# --- the queue ------------------------------------------------------------------------


def queue(region_id: int) -> Select:
    """Select the region's signals: open ones first, oldest first; then closed, newest first."""
    is_closed = case((CrisisSignal.status == SignalStatus.OPEN, 0), else_=1)
    return (select(CrisisSignal).join(Round).where(Round.region_id == region_id)
            .order_by(is_closed, case((CrisisSignal.status == SignalStatus.OPEN,
                                       CrisisSignal.created_at)),
                      CrisisSignal.closed_at.desc(), CrisisSignal.id))


def log_queue_view(region_id: int, *, actor: User, now: datetime, shown: int) -> None:
    """Audit that someone looked at the region's queue."""
    record("signal.queue_view", actor=actor, region_id=region_id, now=now, shown=shown)


def log_signal_view(signal: CrisisSignal, *, actor: User, now: datetime) -> None:
    """Audit that someone opened a flagged contribution."""
    record("signal.view", actor=actor, obj=signal, region_id=signal.round.region_id, now=now)


@dataclass(frozen=True)
class FlaggedAnswer:
    prompt: str
    text: str  # redacted


def flagged_answers(signal: CrisisSignal) -> list[FlaggedAnswer]:
    """The redacted text of the answers that raised the signal (none once withdrawn)."""
    answers = db.session.scalars(select(Answer).where(
        Answer.id.in_(signal.answer_ids), Answer.submission_id == signal.submission_id)
        .order_by(Answer.question_id))
    return [FlaggedAnswer(prompt=a.question.prompt, text=a.text) for a in answers]


def contact_details(signal: CrisisSignal) -> str | None:
    """The participant's contact details, only when given with consent to be contacted."""
    submission = signal.submission
    if submission.withdrawn_at is not None or not submission.consent_contact:
        return None
    return submission.contact or None


def record_action(signal: CrisisSignal, outcome: Outcome, *, note: str, close: bool,
                  actor: User, now: datetime) -> SignalAction:
    """Record what a contact did; ``close`` also closes the signal."""
    if not signal.is_open:
        raise InvalidState("signal is closed")
    action = SignalAction(outcome=outcome, note=note.strip()[:500], closes=close,
                          actor_id=actor.id, created_at=now)
    signal.actions.append(action)
    if close:
        signal.status, signal.closed_at = SignalStatus.CLOSED, now
    db.session.flush()
    record("signal.close" if close else "signal.action", actor=actor, obj=signal,
           region_id=signal.round.region_id, now=now, outcome=outcome.value,
           has_note=bool(action.note))
    return action


def open_signals(round_id: int) -> list[CrisisSignal]:
    """The round's open signals, oldest first."""
    return list(db.session.scalars(select(CrisisSignal).where(
        CrisisSignal.round_id == round_id, CrisisSignal.status == SignalStatus.OPEN)
        .order_by(CrisisSignal.created_at)))


@dataclass(frozen=True)
class RoundSignals:
    open: int
    overdue: int  # open longer than WORKING_DAYS working days


def late_ids(signals: list[CrisisSignal], *, now: datetime) -> set[int]:
    """The ids of the open signals that have waited longer than WORKING_DAYS working days."""
    return {s.id for s in signals
            if s.is_open and is_overdue(s.created_at, now=now, days=WORKING_DAYS)}


def round_signals(round_id: int, *, now: datetime) -> RoundSignals:
    """How many of the round's signals are open, and how many of those are late."""
    signals = open_signals(round_id)
    return RoundSignals(open=len(signals), overdue=len(late_ids(signals, now=now)))
