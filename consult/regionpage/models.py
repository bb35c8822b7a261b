"""Publications and events shown on a region's public page."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, str_enum, utcnow
from consult.regions.models import Region


class ItemKind(enum.StrEnum):
    REPORT = "rapport"
    TALK_SHOW = "talkshow"
    PODCAST = "podcast"
    MEETING = "bijeenkomst"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ItemKind.REPORT: "Rapport",
    ItemKind.TALK_SHOW: "Talkshow",
    ItemKind.PODCAST: "Podcast",
    ItemKind.MEETING: "Bijeenkomst",
}


class PageItem(db.Model):
    """A publication or event: a link to elsewhere, an uploaded PDF, or neither."""

    __tablename__ = "page_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ItemKind] = mapped_column(str_enum(ItemKind))
    title: Mapped[str] = mapped_column(String(200))
    happened_on: Mapped[date]
    description: Mapped[str] = mapped_column(Text, default="")
    link_url: Mapped[str | None] = mapped_column(String(500))
    # The stored file's random name under the instance folder; never a name a user chose.
    pdf_token: Mapped[str | None] = mapped_column(String(64))
    pdf_size: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Region] = relationship()

    @property
    def has_pdf(self) -> bool:
        return self.pdf_token is not None

    @property
    def link_text(self) -> str:
        """What following the link does, in words: 'Luister naar de podcast'."""
        return LINK_TEXTS[self.kind]


LINK_TEXTS = {
    ItemKind.REPORT: "Lees het rapport",
    ItemKind.TALK_SHOW: "Bekijk de talkshow",
    ItemKind.PODCAST: "Luister naar de podcast",
    ItemKind.MEETING: "Meer over de bijeenkomst",
}


def items_of(region_id: int):
    """Select a region's publications and events, newest first."""
    return (select(PageItem).where(PageItem.region_id == region_id)
            .order_by(PageItem.happened_on.desc(), PageItem.id.desc()))
