"""A group session: one evening in which a group submits to a round with a shared code."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, utcnow
from consult.rounds.models import Round


class GroupSessionStatus(enum.StrEnum):
    SCHEDULED = "gepland"
    OPEN = "open"
    FULL = "vol"
    ENDED = "verlopen"
    CLOSED = "gesloten"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    GroupSessionStatus.SCHEDULED: "Nog niet begonnen",
    GroupSessionStatus.OPEN: "Open",
    GroupSessionStatus.FULL: "Vol",
    GroupSessionStatus.ENDED: "Afgelopen",
    GroupSessionStatus.CLOSED: "Gesloten",
}


class GroupSession(db.Model):
    """Valid from starts_at until ends_at (or closed_at), for at most submission_limit
    submissions. The count is kept on the row so that claiming a place is one atomic UPDATE,
    also when 30 people send at the same moment."""

    __tablename__ = "group_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    submission_limit: Mapped[int]
    submission_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[Round] = relationship()

    def status_at(self, now: datetime) -> GroupSessionStatus:
        """The one place that derives a session's status from its times, closure and count."""
        if self.closed_at is not None and self.closed_at <= now:
            return GroupSessionStatus.CLOSED
        if now >= self.ends_at:
            return GroupSessionStatus.ENDED
        if now < self.starts_at:
            return GroupSessionStatus.SCHEDULED
        if self.submission_count >= self.submission_limit:
            return GroupSessionStatus.FULL
        return GroupSessionStatus.OPEN
