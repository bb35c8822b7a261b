"""Read a round's current themes from the themes package, in the shape exports need.

The themes workspace owns its models; this module only reads them, so a change there
touches one adapter here. A round has one theme set per question; the summary is final
only when every theme set of the round is signed off. No Flask here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult.db import db
from consult.rounds.models import Round
from consult.themes.models import Assignment, SetStatus, Theme, current_themes
from consult.themes.models import ThemeSet as ThemeSetModel


@dataclass(frozen=True)
class SourceTheme:
    id: int
    label: str
    description: str
    keywords: tuple[str, ...]
    status: str  # voorgesteld, geaccepteerd, samengevoegd, uitgesloten
    chapter_id: int | None
    exclusion_reason: str
    representative_ids: tuple[int, ...]
    answer_ids: frozenset[int]
    question_id: int | None = None
    is_residual: bool = False  # the run's "niet ingedeeld" bucket, not a real theme
    near_copies: int = 0  # answers (almost) the same text as another, at the analysis
    size: int = 0  # on-topic answers as last stored; what remains after the round's end of life


@dataclass(frozen=True)
class SignedSet:
    question_id: int
    signed_by: str | None
    signed_at: datetime | None
    offered_by: str | None = None  # who asked for the sign-off (the first pair of eyes)
    offered_at: datetime | None = None


@dataclass(frozen=True)
class ThemeSet:
    """All current themes of a round, across its questions, with their sign-off."""

    run_ids: tuple[int, ...] = ()
    themes: tuple[SourceTheme, ...] = ()
    sets: tuple[SignedSet, ...] = ()

    @property
    def is_signed_off(self) -> bool:
        return bool(self.sets) and all(s.signed_at is not None for s in self.sets)

    @property
    def run_id(self) -> int | None:
        return self.run_ids[-1] if self.run_ids else None


def theme_sets_of(round_id: int):
    """Select the theme sets of a round that have a current run."""
    return select(ThemeSetModel).where(
        ThemeSetModel.round_id == round_id, ThemeSetModel.run_id.is_not(None)
    ).order_by(ThemeSetModel.question_id)


def _assigned(run_id: int, theme_ids: list[int]) -> dict[int, set[int]]:
    rows = db.session.execute(
        select(Assignment.theme_id, Assignment.answer_id).where(
            Assignment.run_id == run_id, Assignment.theme_id.in_(theme_ids),
            Assignment.is_off_topic.is_(False))
    )
    members: dict[int, set[int]] = {}
    for theme_id, answer_id in rows:
        members.setdefault(theme_id, set()).add(answer_id)
    return members


def _source(theme: Theme, answer_ids: set[int]) -> SourceTheme:
    return SourceTheme(
        id=theme.id, label=theme.label, description=theme.summary or "",
        keywords=tuple(theme.keywords or ()), status=str(theme.status),
        chapter_id=theme.chapter_id, exclusion_reason=theme.exclusion_reason or "",
        representative_ids=tuple(theme.representative_ids or ()),
        answer_ids=frozenset(answer_ids), question_id=theme.question_id,
        is_residual=bool(getattr(theme, "is_residual", False)),
        near_copies=theme.near_copies or 0, size=theme.size or 0,
    )


def _signed_set(theme_set: ThemeSetModel) -> SignedSet:
    """Who offered and who approved a set; nothing while it is not signed off."""
    if theme_set.status != SetStatus.SIGNED:
        return SignedSet(question_id=theme_set.question_id, signed_by=None, signed_at=None)
    signer, offerer = theme_set.signed_by, theme_set.requested_by
    return SignedSet(
        question_id=theme_set.question_id, signed_by=signer.name if signer else None,
        signed_at=theme_set.signed_at, offered_by=offerer.name if offerer else None,
        offered_at=theme_set.requested_at if offerer else None)


def load_theme_set(round_: Round) -> ThemeSet:
    """The round's current themes and sign-off, or an empty set when there is none."""
    themes, sets, runs = [], [], []
    for theme_set in db.session.scalars(theme_sets_of(round_.id)):
        sets.append(_signed_set(theme_set))
        runs.append(theme_set.run_id)
        current = list(db.session.scalars(current_themes(theme_set)))
        members = _assigned(theme_set.run_id, [t.id for t in current])
        themes += [_source(t, members.get(t.id, set())) for t in current]
    return ThemeSet(run_ids=tuple(runs), themes=tuple(themes), sets=tuple(sets))
