"""Safeguarding contacts of a region, the crisis signals found at intake, what was done."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.auth.models import User
from consult.db import db, str_enum, utcnow
from consult.rounds.models import Round
from consult.submissions.models import Submission

KIND_LABELS = {
    "suicide": "Gedachten aan zelfdoding",
    "danger": "Gevaar of geweld thuis",
    "homeless": "Acuut geen slaapplek",
    "medical": "Medisch noodgeval",
}


class SafeguardingContact(db.Model):
    """A staff member of the region named as its *aandachtsfunctionaris*."""

    __tablename__ = "safeguarding_contacts"
    __table_args__ = (UniqueConstraint("region_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class SignalStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Outcome(enum.StrEnum):
    """What a safeguarding contact did about a signal."""

    CONTACTED = "contacted"
    UNREACHABLE = "unreachable"
    NO_ACTION = "no_action"
    FALSE_SIGNAL = "false_signal"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.CONTACTED: "Contact opgenomen",
    Outcome.UNREACHABLE: "Niet bereikbaar",
    Outcome.NO_ACTION: "Geen actie nodig",
    Outcome.FALSE_SIGNAL: "Onterecht signaal",
}


class CrisisSignal(db.Model):
    """A contribution whose raw answers showed a possible crisis; never holds their text."""

    __tablename__ = "crisis_signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), unique=True
    )
    kinds: Mapped[list] = mapped_column(JSON, default=list)  # in nlp.signals.KINDS order
    answer_ids: Mapped[list] = mapped_column(JSON, default=list)  # the flagged answers
    status: Mapped[SignalStatus] = mapped_column(str_enum(SignalStatus), default=SignalStatus.OPEN,
                                                 index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    closed_at: Mapped[datetime | None]

    round: Mapped[Round] = relationship()
    submission: Mapped[Submission] = relationship()
    actions: Mapped[list[SignalAction]] = relationship(
        back_populates="signal", cascade="all, delete-orphan", order_by="SignalAction.id"
    )

    @property
    def is_open(self) -> bool:
        return self.status is SignalStatus.OPEN

    @property
    def kind_labels(self) -> list[str]:
        return [KIND_LABELS[kind] for kind in self.kinds if kind in KIND_LABELS]

    @property
    def last_action(self) -> SignalAction | None:
        return self.actions[-1] if self.actions else None


class SignalAction(db.Model):
    """One thing a contact did about a signal, with an optional short note."""

    __tablename__ = "signal_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    signal_id: Mapped[int] = mapped_column(
        ForeignKey("crisis_signals.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[Outcome] = mapped_column(str_enum(Outcome))
    note: Mapped[str] = mapped_column(String(500), default="")
    closes: Mapped[bool] = mapped_column(default=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    signal: Mapped[CrisisSignal] = relationship(back_populates="actions")
    actor: Mapped[User | None] = relationship()
