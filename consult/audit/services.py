"""Recording audit events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.auth.models import User
from consult.db import db


def record(
    action: str,
    *,
    actor: User | None,
    obj: object | None = None,
    region_id: int | None = None,
    now: datetime,
    **details,
) -> AuditEvent:
    """Add an audit event for a staff write; the caller commits."""
    # A view may pass Flask-Login's current_user: record the user, not the proxy's class.
    obj = obj._get_current_object() if hasattr(obj, "_get_current_object") else obj
    actor = actor._get_current_object() if hasattr(actor, "_get_current_object") else actor
    event = AuditEvent(
        created_at=now,
        user_id=actor.id if actor is not None else None,
        region_id=region_id,
        action=action,
        object_type=type(obj).__name__.lower() if obj is not None else "",
        object_id=getattr(obj, "id", None),
        details=details,
    )
    db.session.add(event)
    return event


def events_for(obj: object) -> list[AuditEvent]:
    """The audit events recorded on one object, newest first (an object's history)."""
    return list(db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.object_type == type(obj).__name__.lower(),
               AuditEvent.object_id == obj.id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())))
