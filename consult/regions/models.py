"""Regions, their municipalities, stakeholder groups and vision chapters."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, utcnow

DEFAULT_GROUPS = (
    ("client", "Cliënt"),
    ("ervaringsdeskundige", "Ervaringsdeskundige"),
    ("naaste", "Naaste (familie of vriend)"),
    ("adviesraad", "Adviesraad"),
    ("zorgaanbieder", "Zorgaanbieder"),
    ("toegang", "Toegang of wijkteam"),
    ("gemeente", "Gemeente"),
    ("overig", "Overig"),
)


class Region(db.Model):
    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # The public page's address: /regio/<slug>. Set once from the name, unique.
    slug: Mapped[str] = mapped_column(String(80), unique=True, index=True)
    background: Mapped[str] = mapped_column(Text, default="")  # "Achtergrond" on the page
    goal: Mapped[str] = mapped_column(Text, default="")  # "Doelstelling" on the page
    small_cell_threshold: Mapped[int] = mapped_column(default=5)
    require_totp: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    municipalities: Mapped[list[Municipality]] = relationship(
        back_populates="region", order_by="Municipality.name", cascade="all, delete-orphan"
    )
    groups: Mapped[list[StakeholderGroup]] = relationship(
        back_populates="region", order_by="StakeholderGroup.position", cascade="all, delete-orphan"
    )
    chapters: Mapped[list[VisionChapter]] = relationship(
        back_populates="region", order_by="VisionChapter.position", cascade="all, delete-orphan"
    )


class Municipality(db.Model):
    __tablename__ = "municipalities"
    __table_args__ = (UniqueConstraint("region_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    is_central: Mapped[bool] = mapped_column(default=False)

    region: Mapped[Region] = relationship(back_populates="municipalities")


class StakeholderGroup(db.Model):
    """A kind of participant (cliënt, adviesraad, ...); the list is editable per region."""

    __tablename__ = "stakeholder_groups"
    __table_args__ = (UniqueConstraint("region_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)

    region: Mapped[Region] = relationship(back_populates="groups")


class VisionChapter(db.Model):
    """A chapter of the region's vision document, to which themes are linked."""

    __tablename__ = "vision_chapters"
    __table_args__ = (UniqueConstraint("region_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    keywords: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    region: Mapped[Region] = relationship(back_populates="chapters")

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]
