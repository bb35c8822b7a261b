"""Creating and editing rounds and their questions. No Flask here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from consult.audit.services import record
from consult.auth.models import User
from consult.dates import LOCAL_TZ
from consult.dates import local_date as local_date  # re-exported: rounds speak in days
from consult.db import db
from consult.errors import Conflict, InvalidState
from consult.regions.models import Region
from consult.rounds import phases
from consult.rounds.models import Question, Round
from consult.text import slugify


@dataclass(frozen=True)
class RoundFields:
    title: str
    slug: str
    intro: str
    opens_on: date
    closes_on: date
    group_ids: list[int]
    raw_retention_days: int | None = None
    delete_on: date | None = None


def start_of_day(day: date) -> datetime:
    """00:00 Dutch time on a day, as UTC."""
    return datetime.combine(day, time.min, LOCAL_TZ).astimezone(ZoneInfo("UTC"))


def end_of_day(day: date) -> datetime:
    """The first moment after a day ends in Dutch time, as UTC (rounds close then)."""
    return start_of_day(day + timedelta(days=1))


def save_round(
    region: Region, fields: RoundFields, *, round_: Round | None = None, actor: User, now: datetime
) -> Round:
    """Create or update a round; the slug must be unique across regions."""
    if fields.closes_on < fields.opens_on:
        raise InvalidState("closes before it opens")
    slug = slugify(fields.slug or fields.title, max_length=70, fallback="ronde")
    clash = db.session.scalar(select(Round.id).where(Round.slug == slug))
    if clash is not None and (round_ is None or clash != round_.id):
        raise Conflict("slug taken")
    if round_ is None:
        round_ = Round(region_id=region.id, created_at=now, created_by_id=actor.id)
        db.session.add(round_)
    round_.title, round_.slug, round_.intro = fields.title, slug, fields.intro
    round_.opens_at, round_.closes_at = start_of_day(fields.opens_on), end_of_day(fields.closes_on)
    round_.raw_retention_days = fields.raw_retention_days
    round_.delete_after = end_of_day(fields.delete_on) if fields.delete_on else None
    round_.groups = [g for g in region.groups if g.id in set(fields.group_ids)]
    db.session.flush()
    record("round.save", actor=actor, obj=round_, region_id=region.id, now=now, title=fields.title)
    return round_


def release(round_: Round, *, actor: User, now: datetime) -> None:
    """Take a round out of concept: it opens on its start date."""
    if not round_.questions:
        raise InvalidState("a round needs at least one question")
    if not round_.groups:
        raise InvalidState("a round needs at least one stakeholder group")
    round_.is_released = True
    record("round.release", actor=actor, obj=round_, region_id=round_.region_id, now=now)


def close(round_: Round, *, actor: User, now: datetime) -> None:
    """Close an open round early."""
    if not phases.can_close(round_, now):
        raise InvalidState("round is not open")
    round_.closed_at = now
    record("round.close", actor=actor, obj=round_, region_id=round_.region_id, now=now)


def reopen(round_: Round, *, actor: User, now: datetime) -> None:
    """Undo an early close while the closing date has not passed."""
    if round_.closed_at is None or now >= round_.closes_at:
        raise InvalidState("round cannot be reopened")
    round_.closed_at = None
    record("round.reopen", actor=actor, obj=round_, region_id=round_.region_id, now=now)


@dataclass(frozen=True)
class QuestionFields:
    prompt: str
    help_text: str
    is_required: bool
    max_length: int


def save_question(
    round_: Round,
    fields: QuestionFields,
    *,
    question: Question | None = None,
    actor: User,
    now: datetime,
) -> Question:
    """Add or edit a question; questions are fixed once input has arrived."""
    _ensure_editable(round_, now)
    if question is None:
        question = Question(position=len(round_.questions))
        round_.questions.append(question)
    question.prompt, question.help_text = fields.prompt, fields.help_text
    question.is_required, question.max_length = fields.is_required, fields.max_length
    db.session.flush()
    record("question.save", actor=actor, obj=question, region_id=round_.region_id, now=now)
    return question


def delete_question(question: Question, *, actor: User, now: datetime) -> None:
    """Remove a question from a round that has no input yet."""
    round_ = question.round
    _ensure_editable(round_, now)
    record("question.delete", actor=actor, obj=question, region_id=round_.region_id, now=now)
    round_.questions.remove(question)
    _renumber(round_)


def move_question(question: Question, offset: int, *, actor: User, now: datetime) -> None:
    """Move a question up (-1) or down (+1) in the order."""
    questions = list(question.round.questions)
    index = questions.index(question)
    target = max(0, min(len(questions) - 1, index + offset))
    questions.insert(target, questions.pop(index))
    for position, q in enumerate(questions):
        q.position = position
    record("question.move", actor=actor, obj=question, region_id=question.round.region_id,
           now=now, position=target)


def _renumber(round_: Round) -> None:
    for position, q in enumerate(round_.questions):
        q.position = position


def _ensure_editable(round_: Round, now: datetime) -> None:
    if has_input(round_):
        raise InvalidState("questions are fixed once input has arrived")


def has_input(round_: Round) -> bool:
    """Whether any submission exists for the round."""
    from consult.submissions.models import Submission

    found = db.session.scalar(select(Submission.id).where(Submission.round_id == round_.id))
    return found is not None
