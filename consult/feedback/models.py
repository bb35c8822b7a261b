"""The region's response to a theme, shown on the public feedback page."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.auth.models import User
from consult.db import db, str_enum, utcnow


class ResponseKind(enum.StrEnum):
    ADOPT = "meenemen"
    DECLINE = "niet_meenemen"
    EXPLORE = "uitzoeken"

    @property
    def label(self) -> str:
        return RESPONSE_LABELS[self]


RESPONSE_LABELS = {
    ResponseKind.ADOPT: "Dit nemen we mee",
    ResponseKind.DECLINE: "Dit nemen we niet mee, omdat ...",
    ResponseKind.EXPLORE: "Dit zoeken we verder uit",
}


class ThemeResponse(db.Model):
    """What the region will do with one theme; one per theme."""

    __tablename__ = "theme_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[ResponseKind] = mapped_column(str_enum(ResponseKind))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship()


def responses_of(round_id: int):
    """Select the responses written for a round's themes."""
    return select(ThemeResponse).where(ThemeResponse.round_id == round_id)
