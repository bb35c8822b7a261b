"""Participant input: submissions, their answers, facilitator sessions and imports."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from consult.db import db, str_enum, utcnow
from consult.regions.models import Municipality, StakeholderGroup
from consult.rounds.models import Question, Round


class Channel(enum.StrEnum):
    WEB = "web"
    MEETING = "bijeenkomst"
    PAPER = "papier"
    PHONE = "telefoon"
    IMPORT = "import"
    GROUP_SESSION = "groepssessie"  # participants themselves, through a group session's code

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]


CHANNEL_LABELS = {
    Channel.WEB: "Webformulier",
    Channel.MEETING: "Bijeenkomst",
    Channel.PAPER: "Papier",
    Channel.PHONE: "Telefoon",
    Channel.IMPORT: "Import",
    Channel.GROUP_SESSION: "Groepssessie",
}


class InputSession(db.Model):
    """A group session, paper batch or phone round whose input a facilitator enters."""

    __tablename__ = "input_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[Round] = relationship()


IMPORT_RUNNING, IMPORT_DONE, IMPORT_FAILED = "running", "done", "failed"


class ImportBatch(db.Model):
    """One imported file; the digest detects a second import of the same file."""

    __tablename__ = "import_batches"
    __table_args__ = (UniqueConstraint("round_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    row_count: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]  # the whole import was taken back
    # Confirming records the batch as running; a background job stores the rows.
    status: Mapped[str] = mapped_column(String(20), default="done", server_default="done")
    rows_done: Mapped[int] = mapped_column(default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(String(40))  # why a failed import failed
    job: Mapped[dict | None] = mapped_column(JSON)  # what the job needs; cleared when it ends

    round: Mapped[Round] = relationship()

    @property
    def is_running(self) -> bool:
        return self.status == IMPORT_RUNNING


class Submission(db.Model):
    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="SET NULL"), index=True
    )
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    channel: Mapped[Channel] = mapped_column(str_enum(Channel))
    receipt_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    form_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    consent_version: Mapped[str] = mapped_column(String(20))
    consent_analysis: Mapped[bool] = mapped_column(default=False)
    consent_quote: Mapped[bool] = mapped_column(default=False)
    consent_contact: Mapped[bool] = mapped_column(default=False)
    consent_verbal: Mapped[bool] = mapped_column(default=False)
    contact: Mapped[str | None] = mapped_column(String(254))
    is_verbatim: Mapped[bool | None]
    input_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("input_sessions.id", ondelete="SET NULL"), index=True
    )
    import_batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL"), index=True
    )
    # The group session (consult.groupsession) whose code the participant submitted with.
    group_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("group_sessions.id", ondelete="SET NULL"), index=True
    )
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(index=True)

    round: Mapped[Round] = relationship()
    group: Mapped[StakeholderGroup | None] = relationship(lazy="joined")
    municipality: Mapped[Municipality | None] = relationship(lazy="joined")
    input_session: Mapped[InputSession | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="Answer.question_id"
    )

    @property
    def reference(self) -> str:
        """Stable input reference used in exports and quotes, e.g. #R12-0345."""
        return submission_reference(self.round_id, self.id)


def submission_reference(round_id: int, submission_id: int) -> str:
    """The one spelling of a contribution's reference, e.g. #R12-0345 (also for plain rows)."""
    return f"#R{round_id}-{submission_id:04d}"


class Answer(db.Model):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("submission_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)  # redacted: what staff, analysis and exports see
    raw_text: Mapped[str | None] = mapped_column(Text)  # kept only as long as retention allows
    pii: Mapped[list] = mapped_column(JSON, default=list)  # [{"start", "end", "label"}] on raw
    raw_purged_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()


def live_submissions(round_id: int):
    """Select a round's submissions that were not withdrawn."""
    return select(Submission).where(
        Submission.round_id == round_id, Submission.withdrawn_at.is_(None)
    )
