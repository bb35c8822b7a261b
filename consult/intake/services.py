"""Input sessions and the contributions a facilitator enters for them. No Flask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import InvalidState
from consult.regions.models import Municipality, StakeholderGroup
from consult.rounds import phases
from consult.rounds.models import Round
from consult.submissions.models import Channel, InputSession, Submission
from consult.submissions.redaction import redact_text
from consult.submissions.services import (
    Consent,
    Intake,
    erase,
    store_redacted_answers,
    submit,
)

SESSION_CHANNELS = (Channel.MEETING, Channel.PAPER, Channel.PHONE)
MAX_REASON_LENGTH = 500


@dataclass(frozen=True)
class SessionFields:
    label: str
    held_on: date
    channel: Channel


@dataclass(frozen=True)
class Contribution:
    """One contribution as the facilitator typed it; session metadata comes from the session."""

    group: StakeholderGroup
    municipality: Municipality | None
    answers: dict[int, str]
    is_verbatim: bool
    consent_verbal: bool
    consent_quote: bool = False
    form_token: str | None = None


def accepts_staff_input(round_: Round, now: datetime) -> bool:
    """Facilitators may enter input for scheduled, open and recently closed rounds."""
    return phases.takes_staff_input(round_, now)


def create_session(round_: Round, fields: SessionFields, *, actor: User,
                   now: datetime) -> InputSession:
    """Start a session whose metadata every contribution entered for it inherits."""
    if not accepts_staff_input(round_, now):
        raise InvalidState("round does not accept input")
    if fields.channel not in SESSION_CHANNELS:
        raise InvalidState("not a session channel")
    session = InputSession(round=round_, label=fields.label, held_on=fields.held_on,
                           channel=fields.channel, created_by_id=actor.id, created_at=now)
    db.session.add(session)
    db.session.flush()
    record("input_session.create", actor=actor, obj=session, region_id=round_.region_id,
           now=now, label=fields.label, channel=str(fields.channel))
    return session


def enter_contribution(session: InputSession, contribution: Contribution, *, actor: User,
                       now: datetime) -> Submission:
    """Store one contribution with the session's channel and provenance; submit redacts."""
    if not contribution.consent_verbal:
        raise InvalidState("verbal consent is required")
    intake = Intake(
        group=contribution.group, municipality=contribution.municipality,
        answers=contribution.answers,
        consent=Consent(analysis=True, quote=contribution.consent_quote, verbal=True),
        channel=session.channel, is_verbatim=contribution.is_verbatim, input_session=session,
        form_token=contribution.form_token,
    )
    submission, _ = submit(session.round, intake, entered_by=actor, now=now)
    record("submission.enter", actor=actor, obj=submission, region_id=session.round.region_id,
           now=now, input_session_id=session.id)
    return submission


def is_session_contribution(submission: Submission) -> bool:
    """A live contribution that a facilitator entered for an input session."""
    return (submission.channel is not Channel.WEB and submission.input_session_id is not None
            and submission.withdrawn_at is None)


def _check_correctable(submission: Submission, now: datetime) -> None:
    if not is_session_contribution(submission):
        raise InvalidState("not a live contribution of an input session")
    if not accepts_staff_input(submission.round, now):
        raise InvalidState("round does not accept input")


def _snapshot(submission: Submission) -> dict[str, object]:
    """The correctable fields by name; answers as answer_<question id>."""
    fields = {
        "group": getattr(submission.group, "id", None),
        "municipality": getattr(submission.municipality, "id", None),
        "is_verbatim": submission.is_verbatim, "consent_quote": submission.consent_quote,
    }
    return fields | {f"answer_{a.question_id}": a.text for a in submission.answers}


def correct_contribution(submission: Submission, contribution: Contribution, *, actor: User,
                         now: datetime) -> list[str]:
    """Correct an entered contribution; returns the names of the fields that changed."""
    _check_correctable(submission, now)
    if not contribution.consent_verbal:
        raise InvalidState("verbal consent is required")
    before = _snapshot(submission)
    store_redacted_answers(submission, submission.round, contribution.answers, now=now)
    submission.group, submission.municipality = contribution.group, contribution.municipality
    submission.is_verbatim = contribution.is_verbatim
    submission.consent_quote = contribution.consent_quote
    after = _snapshot(submission)
    changed = sorted(name for name in before.keys() | after.keys()
                     if before.get(name) != after.get(name))
    if changed:
        submission.updated_at = now
        db.session.flush()
        # Field names only: the audit log never holds a participant's text.
        record("submission.correct", actor=actor, obj=submission,
               region_id=submission.round.region_id, now=now,
               input_session_id=submission.input_session_id, fields=changed)
    return changed


def remove_contribution(submission: Submission, *, reason: str, actor: User,
                        now: datetime) -> None:
    """Erase an entered contribution's text everywhere; the reason goes to the audit log."""
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON_LENGTH:
        raise InvalidState(f"a reason of at most {MAX_REASON_LENGTH} characters is required")
    _check_correctable(submission, now)
    erase(submission, now=now)
    db.session.flush()
    # Staff may name the participant in the reason; the audit log keeps it redacted.
    record("submission.remove", actor=actor, obj=submission,
           region_id=submission.round.region_id, now=now,
           input_session_id=submission.input_session_id, reason=redact_text(reason)[0])


def sessions_of(round_: Round) -> list[tuple[InputSession, int]]:
    """The round's input sessions, newest first, with their number of live contributions."""
    count = (
        select(func.count(Submission.id))
        .where(Submission.input_session_id == InputSession.id, Submission.withdrawn_at.is_(None))
        .scalar_subquery()
    )
    query = (
        select(InputSession, count)
        .where(InputSession.round_id == round_.id)
        .order_by(InputSession.held_on.desc(), InputSession.id.desc())
    )
    return [(session, n) for session, n in db.session.execute(query)]


def session_contributions(session: InputSession) -> list[tuple[Submission, User | None]]:
    """A session's live contributions in entry order, each with the user who entered it."""
    query = (
        select(Submission, User)
        .outerjoin(User, User.id == Submission.entered_by_id)
        .where(Submission.input_session_id == session.id, Submission.withdrawn_at.is_(None))
        .options(selectinload(Submission.answers))
        .order_by(Submission.id)
    )
    return [(submission, user) for submission, user in db.session.execute(query)]
