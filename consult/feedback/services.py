"""Writing responses per theme, publishing a round, and what a participant contributed to.

No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import InvalidState, NotFound
from consult.exports.dataset import Summary, ThemeSummary, build_summary
from consult.feedback.models import ResponseKind, ThemeResponse, responses_of
from consult.rounds import phases
from consult.rounds.models import Round
from consult.submissions.models import Submission
from consult.themes.models import Theme

MAX_TEXT = 2000


@dataclass(frozen=True)
class ThemeFeedback:
    theme: ThemeSummary
    response: ThemeResponse | None


@dataclass(frozen=True)
class Feedback:
    summary: Summary
    items: tuple[ThemeFeedback, ...]

    @property
    def missing(self) -> tuple[ThemeFeedback, ...]:
        return tuple(item for item in self.items if item.response is None)


def _response_lookup(round_id: int) -> dict[int, ThemeResponse]:
    """Responses by theme id; a re-run's theme inherits the response of its predecessor."""
    by_theme = {r.theme_id: r for r in db.session.scalars(responses_of(round_id))}
    previous = dict(db.session.execute(
        select(Theme.id, Theme.previous_id).where(Theme.round_id == round_id)).all())
    lookup = {}
    for theme_id in previous:
        current, steps = theme_id, 0
        while current is not None and current not in by_theme and steps < 20:
            current, steps = previous.get(current), steps + 1
        if current in by_theme:
            lookup[theme_id] = by_theme[current]
    return lookup


def feedback_for(round_: Round, *, now: datetime) -> Feedback:
    """The summary's themes (not excluded, not merged), each with its response if written."""
    summary = build_summary(round_, now=now)
    lookup = _response_lookup(round_.id)
    items = tuple(ThemeFeedback(theme, lookup.get(theme.id)) for theme in summary.themes)
    return Feedback(summary=summary, items=items)


def save_response(round_: Round, theme_id: int, kind: ResponseKind, text: str, *,
                  actor: User, now: datetime) -> ThemeResponse:
    """Create or replace the response to a theme; declining needs a reason."""
    theme = db.session.get(Theme, theme_id)
    if theme is None or theme.round_id != round_.id:
        raise NotFound("no such theme in this round")
    text = (text or "").strip()[:MAX_TEXT]
    if kind is ResponseKind.DECLINE and not text:
        raise InvalidState("reason required")
    response = db.session.scalar(select(ThemeResponse).where(ThemeResponse.theme_id == theme_id))
    if response is None:
        response = ThemeResponse(round_id=round_.id, theme_id=theme_id, created_at=now)
        db.session.add(response)
    response.kind, response.text = kind, text
    response.updated_at, response.updated_by_id = now, actor.id
    db.session.flush()
    record("feedback.response", actor=actor, obj=response, region_id=round_.region_id, now=now,
           theme_id=theme_id, kind=kind.value)
    return response


@dataclass(frozen=True)
class Conditions:
    """What publishing needs, checked in this one place for the page and for ``publish``."""

    is_published: bool
    is_closed: bool
    is_signed_off: bool
    missing: tuple[ThemeSummary, ...]  # themes that still need a response

    @property
    def are_met(self) -> bool:
        return (not self.is_published and self.is_closed and self.is_signed_off
                and not self.missing)

    @property
    def first_unmet(self) -> str | None:
        """The reason publishing cannot happen yet, or None."""
        if self.is_published:
            return "already published"
        if not self.is_closed:
            return "round not closed"
        if not self.is_signed_off:
            return "themes not signed off"
        return "responses missing" if self.missing else None


def conditions(round_: Round, feedback: Feedback, *, now: datetime) -> Conditions:
    """Whether the round is closed, its themes signed off and every theme answered."""
    return Conditions(
        is_published=round_.published_at is not None,
        is_closed=phases.can_publish_feedback(round_, now),
        is_signed_off=feedback.summary.is_final,
        missing=tuple(item.theme for item in feedback.missing))


def save_responses(round_: Round, entries: list[tuple[int, ResponseKind, str]], *,
                   actor: User, now: datetime) -> None:
    """Save the responses of one editor form; unchanged ones are left alone."""
    current = {r.theme_id: r for r in db.session.scalars(responses_of(round_.id))}
    for theme_id, kind, text in entries:
        old = current.get(theme_id)
        if old is not None and old.kind is kind and old.text == (text or "").strip():
            continue
        save_response(round_, theme_id, kind, text, actor=actor, now=now)


def publish(round_: Round, *, actor: User, now: datetime) -> None:
    """Publish the feedback page: closed round, signed-off themes, a response to each theme."""
    feedback = feedback_for(round_, now=now)
    if (reason := conditions(round_, feedback, now=now).first_unmet) is not None:
        raise InvalidState(reason)
    round_.published_at = now
    db.session.flush()
    record("round.publish", actor=actor, obj=round_, region_id=round_.region_id, now=now,
           themes=len(feedback.items))


def unpublish(round_: Round, *, actor: User, now: datetime) -> None:
    """Take the feedback page offline again; responses are kept and can be published later."""
    if round_.published_at is None:
        raise InvalidState("not published")
    round_.published_at = None
    db.session.flush()
    record("round.unpublish", actor=actor, obj=round_, region_id=round_.region_id, now=now)


def contributions(submission: Submission, feedback: Feedback) -> tuple[ThemeFeedback, ...]:
    """The published themes that the submission's answers were assigned to."""
    answer_ids = {a.id for a in submission.answers}
    theme_ids = {tid for row in feedback.summary.answers if row.id in answer_ids
                 for tid in row.theme_ids}
    return tuple(item for item in feedback.items if item.theme.id in theme_ids)
