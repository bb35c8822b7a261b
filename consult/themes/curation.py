"""Curation as events replayed over the model output: act, undo, recompute. No Flask.

Event types and payloads:
rename {label} · describe {description} · accept {} · exclude {reason} · chapter {chapter_id}
· note {text} · merge {sources, target} · split {children, parts} · move {answer_ids, target}
· off_topic {answer_ids, value}. ``theme_id`` is the theme acted on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.errors import InvalidState
from consult.themes import engine
from consult.themes.models import (
    AssignedBy,
    Assignment,
    CurationEvent,
    SetStatus,
    Theme,
    ThemeSet,
    ThemeStatus,
)

LOAD_ENGINE_FOR = 50  # arriving answers from which the engine is loaded to place them


def act(ts: ThemeSet, type_: str, *, theme: Theme | None, payload: dict, actor: User | None,
        now: datetime, carried: bool = False) -> CurationEvent:
    """Record a curation event, apply it, and reopen a signed-off set."""
    if ts.run_id is None:
        raise InvalidState("no themes yet")
    if type_ == "split":
        payload = {**payload, "children": _new_children(theme, len(payload["parts"]), now)}
    event = CurationEvent(theme_set_id=ts.id, run_id=ts.run_id, type=type_,
                          theme_id=theme.id if theme else None, payload=payload,
                          user_id=actor.id if actor else None, created_at=now,
                          is_carried=carried)
    db.session.add(event)
    db.session.flush()
    _apply(event)
    refresh_sizes(ts)
    if not carried:
        _reopen(ts, now=now)
        record(f"theme.{type_}", actor=actor, obj=theme or ts, region_id=ts.round.region_id,
               now=now, event_id=event.id, **{k: v for k, v in payload.items() if k != "parts"})
    return event


def undo(event: CurationEvent, *, actor: User, now: datetime) -> None:
    """Mark an event undone and recompute the theme set without it."""
    if event.undone_at is not None:
        return
    event.undone_at, event.undone_by_id = now, actor.id
    ts = db.session.get(ThemeSet, event.theme_set_id)
    recompute(ts)
    _reopen(ts, now=now)
    record("theme.undo", actor=actor, obj=event, region_id=ts.round.region_id, now=now,
           undone_type=event.type)


def _reopen(ts: ThemeSet, *, now: datetime) -> None:
    ts.status, ts.updated_at = SetStatus.DRAFT, now


def _new_children(theme: Theme, count: int, now: datetime) -> list[int]:
    children = [Theme(run_id=theme.run_id, round_id=theme.round_id,
                      question_id=theme.question_id, position=theme.position,
                      label=f"{theme.label} – deel {i + 1}",
                      model_label=f"{theme.label} – deel {i + 1}", keywords=theme.keywords,
                      parent_id=theme.id, created_by_user=True, is_active=False, created_at=now)
                for i in range(count)]
    db.session.add_all(children)
    db.session.flush()
    return [c.id for c in children]


def events_of(ts: ThemeSet, *, include_undone: bool = True):
    """Select the curation events of the set's current run, oldest first."""
    query = select(CurationEvent).where(CurationEvent.theme_set_id == ts.id,
                                        CurationEvent.run_id == ts.run_id)
    if not include_undone:
        query = query.where(CurationEvent.undone_at.is_(None))
    return query.order_by(CurationEvent.id)


def recompute(ts: ThemeSet) -> None:
    """Reset to the model output and replay every event that was not undone."""
    db.session.flush()
    themes = select(Theme.id).where(Theme.run_id == ts.run_id,
                                    Theme.question_id == ts.question_id)
    db.session.execute(update(Theme).where(Theme.id.in_(themes)).values(
        label=Theme.model_label, description="", status=ThemeStatus.PROPOSED,
        chapter_id=Theme.model_chapter_id, exclusion_reason=None, merged_into_id=None,
        is_active=~Theme.created_by_user), execution_options={"synchronize_session": False})
    db.session.execute(update(Assignment).where(Assignment.model_theme_id.in_(themes)).values(
        theme_id=Assignment.model_theme_id, assigned_by=Assignment.model_assigned_by,
        is_off_topic=False), execution_options={"synchronize_session": False})
    db.session.expire_all()
    for event in db.session.scalars(events_of(ts, include_undone=False)):
        _apply(event)
    refresh_sizes(ts)


def refresh_sizes(ts: ThemeSet) -> None:
    """Store each theme's number of on-topic answers."""
    db.session.flush()
    counts = dict(db.session.execute(
        select(Assignment.theme_id, func.count()).join(Theme, Theme.id == Assignment.theme_id)
        .where(Theme.run_id == ts.run_id, Theme.question_id == ts.question_id,
               Assignment.is_off_topic.is_(False))
        .group_by(Assignment.theme_id)).all())
    for theme in db.session.scalars(select(Theme).where(
            Theme.run_id == ts.run_id, Theme.question_id == ts.question_id)):
        theme.size = counts.get(theme.id, 0)
    db.session.flush()


def _live(theme_id: int | None) -> Theme | None:
    theme = db.session.get(Theme, theme_id) if theme_id else None
    return theme if theme is not None and theme.is_active else None


def _apply(event: CurationEvent) -> None:
    """Apply one event; events about themes that no longer exist are skipped."""
    theme, p = _live(event.theme_id), event.payload
    if event.type in ("merge", "move", "off_topic"):
        {"merge": _merge, "move": _move, "off_topic": _off_topic}[event.type](event.run_id, p)
    elif theme is None:
        return
    elif event.type == "rename":
        theme.label = p["label"]
    elif event.type == "describe":
        theme.description = p["description"]
    elif event.type == "accept":
        theme.status, theme.exclusion_reason = ThemeStatus.ACCEPTED, None
    elif event.type == "exclude":
        theme.status, theme.exclusion_reason = ThemeStatus.EXCLUDED, p["reason"]
    elif event.type == "chapter":
        theme.chapter_id = p["chapter_id"]
    elif event.type == "split":
        _split(theme, event.run_id, p)
    db.session.flush()


def _reassign(run_id: int, answer_ids: Sequence[int], target: int) -> None:
    db.session.execute(
        update(Assignment).where(Assignment.run_id == run_id,
                                 Assignment.answer_id.in_(list(answer_ids)))
        .values(theme_id=target, assigned_by=AssignedBy.USER),
        execution_options={"synchronize_session": False})


def _merge(run_id: int, p: dict) -> None:
    target = _live(p["target"])
    sources = [t for t in (_live(i) for i in p["sources"]) if t is not None and t is not target]
    if target is None or not sources:
        return
    db.session.execute(
        update(Assignment).where(Assignment.theme_id.in_([s.id for s in sources]))
        .values(theme_id=target.id), execution_options={"synchronize_session": False})
    for source in sources:
        source.status, source.merged_into_id = ThemeStatus.MERGED, target.id
    target.keywords = list(dict.fromkeys([*target.keywords, *(
        k for s in sources for k in s.keywords)]))[:12]


def _move(run_id: int, p: dict) -> None:
    target = _live(p["target"])
    if target is not None:
        _reassign(run_id, p["answer_ids"], target.id)


def _off_topic(run_id: int, p: dict) -> None:
    db.session.execute(
        update(Assignment).where(Assignment.run_id == run_id,
                                 Assignment.answer_id.in_(p["answer_ids"]))
        .values(is_off_topic=bool(p["value"])), execution_options={"synchronize_session": False})


def _split(theme: Theme, run_id: int, p: dict) -> None:
    for child_id, answer_ids, label in zip(p["children"], p["parts"], p.get("labels") or
                                           [None] * len(p["parts"]), strict=False):
        child = db.session.get(Theme, child_id)
        child.is_active = True
        if label:
            child.label = label
        _reassign(run_id, answer_ids, child.id)
    # A parent split into parts without answers left is gone, not a proposal of 0 answers.
    left = db.session.scalar(select(func.count()).where(Assignment.theme_id == theme.id))
    theme.is_active = bool(left)


def arrival_themes(ts: ThemeSet, texts: list[str]) -> list[Theme]:
    """The current theme each newly arrived answer belongs to (following merges)."""
    themes = db.session.scalars(select(Theme).where(
        Theme.run_id == ts.run_id, Theme.question_id == ts.question_id)).all()
    residual = next(t for t in themes if t.is_residual)
    by_key = {t.engine_key: t for t in themes if t.engine_key is not None}
    # Loading the engine costs seconds: worth it for a batch (an import), not for one answer
    # in a process that has not loaded it (keyword matching stands in until the next run).
    warm = engine.model_is_warm() or len(texts) >= LOAD_ENGINE_FOR
    model = ts.run.models.get(str(ts.question_id), {}) if warm else {}
    keys = engine.assign(texts, model=model,
                         keywords={k: t.keywords for k, t in by_key.items()})
    return [_current(by_key.get(key, residual)) for key in keys]


def _current(theme: Theme) -> Theme:
    while theme.merged_into_id is not None:
        theme = db.session.get(Theme, theme.merged_into_id)
    return theme
