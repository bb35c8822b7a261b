"""Four-eyes sign-off of a theme set. No Flask."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import InvalidState, NotAllowed
from consult.themes.models import SetStatus, SignOff, ThemeSet


def request_sign_off(ts: ThemeSet, *, actor: User, now: datetime) -> None:
    """Offer the theme set for approval by a second reviewer."""
    if ts.run_id is None or ts.status is SetStatus.SIGNED:
        raise InvalidState("nothing to sign off")
    ts.status, ts.requested_by_id, ts.requested_at = SetStatus.PENDING, actor.id, now
    ts.signed_by_id = ts.signed_at = None
    record("themes.sign_off_requested", actor=actor, obj=ts, region_id=ts.round.region_id,
           now=now)


def decide(ts: ThemeSet, *, approve: bool, note: str, actor: User, now: datetime) -> SignOff:
    """Approve (the set becomes 'vastgesteld') or disagree with a note (back to concept)."""
    if ts.status is not SetStatus.PENDING:
        raise InvalidState("theme set is not waiting for sign-off")
    if ts.requested_by_id == actor.id:
        raise NotAllowed("a second person must sign off")
    if not approve and not note:
        raise InvalidState("a disagreement needs a note")
    decision = SignOff(theme_set_id=ts.id, run_id=ts.run_id, user_id=actor.id,
                       is_approved=approve, note=note, created_at=now)
    db.session.add(decision)
    if approve:
        ts.status, ts.signed_by_id, ts.signed_at = SetStatus.SIGNED, actor.id, now
    else:
        ts.status = SetStatus.DRAFT
    ts.updated_at = now
    db.session.flush()
    record("themes.sign_off" if approve else "themes.sign_off_disagreed", actor=actor, obj=ts,
           region_id=ts.round.region_id, now=now, note=note)
    return decision


def decisions(ts: ThemeSet) -> list[SignOff]:
    """All sign-off decisions on a set, newest first."""
    return db.session.scalars(select(SignOff).where(SignOff.theme_set_id == ts.id)
                              .order_by(SignOff.id.desc())).all()
