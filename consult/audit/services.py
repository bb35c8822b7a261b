"""Recording audit events."""

from __future__ import annotations

from datetime import datetime

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
