"""Analysis runs, themes, answer assignments, curation events and theme-set sign-off.

A theme set is the current set of themes for one round and one question. Its themes come
from the latest successful run; curation is stored as events replayed on top of the model
output, so undo marks an event undone and recomputes, and a re-run carries events over.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Double, ForeignKey, Index, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.auth.models import User
from consult.db import db, str_enum, utcnow
from consult.rounds.models import Question, Round


class RunStatus(enum.StrEnum):
    QUEUED = "wachtrij"
    RUNNING = "bezig"
    DONE = "klaar"
    FAILED = "mislukt"
    CANCELLED = "geannuleerd"

    @property
    def is_active(self) -> bool:
        return self in (RunStatus.QUEUED, RunStatus.RUNNING)


class ThemeStatus(enum.StrEnum):
    PROPOSED = "voorgesteld"
    ACCEPTED = "geaccepteerd"
    MERGED = "samengevoegd"
    EXCLUDED = "uitgesloten"


class AssignedBy(enum.StrEnum):
    MODEL = "model"
    USER = "user"
    ARRIVAL = "arrival"  # assigned to existing themes when the input arrived after the run


class SetStatus(enum.StrEnum):
    DRAFT = "concept"
    PENDING = "ter vaststelling"
    SIGNED = "vastgesteld"


class AnalysisRun(db.Model):
    """One analysis of a round's answers (all questions, or one): status, progress, timings."""

    __tablename__ = "analysis_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(  # None: all questions of the round
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[RunStatus] = mapped_column(str_enum(RunStatus), default=RunStatus.QUEUED)
    stage: Mapped[str] = mapped_column(String(40), default="wachtrij")
    progress: Mapped[int] = mapped_column(default=0)  # percent
    is_cancel_requested: Mapped[bool] = mapped_column(default=False)
    error_code: Mapped[str | None] = mapped_column(String(40))
    error_detail: Mapped[str | None] = mapped_column(Text)  # technical, for the log only
    pipeline: Mapped[str] = mapped_column(String(120), default="")
    parameters: Mapped[dict] = mapped_column(JSON, default=dict)
    n_inputs: Mapped[int] = mapped_column(default=0)
    comparison: Mapped[dict] = mapped_column(JSON, default=dict)  # per question: new/changed/gone
    models: Mapped[dict] = mapped_column(JSON, default=dict)  # engine model per question id
    job_id: Mapped[str | None] = mapped_column(String(64))
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    started_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # Double spelled out: a bare float maps to Float, which the migration and every backend
    # reflect as DOUBLE; alembic releases disagree on whether the two compare equal.
    duration_seconds: Mapped[float | None] = mapped_column(Double)

    round: Mapped[Round] = relationship()
    question: Mapped[Question | None] = relationship()
    started_by: Mapped[User | None] = relationship()


class ThemeSet(db.Model):
    """The current themes of one round and question, and their sign-off status."""

    __tablename__ = "theme_sets"
    __table_args__ = (UniqueConstraint("round_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    run_id: Mapped[int | None] = mapped_column(  # the run whose themes are current
        ForeignKey("analysis_runs.id", ondelete="SET NULL")
    )
    status: Mapped[SetStatus] = mapped_column(str_enum(SetStatus), default=SetStatus.DRAFT)
    requested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    requested_at: Mapped[datetime | None]
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    signed_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[Round] = relationship()
    question: Mapped[Question] = relationship()
    run: Mapped[AnalysisRun | None] = relationship()
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    signed_by: Mapped[User | None] = relationship(foreign_keys=[signed_by_id])


class Theme(db.Model):
    """A theme of one run and question; ``model_*`` fields keep what the engine proposed."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    engine_key: Mapped[int | None]  # the engine's theme id within the run
    is_residual: Mapped[bool] = mapped_column(default=False)  # "niet ingedeeld"
    label: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list] = mapped_column(JSON, default=list)  # list[str]
    status: Mapped[ThemeStatus] = mapped_column(
        str_enum(ThemeStatus), default=ThemeStatus.PROPOSED
    )
    chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("vision_chapters.id", ondelete="SET NULL")
    )
    representative_ids: Mapped[list] = mapped_column(JSON, default=list)  # answer ids
    exclusion_reason: Mapped[str | None] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id"))  # split from
    previous_id: Mapped[int | None] = mapped_column(  # matched theme of the earlier run
        ForeignKey("themes.id", ondelete="SET NULL")
    )
    change: Mapped[str] = mapped_column(String(20), default="")  # nieuw, gewijzigd, ongewijzigd
    is_active: Mapped[bool] = mapped_column(default=True)  # False: undone split or old run
    size: Mapped[int] = mapped_column(default=0)  # answers in it, refreshed on recompute
    created_by_user: Mapped[bool] = mapped_column(default=False)  # made by a split
    model_label: Mapped[str] = mapped_column(String(200), default="")
    model_chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("vision_chapters.id", ondelete="SET NULL")
    )
    # What the engine found beside the label: its most central sentence, how many answers
    # are (almost) the same text as another, and the chapter it leans to with the share of
    # its answers that fit that chapter (named only when enough do; else "controleren").
    model_description: Mapped[str] = mapped_column(Text, default="", server_default="")
    near_copies: Mapped[int] = mapped_column(default=0, server_default="0")
    chapter_match: Mapped[float | None]
    suggested_chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("vision_chapters.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def summary(self) -> str:
        """The description a person wrote, else the engine's sentence."""
        return self.description or self.model_description

    @property
    def chapter_to_check(self) -> bool:
        """The engine saw a chapter here but too few answers fit it to name the theme."""
        return self.suggested_chapter_id is not None and self.chapter_id is None

    run: Mapped[AnalysisRun] = relationship()
    round: Mapped[Round] = relationship()
    question: Mapped[Question] = relationship()


class Assignment(db.Model):
    """An answer's place in a run's themes; ``model_theme_id`` is where the engine put it."""

    __tablename__ = "theme_assignments"
    __table_args__ = (
        UniqueConstraint("run_id", "answer_id"),
        Index("ix_theme_assignments_page", "theme_id", "is_off_topic", "answer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answers.id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    model_theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(Double, default=0.0)
    assigned_by: Mapped[AssignedBy] = mapped_column(
        str_enum(AssignedBy), default=AssignedBy.MODEL
    )
    model_assigned_by: Mapped[AssignedBy] = mapped_column(
        str_enum(AssignedBy), default=AssignedBy.MODEL
    )
    is_off_topic: Mapped[bool] = mapped_column(default=False)
    # Group, municipality and channel are read from the submission: a facilitator can
    # correct them, so a copy here would go stale.
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    theme: Mapped[Theme] = relationship(foreign_keys=[theme_id])


# What a curation event type means, in Dutch: the history page and the audit log say so.
CURATION_LABELS = {
    "rename": "Naam gewijzigd", "describe": "Beschrijving gewijzigd", "accept": "Geaccepteerd",
    "exclude": "Uitgesloten", "chapter": "Hoofdstuk gekoppeld", "note": "Notitie",
    "merge": "Samengevoegd", "split": "Gesplitst", "move": "Antwoorden verplaatst",
    "off_topic": "Relevantie gewijzigd",
}


class CurationEvent(db.Model):
    """One curation action on a theme set; undone events are skipped when recomputing."""

    __tablename__ = "curation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_set_id: Mapped[int] = mapped_column(
        ForeignKey("theme_sets.id", ondelete="CASCADE"), index=True
    )
    run_id: Mapped[int] = mapped_column(ForeignKey("analysis_runs.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(30))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_carried: Mapped[bool] = mapped_column(default=False)  # copied from the previous run

    user: Mapped[User | None] = relationship(foreign_keys=[user_id])


class SignOff(db.Model):
    """A reviewer's decision on a theme set: approve, or disagree with a note."""

    __tablename__ = "theme_sign_offs"

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_set_id: Mapped[int] = mapped_column(
        ForeignKey("theme_sets.id", ondelete="CASCADE"), index=True
    )
    run_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_runs.id", ondelete="SET NULL"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    is_approved: Mapped[bool]
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


def current_themes(theme_set: ThemeSet):
    """Select the active themes of a theme set's current run, in display order."""
    return (
        select(Theme)
        .where(Theme.run_id == theme_set.run_id, Theme.question_id == theme_set.question_id,
               Theme.is_active.is_(True))
        .order_by(Theme.position, Theme.id)
    )
