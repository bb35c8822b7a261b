"""Consultation rounds and their questions; the round's state is derived here only."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, utcnow
from consult.regions.models import Region, StakeholderGroup


class RoundState(enum.StrEnum):
    DRAFT = "concept"
    SCHEDULED = "gepland"
    OPEN = "open"
    CLOSED = "gesloten"
    PUBLISHED = "gepubliceerd"


round_groups = Table(
    "round_groups",
    db.metadata,
    Column("round_id", ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("stakeholder_groups.id", ondelete="CASCADE"), primary_key=True),
)


class Round(db.Model):
    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    intro: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    is_released: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    raw_retention_days: Mapped[int | None]
    delete_after: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    region: Mapped[Region] = relationship(lazy="joined")
    questions: Mapped[list[Question]] = relationship(
        back_populates="round", order_by="Question.position", cascade="all, delete-orphan"
    )
    groups: Mapped[list[StakeholderGroup]] = relationship(
        secondary=round_groups, order_by="StakeholderGroup.position"
    )

    def state_at(self, now: datetime) -> RoundState:
        """The one place where a round's state follows from its dates and status."""
        if self.published_at is not None:
            return RoundState.PUBLISHED
        if not self.is_released:
            return RoundState.DRAFT
        if self.closed_at is not None or now >= self.closes_at:
            return RoundState.CLOSED
        if now < self.opens_at:
            return RoundState.SCHEDULED
        return RoundState.OPEN

    @property
    def ended_at(self) -> datetime:
        """When input actually stopped: the early closing moment, else the planned end."""
        if self.closed_at is not None and self.closed_at < self.closes_at:
            return self.closed_at
        return self.closes_at

    @property
    def closed_early(self) -> bool:
        return self.ended_at != self.closes_at

    @property
    def state(self) -> RoundState:
        return self.state_at(utcnow())

    def accepts_input(self, now: datetime) -> bool:
        """Participants may submit, change or withdraw only while open."""
        return self.state_at(now) is RoundState.OPEN


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    prompt: Mapped[str] = mapped_column(String(500))
    help_text: Mapped[str] = mapped_column(Text, default="")
    is_required: Mapped[bool] = mapped_column(default=False)
    max_length: Mapped[int] = mapped_column(default=2000)

    round: Mapped[Round] = relationship(back_populates="questions")


def rounds_in_regions(region_ids: list[int]):
    """Select the rounds of the given regions, newest first."""
    return (
        select(Round).where(Round.region_id.in_(region_ids)).order_by(Round.opens_at.desc())
    )
