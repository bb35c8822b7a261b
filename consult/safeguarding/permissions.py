"""Who follows a region's crisis signals: its named safeguarding contacts, and its admins."""

from __future__ import annotations

from consult.auth.models import User
from consult.auth.permissions import can
from consult.safeguarding.services import is_contact


def may_follow_signals(user: User, region_id: int) -> bool:
    """The region's queue, its flagged contributions and their follow-up (``follow_signals``)."""
    return can(user, "follow_signals", region_id) or is_contact(user, region_id)
