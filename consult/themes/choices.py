"""Themes as other features see them: a label to choose and to link to. No Flask here.

The implementation tracker links agreements to the themes they answer; it lists and looks
up themes only through these functions, never through the themes tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from consult.db import db
from consult.rounds.models import Round
from consult.themes.models import Theme, ThemeStatus

LINKABLE = (ThemeStatus.PROPOSED, ThemeStatus.ACCEPTED)


@dataclass(frozen=True)
class ThemeChoice:
    id: int
    label: str
    description: str
    round_id: int
    round_title: str
    round_slug: str
    is_published: bool  # the round's feedback page is public


def _choice(theme: Theme, round_: Round) -> ThemeChoice:
    return ThemeChoice(id=theme.id, label=theme.label, description=theme.description,
                       round_id=round_.id, round_title=round_.title, round_slug=round_.slug,
                       is_published=round_.published_at is not None)


def theme_choices(region_id: int) -> list[ThemeChoice]:
    """The current themes of the region's rounds that an agreement can answer."""
    rows = db.session.execute(
        select(Theme, Round).join(Round, Theme.round_id == Round.id)
        .where(Round.region_id == region_id, Theme.is_active.is_(True),
               Theme.is_residual.is_(False), Theme.status.in_(LINKABLE))
        .order_by(Round.created_at.desc(), Theme.question_id, Theme.position, Theme.id))
    return [_choice(theme, round_) for theme, round_ in rows]


def themes_by_ids(theme_ids: list[int] | set[int]) -> list[ThemeChoice]:
    """The themes with these ids (any status), in the order of their round and position."""
    if not theme_ids:
        return []
    rows = db.session.execute(
        select(Theme, Round).join(Round, Theme.round_id == Round.id)
        .where(Theme.id.in_(list(theme_ids)))
        .order_by(Round.created_at, Theme.question_id, Theme.position, Theme.id))
    return [_choice(theme, round_) for theme, round_ in rows]


def round_of_theme(theme_id: int) -> int | None:
    """The id of the round a theme belongs to."""
    return db.session.scalar(select(Theme.round_id).where(Theme.id == theme_id))
