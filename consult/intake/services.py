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
from consult.rounds.models import Round
from consult.submissions.models import Channel, InputSession, Submission
from consult.submissions.services import STAFF_CHANNEL_STATES, Consent, Intake, submit

SESSION_CHANNELS = (Channel.MEETING, Channel.PAPER, Channel.PHONE)


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
    return round_.state_at(now) in STAFF_CHANNEL_STATES


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
