"""What is left of a round after its end of life: aggregate counts only."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from consult.db import db, utcnow


class RetainedCount(db.Model):
    """Number of contributions per group, municipality and channel of a purged round."""

    __tablename__ = "retained_counts"
    __table_args__ = (UniqueConstraint("round_id", "group_name", "municipality_name", "channel"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    group_name: Mapped[str] = mapped_column(String(120), default="")
    municipality_name: Mapped[str] = mapped_column(String(120), default="")
    channel: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PrivacyContact(db.Model):
    """Who answers for a region's processing, and whom participants may contact."""

    __tablename__ = "privacy_contacts"

    region_id: Mapped[int] = mapped_column(
        ForeignKey("regions.id", ondelete="CASCADE"), primary_key=True)
    controller: Mapped[str] = mapped_column(String(200), default="")  # verwerkingsverantwoordelijke
    privacy_email: Mapped[str] = mapped_column(String(254), default="")
    privacy_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
