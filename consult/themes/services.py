"""Analysis runs: start, execute, cancel; the only place that feeds answers to the engine.

No Flask here. ``execute_run`` runs in a worker (thread, RQ job or inline in tests).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db, utcnow
from consult.errors import Conflict, ConsultError
from consult.rounds.models import Question, Round
from consult.submissions.models import Answer, Submission
from consult.themes import curation, engine, rerun
from consult.themes.models import (
    AnalysisRun,
    AssignedBy,
    Assignment,
    RunStatus,
    Theme,
    ThemeSet,
)

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=10)  # no heartbeat for this long: the worker died
MIN_ANSWERS = 3
ARRIVAL_BATCH = 5000  # contributions per engine call when placing arrivals (SQL bind limits)


class RunCancelled(ConsultError):
    """The officer cancelled the run."""


class NoInput(ConsultError):
    """There is too little input to analyse."""


def theme_set_for(round_: Round, question: Question) -> ThemeSet:
    """The theme set of a round's question, created when missing."""
    ts = db.session.scalar(select(ThemeSet).where(
        ThemeSet.round_id == round_.id, ThemeSet.question_id == question.id))
    if ts is None:
        ts = ThemeSet(round_id=round_.id, question_id=question.id)
        db.session.add(ts)
        db.session.flush()
    return ts


def active_run(round_: Round) -> AnalysisRun | None:
    """The queued or running analysis of a round, if any."""
    return db.session.scalar(select(AnalysisRun).where(
        AnalysisRun.round_id == round_.id,
        AnalysisRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING])))


def start_run(round_: Round, *, question: Question | None, options: engine.Options,
              actor: User, now: datetime) -> AnalysisRun:
    """Queue an analysis of one question or all; one active run per round."""
    if active_run(round_) is not None:
        raise Conflict("an analysis is already running")
    run = AnalysisRun(round_id=round_.id, question_id=question.id if question else None,
                      parameters=options.as_dict(), started_by_id=actor.id, created_at=now)
    db.session.add(run)
    db.session.flush()
    record("analysis.start", actor=actor, obj=run, region_id=round_.region_id, now=now,
           question_id=run.question_id)
    return run


def cancel_run(run: AnalysisRun, *, actor: User, now: datetime) -> None:
    """Ask the worker to stop; a queued run stops at once."""
    if not run.status.is_active:
        return
    run.is_cancel_requested = True
    if run.status is RunStatus.QUEUED:
        _finish(run, RunStatus.CANCELLED, now=now)
    record("analysis.cancel", actor=actor, obj=run, region_id=run.round.region_id, now=now)


def mark_stale(run: AnalysisRun, *, now: datetime) -> None:
    """A running analysis whose worker stopped reporting is marked failed."""
    beat = run.heartbeat_at or run.started_at or run.created_at
    if run.status is RunStatus.RUNNING and now - beat > STALE_AFTER:
        run.error_code = "interrupted"
        _finish(run, RunStatus.FAILED, now=now)


def answers_of(round_: Round, question: Question) -> list[tuple[int, str]]:
    """(answer id, redacted text) of live, consented answers to a question."""
    rows = db.session.execute(
        select(Answer.id, Answer.text).join(Submission)
        .where(Submission.round_id == round_.id, Answer.question_id == question.id,
               Submission.withdrawn_at.is_(None), Submission.consent_analysis.is_(True))
        .order_by(Answer.id))
    return [(r.id, r.text) for r in rows]


def execute_run(run_id: int) -> None:
    """Run the engine for a queued run and store its themes; failures keep the old themes."""
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status is not RunStatus.QUEUED:
        return
    run.status, run.started_at = RunStatus.RUNNING, utcnow()
    run.heartbeat_at, run.stage = run.started_at, "voorbereiden"
    db.session.commit()
    try:
        results = _analyse(run)
        _store(run, results)
    except RunCancelled:
        db.session.rollback()
        if (run := db.session.get(AnalysisRun, run_id)) is not None:
            _finish(run, RunStatus.CANCELLED, now=utcnow())
    except Exception as err:  # noqa: BLE001  (any engine failure must end the run visibly)
        db.session.rollback()
        run = db.session.get(AnalysisRun, run_id)
        if run is None:  # the round was deleted or purged while the run was busy
            log.info("analysis run %s vanished while running", run_id)
            return
        log.exception("analysis run %s failed", run_id)
        run.error_code = "no_input" if isinstance(err, NoInput) else "engine"
        run.error_detail = f"{type(err).__name__}: {err}"[:2000]
        _finish(run, RunStatus.FAILED, now=utcnow())
    try:
        db.session.commit()
    except StaleDataError:  # deleted between our read and this write: nothing left to report
        db.session.rollback()
        log.info("analysis run %s vanished while finishing", run_id)


def _finish(run: AnalysisRun, status: RunStatus, *, now: datetime) -> None:
    run.status, run.finished_at = status, now
    if run.started_at is not None:
        run.duration_seconds = round((now - run.started_at).total_seconds(), 2)
    if status is RunStatus.DONE:
        run.progress, run.stage = 100, "klaar"


def _analyse(run: AnalysisRun) -> list[tuple[Question, list[int], engine.Found]]:
    questions = [run.question] if run.question else list(run.round.questions)
    options = engine.Options.from_dict(run.parameters)
    seeds = [engine.Seed(c.name, tuple(c.keyword_list)) for c in run.round.region.chapters]
    results = []
    for i, question in enumerate(questions):
        rows = answers_of(run.round, question)
        if len(rows) < MIN_ANSWERS:
            continue
        report = _reporter(run.id, i, len(questions))
        found = engine.find_themes([t for _, t in rows], options=options, seeds=seeds,
                                   progress=report)
        results.append((question, [a for a, _ in rows], found))
    if not results:
        raise NoInput("fewer than three answers")
    return results


def _reporter(run_id: int, index: int, count: int) -> Callable[[str, int], None]:
    """Progress callback: writes stage and percent at most twice a second; honours cancel."""
    last = [0.0]

    def report(stage: str, percent: int) -> None:
        if time.monotonic() - last[0] < 0.5:
            return
        last[0] = time.monotonic()
        overall = int((index * 100 + percent) / count * 0.95)
        db.session.execute(update(AnalysisRun).where(AnalysisRun.id == run_id).values(
            stage=stage, progress=overall, heartbeat_at=utcnow()))
        db.session.commit()
        if db.session.scalar(select(AnalysisRun.is_cancel_requested)
                             .where(AnalysisRun.id == run_id)):
            raise RunCancelled(str(run_id))

    return report


def _store(run: AnalysisRun, results: list[tuple[Question, list[int], engine.Found]]) -> None:
    db.session.refresh(run)
    if run.is_cancel_requested:
        raise RunCancelled(str(run.id))
    run.pipeline = results[0][2].pipeline
    run.n_inputs = sum(len(ids) for _, ids, _ in results)
    taken: set[str] = set()  # no two themes of a round share a label
    order = sorted(run.round.questions, key=lambda q: (q.position, q.id))
    numbers = {q.id: n for n, q in enumerate(order, start=1)}
    for question, answer_ids, found in results:
        run.models = {**run.models, str(question.id): found.model}
        themes = _write_themes(run, question, answer_ids, found,
                               taken=taken, suffix=f" (vraag {numbers[question.id]})")
        ts = theme_set_for(run.round, question)
        comparison = rerun.take_over(ts, run, themes, now=utcnow())
        run.comparison = {**run.comparison, str(question.id): comparison}
    _finish(run, RunStatus.DONE, now=utcnow())


def _write_themes(run: AnalysisRun, question: Question, answer_ids: list[int],
                  found: engine.Found, *, taken: set[str], suffix: str) -> dict[int, Theme]:
    """Insert the run's themes (plus 'niet ingedeeld') and one assignment per answer.

    A label another question of the round already has gets ``suffix`` (its question).
    """
    chapters = {c.name: c.id for c in run.round.region.chapters}
    by_key: dict[int, Theme] = {}
    for pos, ft in enumerate(found.themes):
        chapter_id = chapters.get(ft.chapter) if ft.chapter else None
        label = ft.label[:180]
        label = label + suffix if label.lower() in taken else label
        taken.add(label.lower())
        by_key[ft.key] = Theme(
            run_id=run.id, round_id=run.round_id, question_id=question.id, position=pos,
            engine_key=ft.key, label=label, model_label=label,
            keywords=ft.keywords, chapter_id=chapter_id, model_chapter_id=chapter_id,
            representative_ids=[answer_ids[i] for i in ft.representatives if i < len(answer_ids)],
            model_description=ft.description, near_copies=ft.near_copies,
            chapter_match=ft.chapter_match,
            suggested_chapter_id=chapters.get(ft.suggested_chapter) if ft.suggested_chapter
            else None)
    residual = Theme(run_id=run.id, round_id=run.round_id, question_id=question.id,
                     position=len(found.themes), label="Niet ingedeeld",
                     model_label="Niet ingedeeld", is_residual=True,
                     near_copies=found.unassigned_near_copies)
    db.session.add_all([*by_key.values(), residual])
    db.session.flush()
    rows = []
    for answer_id, key in zip(answer_ids, found.assignments, strict=True):
        theme_id = by_key[key].id if key in by_key else residual.id
        rows.append({"run_id": run.id, "answer_id": answer_id, "theme_id": theme_id,
                     "model_theme_id": theme_id, "score": 1.0, "created_at": utcnow()})
    db.session.execute(insert(Assignment), rows)
    return {**by_key, -1: residual}


def assign_on_arrival(submissions: list[Submission], now: datetime) -> None:
    """Place new contributions' answers in the current themes, marked as arrived later.

    Answers are grouped per theme set, so an import of thousands of rows costs one engine
    call per question instead of one per answer.
    """
    per_set: dict[int, tuple[ThemeSet, list[tuple[Submission, Answer]]]] = {}
    for submission in submissions:
        if not submission.consent_analysis:
            continue
        for answer in submission.answers:
            ts = _theme_set(submission.round_id, answer.question_id)
            if ts is None or ts.run_id is None or _already_assigned(ts.run_id, answer.id):
                continue
            per_set.setdefault(ts.id, (ts, []))[1].append((submission, answer))
    for ts, pairs in per_set.values():
        themes = curation.arrival_themes(ts, [answer.text for _, answer in pairs])
        for (_, answer), theme in zip(pairs, themes, strict=True):
            db.session.add(Assignment(
                run_id=ts.run_id, answer_id=answer.id, theme_id=theme.id,
                model_theme_id=theme.id, assigned_by=AssignedBy.ARRIVAL,
                model_assigned_by=AssignedBy.ARRIVAL, created_at=now))
            theme.size += 1
    db.session.flush()


def _theme_set(round_id: int, question_id: int) -> ThemeSet | None:
    return db.session.scalar(select(ThemeSet).where(
        ThemeSet.round_id == round_id, ThemeSet.question_id == question_id))


def _already_assigned(run_id: int, answer_id: int) -> bool:
    return db.session.scalar(select(Assignment.id).where(
        Assignment.run_id == run_id, Assignment.answer_id == answer_id)) is not None


def place_arrivals(submission_ids: list[int], *, now: datetime) -> None:
    """The job behind ``submitted``: place contributions stored earlier, loaded by id.

    Runs outside the participant's request (see ``worker.place_arrivals``). Contributions
    that are gone by now (withdrawn, erased, a failed import) are skipped.
    """
    for start in range(0, len(submission_ids), ARRIVAL_BATCH):
        submissions = db.session.scalars(
            select(Submission).where(Submission.id.in_(submission_ids[start:start + ARRIVAL_BATCH]))
            .options(selectinload(Submission.answers)).order_by(Submission.id)).all()
        assign_on_arrival(list(submissions), now)


def drop_representatives(sender, *, answer_ids: list[int], now: datetime) -> None:
    """Erasure receiver: remove erased answers from the themes' lists of representative
    quotes (their assignments go with the answers)."""
    erased = set(answer_ids)
    rounds = select(Submission.round_id).join(Answer).where(Answer.id.in_(answer_ids))
    for theme in db.session.scalars(select(Theme).where(Theme.round_id.in_(rounds))):
        kept = [i for i in theme.representative_ids or [] if i not in erased]
        if kept != (theme.representative_ids or []):
            theme.representative_ids = kept
