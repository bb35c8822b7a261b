"""Agreements (afspraken) of a region's implementation plan and their status per municipality."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, str_enum, utcnow


class StatusKind(enum.StrEnum):
    """Where a municipality stands with one agreement."""

    NOT_STARTED = "niet_gestart"
    PREPARING = "in_voorbereiding"
    DONE = "gerealiseerd"
    NOT_APPLICABLE = "niet_van_toepassing"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    StatusKind.NOT_STARTED: "Niet gestart",
    StatusKind.PREPARING: "In voorbereiding",
    StatusKind.DONE: "Gerealiseerd",
    StatusKind.NOT_APPLICABLE: "Niet van toepassing",
}

# Which consultation themes an agreement answers ("u zei -> wij spraken af").
agreement_themes = Table(
    "agreement_themes", db.metadata,
    Column("agreement_id", ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class Agreement(db.Model):
    """One agreement of the implementation plan, under a chapter of the region's vision."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"),
                                           index=True)
    chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("vision_chapters.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(120), default="")
    due_on: Mapped[date | None]
    amount: Mapped[int | None]  # whole euros, for financial agreements
    is_public: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Region] = relationship()  # noqa: F821
    chapter: Mapped[VisionChapter | None] = relationship()  # noqa: F821
    statuses: Mapped[list[AgreementStatus]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan")


class AgreementStatus(db.Model):
    """Where one municipality stands with one agreement; no row means "niet gestart"."""

    __tablename__ = "agreement_statuses"
    __table_args__ = (UniqueConstraint("agreement_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"), index=True)
    status: Mapped[StatusKind] = mapped_column(str_enum(StatusKind, length=24),
                                               default=StatusKind.NOT_STARTED)
    reason: Mapped[str] = mapped_column(Text, default="")  # why "niet van toepassing"
    status_on: Mapped[date | None]
    evidence: Mapped[str] = mapped_column(String(500), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    agreement: Mapped[Agreement] = relationship(back_populates="statuses")
    municipality: Mapped[Municipality] = relationship()  # noqa: F821


def agreements_of(region_id: int):
    """Select the region's agreements in display order."""
    return (select(Agreement).where(Agreement.region_id == region_id)
            .order_by(Agreement.position, Agreement.id))


def theme_ids_of(agreement_id: int):
    """Select the ids of the themes an agreement answers."""
    return select(agreement_themes.c.theme_id).where(
        agreement_themes.c.agreement_id == agreement_id)


def agreement_ids_for_theme(theme_id: int):
    """Select the ids of the agreements that answer a theme."""
    return select(agreement_themes.c.agreement_id).where(
        agreement_themes.c.theme_id == theme_id)
