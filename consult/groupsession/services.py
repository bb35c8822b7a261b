"""Opening, closing and submitting through group sessions. No Flask.

A group session lets participants on one network (a shelter, an advisory council evening)
submit without meeting the per-address rate limit: the session's own limit counts instead.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select, update

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import InvalidState, NotFound
from consult.groupsession.models import GroupSession, GroupSessionStatus
from consult.rounds.models import Round
from consult.submissions import services as submissions
from consult.submissions.models import Channel, Submission

CODE_ALPHABET = submissions.RECEIPT_ALPHABET  # no 0/O, 1/I: easy to read off a wall and type
CODE_LENGTH = 6
DEFAULT_DURATION = timedelta(hours=4)
MAX_DURATION = timedelta(hours=24)  # one evening, not a standing exemption
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
_CODE_ATTEMPTS = 20


class SessionUnavailable(InvalidState):
    """The session exists but takes no submissions now; ``status`` says why."""

    def __init__(self, status: GroupSessionStatus) -> None:
        super().__init__(f"group session is {status.value}")
        self.status = status


@dataclass(frozen=True)
class SessionFields:
    starts_at: datetime
    ends_at: datetime
    submission_limit: int = DEFAULT_LIMIT


def new_code() -> str:
    """Six characters from the receipt alphabet, e.g. K7PM4R."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """Accept a code typed in lower case, with spaces or a dash; other characters stay, so
    that a mistyped code is not silently turned into another one."""
    return "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")[:40]


def default_fields(now: datetime) -> SessionFields:
    """From now until four hours later, for 100 submissions."""
    return SessionFields(starts_at=now, ends_at=now + DEFAULT_DURATION)


def check_fields(fields: SessionFields, *, now: datetime) -> None:
    """Raise InvalidState for times or a limit that make no usable session."""
    if fields.ends_at <= fields.starts_at:
        raise InvalidState("ends before it starts")
    if fields.ends_at <= now:
        raise InvalidState("ends in the past")
    if fields.ends_at - fields.starts_at > MAX_DURATION:
        raise InvalidState("longer than one day")
    if not 1 <= fields.submission_limit <= MAX_LIMIT:
        raise InvalidState("limit out of range")


def open_session(round_: Round, fields: SessionFields, *, actor: User,
                 now: datetime) -> GroupSession:
    """Open a group session for a round that is open now; audited."""
    if not round_.accepts_input(now):
        raise InvalidState("round does not accept input")
    check_fields(fields, now=now)
    session = GroupSession(round=round_, code=_unused_code(), starts_at=fields.starts_at,
                           ends_at=fields.ends_at, submission_limit=fields.submission_limit,
                           submission_count=0, created_by_id=actor.id, created_at=now)
    db.session.add(session)
    db.session.flush()
    record("group_session.open", actor=actor, obj=session, region_id=round_.region_id,
           now=now, code=session.code, starts_at=fields.starts_at.isoformat(),
           ends_at=fields.ends_at.isoformat(), limit=fields.submission_limit)
    return session


def _unused_code() -> str:
    for _ in range(_CODE_ATTEMPTS):
        code = new_code()
        if db.session.scalar(select(GroupSession.id).where(GroupSession.code == code)) is None:
            return code
    raise InvalidState("no free group session code")  # 32**6 codes: practically never


def close_session(session: GroupSession, *, actor: User, now: datetime) -> None:
    """Close a session early; submissions made through it stay. Audited."""
    if session.status_at(now) in (GroupSessionStatus.CLOSED, GroupSessionStatus.ENDED):
        raise InvalidState("group session is over")
    session.closed_at = now
    record("group_session.close", actor=actor, obj=session, region_id=session.round.region_id,
           now=now, code=session.code, submissions=session.submission_count)


def sessions_of(round_: Round) -> list[GroupSession]:
    """A round's group sessions, newest first."""
    return list(db.session.scalars(
        select(GroupSession).where(GroupSession.round_id == round_.id)
        .order_by(GroupSession.starts_at.desc(), GroupSession.id.desc())))


def find_by_code(code: str) -> GroupSession:
    """The session with this code (typed in any case); NotFound if none."""
    session = db.session.scalar(
        select(GroupSession).where(GroupSession.code == normalise_code(code)))
    if session is None:
        raise NotFound("unknown group session code")
    return session


def usable_session(code: str, *, round_id: int | None = None, now: datetime) -> GroupSession:
    """The session for a code, if it takes submissions now (for this round, if given).

    NotFound for an unknown code or one of another round; SessionUnavailable otherwise.
    """
    session = find_by_code(code)
    if round_id is not None and session.round_id != round_id:
        raise NotFound("group session of another round")
    status = session.status_at(now)
    if status is not GroupSessionStatus.OPEN:
        raise SessionUnavailable(status)
    return session


def submit_through(session: GroupSession, intake: submissions.Intake, *, now: datetime,
                   receipt_key: bytes | None = None) -> tuple[Submission, str | None]:
    """Store a participant's contribution as sent through the session, within its limit.

    A form sent again (same one-use token) goes to ``submissions.submit`` as it is: it keeps
    its first version and takes no second place. Otherwise the place is claimed after the
    answers are redacted and stored, so that the database's write lock is held for
    milliseconds, not for the redaction; SessionUnavailable then means: roll back.
    """
    intake = replace(intake, channel=Channel.GROUP_SESSION, group_session_id=session.id)
    if submissions.find_by_form_token(intake.form_token) is not None:
        return submissions.submit(session.round, intake, now=now, receipt_key=receipt_key)
    # Announced to other features only when the caller commits, so never for a roll-back.
    submission, code = submissions.submit(session.round, intake, now=now,
                                          receipt_key=receipt_key)
    _claim_place(session, now=now)
    return submission, code


def _claim_place(session: GroupSession, *, now: datetime) -> None:
    """Count one submission, in one UPDATE so that two at once cannot both take the last
    place; SessionUnavailable when the session is closed, over or full."""
    result = db.session.execute(
        update(GroupSession)
        .where(GroupSession.id == session.id, GroupSession.closed_at.is_(None),
               GroupSession.starts_at <= now, GroupSession.ends_at > now,
               GroupSession.submission_count < GroupSession.submission_limit)
        .values(submission_count=GroupSession.submission_count + 1)
        .execution_options(synchronize_session=False))
    db.session.refresh(session)
    if result.rowcount != 1:
        raise SessionUnavailable(session.status_at(now))
