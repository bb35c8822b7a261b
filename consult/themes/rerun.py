"""A new run takes over a theme set: match old themes, carry curation over, compare. No Flask."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select

from consult.db import db
from consult.themes import curation, engine, review
from consult.themes.models import (
    AnalysisRun,
    AssignedBy,
    Assignment,
    CurationEvent,
    SetStatus,
    Theme,
    ThemeSet,
    ThemeStatus,
)

MIN_OVERLAP = 0.4  # Jaccard overlap of answers for a match when the engine found none


def take_over(ts: ThemeSet, run: AnalysisRun, themes: dict[int, Theme], *,
              now: datetime) -> dict:
    """Make the run current for the set; returns what is new, changed and gone."""
    old_run = ts.run
    ts.run_id, ts.status, ts.updated_at = run.id, SetStatus.DRAFT, now
    db.session.flush()
    if old_run is None:
        curation.refresh_sizes(ts)
        return {}
    old_themes = _themes(old_run.id, ts.question_id)
    old_of = _match(old_run, run, ts.question_id, themes, old_themes)
    _carry(ts, run, old_run.id, old_of, old_themes, now=now)
    curation.refresh_sizes(ts)
    return _compare(old_of, old_themes, themes)


def _themes(run_id: int, question_id: int) -> dict[int, Theme]:
    rows = db.session.scalars(select(Theme).where(
        Theme.run_id == run_id, Theme.question_id == question_id, Theme.is_active.is_(True)))
    return {t.id: t for t in rows}


def _members(run_id: int, theme_ids) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    rows = db.session.execute(select(Assignment.theme_id, Assignment.answer_id).where(
        Assignment.run_id == run_id, Assignment.theme_id.in_(list(theme_ids))))
    for theme_id, answer_id in rows:
        out[theme_id].add(answer_id)
    return out


def _match(old_run: AnalysisRun, run: AnalysisRun, question_id: int,
           new: dict[int, Theme], old: dict[int, Theme]) -> dict[int, Theme]:
    """New theme id -> old theme: the engine's match first, then overlap of answers."""
    key = str(question_id)
    pairs = engine.match(old_run.models.get(key, {}), run.models.get(key, {}))
    old_by_key = {t.engine_key: t for t in old.values() if t.engine_key is not None}
    new_by_key = {t.engine_key: t for t in new.values() if not t.is_residual}
    old_of = {new_by_key[n].id: old_by_key[o] for n, o in pairs.items()
              if n in new_by_key and o in old_by_key}
    taken = {t.id for t in old_of.values()}
    old_members = _members(old_run.id, old)
    new_members = _members(run.id, [t.id for t in new.values()])
    for theme in new.values():
        if theme.id in old_of or theme.is_residual:
            continue
        best = max(((_jaccard(new_members[theme.id], old_members[o.id]), o.id)
                    for o in old.values() if o.id not in taken and not o.is_residual),
                   default=(0.0, None))
        if best[1] is not None and best[0] >= MIN_OVERLAP:
            old_of[theme.id] = old[best[1]]
            taken.add(best[1])
    residual_new = next(t for t in new.values() if t.is_residual)
    residual_old = next((t for t in old.values() if t.is_residual), None)
    if residual_old is not None:
        old_of[residual_new.id] = residual_old
    return old_of


def _jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _carry(ts: ThemeSet, run: AnalysisRun, old_run_id: int, old_of: dict[int, Theme],
           old_themes: dict[int, Theme], *, now: datetime) -> None:
    """Re-apply names, descriptions, status, chapters, notes, merges, moves and off-topic marks."""
    actor = run.started_by
    new_of = {old.id: new_id for new_id, old in old_of.items()}

    def carry(type_: str, theme_id: int | None, payload: dict) -> None:
        theme = db.session.get(Theme, theme_id) if theme_id else None
        curation.act(ts, type_, theme=theme, payload=payload, actor=actor, now=now,
                     carried=True)

    for new_id, old in old_of.items():
        db.session.get(Theme, new_id).previous_id = old.id
        for type_, payload in _theme_events(old):
            carry(type_, new_id, payload)
        _carry_notes(ts, old, new_id)
    for old in old_themes.values():
        if old.status is ThemeStatus.MERGED and old.id in new_of and \
                old.merged_into_id in new_of:
            carry("merge", None, {"sources": [new_of[old.id]],
                                  "target": new_of[old.merged_into_id]})
    _carry_answers(ts, run.id, old_run_id, new_of, carry)


def _carry_notes(ts: ThemeSet, old: Theme, new_id: int) -> None:
    """A matched theme keeps its notes, with their original author and time."""
    for note in review.notes_of(old):
        db.session.add(CurationEvent(
            theme_set_id=ts.id, run_id=ts.run_id, type="note", theme_id=new_id,
            payload=dict(note.payload), user_id=note.user_id, created_at=note.created_at,
            is_carried=True))


def _theme_events(old: Theme) -> list[tuple[str, dict]]:
    events = []
    if old.label != old.model_label:
        events.append(("rename", {"label": old.label}))
    if old.description:
        events.append(("describe", {"description": old.description}))
    if old.status is ThemeStatus.ACCEPTED:
        events.append(("accept", {}))
    if old.status is ThemeStatus.EXCLUDED:
        events.append(("exclude", {"reason": old.exclusion_reason or ""}))
    if old.chapter_id != old.model_chapter_id:
        events.append(("chapter", {"chapter_id": old.chapter_id}))
    return events


def _carry_answers(ts: ThemeSet, run_id: int, old_run_id: int, new_of: dict[int, int],
                   carry) -> None:
    """Manual moves go to the matched theme; off-topic marks stay on the answer."""
    present = set(db.session.scalars(select(Assignment.answer_id).where(
        Assignment.run_id == run_id)))
    old = db.session.execute(select(Assignment.answer_id, Assignment.theme_id,
                                    Assignment.assigned_by, Assignment.is_off_topic)
                             .join(Theme, Theme.id == Assignment.theme_id)
                             .where(Assignment.run_id == old_run_id,
                                    Theme.question_id == ts.question_id)).all()
    moves: dict[int, list[int]] = defaultdict(list)
    for answer_id, theme_id, by, _ in old:
        if by is AssignedBy.USER and answer_id in present and theme_id in new_of:
            moves[new_of[theme_id]].append(answer_id)
    for target, answer_ids in moves.items():
        carry("move", None, {"answer_ids": answer_ids, "target": target})
    off = [a for a, _, _, is_off in old if is_off and a in present]
    if off:
        carry("off_topic", None, {"answer_ids": off, "value": True})


def _compare(old_of: dict[int, Theme], old: dict[int, Theme], new: dict[int, Theme]) -> dict:
    matched = {o.id for o in old_of.values()}
    out = {"new": [], "changed": [], "same": [],
           "gone": [o.label for o in old.values() if o.id not in matched and not o.is_residual
                    and o.status is not ThemeStatus.MERGED]}
    for theme in new.values():
        if theme.is_residual:
            continue
        before = old_of.get(theme.id)
        theme.change = "nieuw" if before is None else _change(theme, before)
        bucket = {"nieuw": "new", "gewijzigd": "changed", "ongewijzigd": "same"}[theme.change]
        out[bucket].append(theme.id)
    return out


def _change(theme: Theme, before: Theme) -> str:
    shared = len(set(theme.keywords) & set(before.keywords))
    similar_size = abs(theme.size - before.size) <= max(2, before.size // 4)
    keep = shared * 2 >= min(len(theme.keywords), len(before.keywords)) and similar_size
    return "ongewijzigd" if keep else "gewijzigd"

