"""Retention purge and erasure by receipt code. No Flask here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Delete, delete, func, select, update

from consult.audit.services import record
from consult.auth.models import User
from consult.auth.services import hash_token
from consult.db import db
from consult.errors import NotFound
from consult.groupsession.models import GroupSession
from consult.privacy.models import RetainedCount
from consult.privacy.signals import erasing
from consult.rounds.models import Round
from consult.safeguarding.models import CrisisSignal, SignalAction
from consult.submissions.models import Answer, ImportBatch, InputSession, Submission
from consult.submissions.services import erase, normalise_code
from consult.themes.models import AnalysisRun, Assignment, CurationEvent, SignOff, ThemeSet

# The retention policy at a round's end of life. The round form promises: "Na deze datum
# blijven alleen aantallen en de gepubliceerde samenvatting over"; the register keeps the audit
# log (not tied to a round) as long as the region exists. Every table tied to a round is in
# exactly one of these lists; tests/privacy/test_retention.py checks that for new tables.
END_OF_LIFE_DELETES = (  # the participants' input and everything that points into it
    "theme_assignments", "curation_events", "theme_sign_offs", "signal_actions",
    "crisis_signals", "answers", "submissions", "input_sessions", "import_batches",
    "group_sessions",
)
END_OF_LIFE_KEEPS = (  # no personal data: the round and the published summary
    "rounds", "questions", "round_groups", "retained_counts", "theme_sets", "analysis_runs",
    "themes", "theme_responses",
    "agreement_themes",  # which themes an agreement answers: the public chain, no input
)


@dataclass
class PurgeReport:
    raw_answers: int = 0
    contacts: int = 0
    ended_rounds: list[int] = field(default_factory=list)
    deleted: Counter = field(default_factory=Counter)

    @property
    def is_empty(self) -> bool:
        return not (self.raw_answers or self.contacts or self.deleted)


def raw_due_at(round_: Round) -> datetime | None:
    """When a round's raw texts and contact details go: N days after closing, or at publishing."""
    if round_.raw_retention_days is None:
        return round_.published_at
    return round_.ended_at + timedelta(days=round_.raw_retention_days)


def purge(*, now: datetime) -> PurgeReport:
    """Apply every round's retention settings; safe to run repeatedly."""
    report = PurgeReport()
    for round_ in db.session.scalars(select(Round).order_by(Round.id)):
        if round_.delete_after is not None and round_.delete_after <= now:
            _end_of_life(round_, report, now=now)
        elif (due := raw_due_at(round_)) is not None and due <= now:
            _purge_raw(round_, report, now=now)
    if not report.is_empty:
        record("privacy.purge", actor=None, now=now, raw_answers=report.raw_answers,
               contacts=report.contacts, ended_rounds=report.ended_rounds,
               deleted=dict(report.deleted))
    return report


def _round_submissions(round_: Round):
    return select(Submission.id).where(Submission.round_id == round_.id)


def _purge_raw(round_: Round, report: PurgeReport, *, now: datetime) -> None:
    answers = db.session.execute(
        update(Answer)
        .where(Answer.submission_id.in_(_round_submissions(round_)), Answer.raw_text.is_not(None))
        .values(raw_text=None, raw_purged_at=now)
        .execution_options(synchronize_session=False)
    )
    contacts = db.session.execute(
        update(Submission)
        .where(Submission.round_id == round_.id, Submission.contact.is_not(None))
        .values(contact=None)
        .execution_options(synchronize_session=False)
    )
    report.raw_answers += answers.rowcount
    report.contacts += contacts.rowcount


def _end_of_life(round_: Round, report: PurgeReport, *, now: datetime) -> None:
    """Keep aggregate counts and the published summary; delete the round's input."""
    _add_counts(round_, now=now)
    answer_ids = list(db.session.scalars(
        select(Answer.id).where(Answer.submission_id.in_(_round_submissions(round_)))))
    _run_hooks(answer_ids, now=now)
    deleted = Counter()
    for name, statement in _end_of_life_deletes(round_.id):
        result = db.session.execute(statement.execution_options(synchronize_session=False))
        if result.rowcount:
            deleted[name] += result.rowcount
    db.session.expire_all()
    if deleted:
        report.ended_rounds.append(round_.id)
        report.deleted.update(deleted)


def _end_of_life_deletes(round_id: int) -> list[tuple[str, Delete]]:
    """One statement per table in END_OF_LIFE_DELETES, children before their parents."""
    submissions = select(Submission.id).where(Submission.round_id == round_id)
    theme_sets = select(ThemeSet.id).where(ThemeSet.round_id == round_id)
    runs = select(AnalysisRun.id).where(AnalysisRun.round_id == round_id)
    statements = {
        "theme_assignments": delete(Assignment).where(Assignment.run_id.in_(runs)),
        "curation_events": delete(CurationEvent).where(CurationEvent.theme_set_id.in_(theme_sets)),
        "theme_sign_offs": delete(SignOff).where(SignOff.theme_set_id.in_(theme_sets)),
        "signal_actions": delete(SignalAction).where(SignalAction.signal_id.in_(
            select(CrisisSignal.id).where(CrisisSignal.round_id == round_id))),
        "crisis_signals": delete(CrisisSignal).where(CrisisSignal.round_id == round_id),
        "answers": delete(Answer).where(Answer.submission_id.in_(submissions)),
        "submissions": delete(Submission).where(Submission.round_id == round_id),
        "input_sessions": delete(InputSession).where(InputSession.round_id == round_id),
        "import_batches": delete(ImportBatch).where(ImportBatch.round_id == round_id),
        "group_sessions": delete(GroupSession).where(GroupSession.round_id == round_id),
    }
    return [(name, statements[name]) for name in END_OF_LIFE_DELETES]


def _add_counts(round_: Round, *, now: datetime) -> None:
    """Fold the live submissions into the round's retained counts (adds to earlier runs)."""
    rows = db.session.execute(
        select(Submission.group_id, Submission.municipality_id, Submission.channel, func.count())
        .where(Submission.round_id == round_.id, Submission.withdrawn_at.is_(None))
        .group_by(Submission.group_id, Submission.municipality_id, Submission.channel)
    ).all()
    groups = {g.id: g.name for g in round_.region.groups}
    places = {m.id: m.name for m in round_.region.municipalities}
    for group_id, municipality_id, channel, count in rows:
        key = {"round_id": round_.id, "group_name": groups.get(group_id, ""),
               "municipality_name": places.get(municipality_id, ""), "channel": str(channel)}
        retained = db.session.scalar(select(RetainedCount).filter_by(**key))
        if retained is None:
            retained = RetainedCount(**key, count=0, created_at=now)
            db.session.add(retained)
        retained.count += count
    db.session.flush()


def _run_hooks(answer_ids: list[int], *, now: datetime) -> None:
    """Let other features remove their copies of these answers (``signals.erasing``)."""
    if answer_ids:
        erasing.send(None, answer_ids=answer_ids, now=now)


def find_for_erasure(code: str, *, round_: Round | None = None) -> Submission:
    """The submission with this receipt code in any state of its round, or NotFound."""
    query = select(Submission).where(Submission.receipt_hash == hash_token(normalise_code(code)))
    if round_ is not None:
        query = query.where(Submission.round_id == round_.id)
    submission = db.session.scalar(query)
    if submission is None:
        raise NotFound("unknown receipt code")
    return submission


def erase_by_code(code: str, *, round_: Round | None = None, actor: User | None,
                  channel: str, now: datetime) -> Submission:
    """Erase a participant's input everywhere, also after the round closed."""
    submission = find_for_erasure(code, round_=round_)
    _run_hooks([a.id for a in submission.answers], now=now)
    erase(submission, now=now)
    db.session.flush()
    record("privacy.erase", actor=actor, obj=submission, region_id=submission.round.region_id,
           now=now, channel=channel)
    return submission


def retained_counts(round_id: int) -> list[RetainedCount]:
    """What remains of a round after its end of life."""
    return list(db.session.scalars(
        select(RetainedCount).where(RetainedCount.round_id == round_id)
        .order_by(RetainedCount.group_name, RetainedCount.municipality_name)))

