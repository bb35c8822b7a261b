"""A new run takes over a theme set: match old themes, carry curation over, compare. No Flask.

The carry-over rule (one rule for every kind of decision):

A decision follows a theme to the new run only when the two themes hold mostly the same
answers: the Jaccard overlap of their answer-id sets, |A ∩ B| / |A ∪ B|, is at least
``MIN_OVERLAP`` (0.5). Jaccard is symmetric, so neither a small theme can land on a large
one nor the other way round (a theme of 3 answers inside one of 10 scores 0.3). At 0.5
two themes of a run, which share no answers, can never both match the same theme (except
an exact half-and-half tie, which the one-to-one pairing settles), so a decision has at
most one place to go. Only answers that are in both runs are compared: withdrawn input
does not count against a match.

1. Structure: an old theme as the engine made it is paired with a new engine theme when
   their model answers overlap enough. Splits, merges and manual moves are then replayed
   by answer id on the paired themes.
2. Theme decisions (name, description, acceptance, exclusion, chapter, notes) follow only
   when the old theme's final answers and the new theme's answers after step 1 overlap
   enough.
Everything else is not carried but listed as "opnieuw beoordelen", with the old decision.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import select

from consult.db import db
from consult.themes import curation, review
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

MIN_OVERLAP = 0.5  # Jaccard overlap of answer ids for a decision to follow a theme


def overlap(a: set[int], b: set[int]) -> float:
    """Jaccard overlap of two answer-id sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


def take_over(ts: ThemeSet, run: AnalysisRun, themes: dict[int, Theme], *,
              now: datetime) -> dict:
    """Make the run current for the set; returns what is new, changed, gone and to review."""
    old_run, old_status = ts.run, ts.status
    ts.run_id, ts.updated_at = run.id, now
    db.session.flush()
    if old_run is None:
        ts.status = SetStatus.DRAFT
        curation.refresh_sizes(ts)
        return {}
    before = state(old_run.id, ts.question_id)
    carry = _Carry(ts, run, old_run.id, now=now)
    carry.replay()
    curation.refresh_sizes(ts)
    out = _compare(carry.new_of, carry.old, themes)
    out.update(carried=carry.carried, review=carry.review,
               review_count=sum(len(r["decisions"]) for r in carry.review))
    unchanged = not carry.review and state(run.id, ts.question_id) == before
    out["sign_off_reset"] = old_status is not SetStatus.DRAFT and not unchanged
    if not unchanged:
        ts.status = SetStatus.DRAFT
    elif old_status is not SetStatus.DRAFT:
        ts.status = old_status
    return out


def members(run_id: int, question_id: int, *, model: bool = False) -> dict[int, set[int]]:
    """Answer ids per theme of a run: where they are now, or where the engine put them."""
    column = Assignment.model_theme_id if model else Assignment.theme_id
    out: dict[int, set[int]] = defaultdict(set)
    rows = db.session.execute(select(column, Assignment.answer_id)
                              .join(Theme, Theme.id == column)
                              .where(Assignment.run_id == run_id,
                                     Theme.question_id == question_id))
    for theme_id, answer_id in rows:
        out[theme_id].add(answer_id)
    return out


def state(run_id: int, question_id: int) -> set[tuple]:
    """What a reviewer signs off: each live theme's answers, name, status and chapter."""
    answers = members(run_id, question_id)
    off = frozenset(db.session.scalars(select(Assignment.answer_id).where(
        Assignment.run_id == run_id, Assignment.is_off_topic.is_(True))))
    labels = dict(db.session.execute(select(Theme.id, Theme.label)
                                     .where(Theme.run_id == run_id)).all())
    return {(frozenset(answers.get(t.id, ())), t.label, t.status.value, t.chapter_id,
             t.description, t.exclusion_reason or "", labels.get(t.merged_into_id), off)
            for t in db.session.scalars(select(Theme).where(
                Theme.run_id == run_id, Theme.question_id == question_id,
                Theme.is_active.is_(True)))}


def decisions(old: Theme, *, merged_into: str | None = None) -> list[dict]:
    """The decisions on one theme, as {type, payload}: what a re-run has to carry."""
    out = []
    if old.label != old.model_label:
        out.append({"type": "rename", "payload": {"label": old.label}})
    if old.description:
        out.append({"type": "describe", "payload": {"description": old.description}})
    if old.status is ThemeStatus.ACCEPTED:
        out.append({"type": "accept", "payload": {}})
    if old.status is ThemeStatus.EXCLUDED:
        out.append({"type": "exclude", "payload": {"reason": old.exclusion_reason or ""}})
    if old.chapter_id != old.model_chapter_id:
        out.append({"type": "chapter", "payload": {"chapter_id": old.chapter_id}})
    if old.status is ThemeStatus.MERGED:
        out.append({"type": "merge", "payload": {"target": merged_into or ""}})
    out += [{"type": "note", "payload": dict(n.payload)} for n in review.notes_of(old)]
    return out


def pending_decisions(ts: ThemeSet) -> int:
    """How many decisions a re-run of this set would have to carry over."""
    if ts.run_id is None:
        return 0
    themes = {t.id: t for t in db.session.scalars(select(Theme).where(
        Theme.run_id == ts.run_id, Theme.question_id == ts.question_id))}
    count = sum(len(decisions(t)) for t in themes.values() if t.is_active)
    splits = db.session.scalars(curation.events_of(ts, include_undone=False)).all()
    placed = db.session.execute(select(Assignment.theme_id, Assignment.assigned_by,
                                       Assignment.is_off_topic)
                                .where(Assignment.theme_id.in_(list(themes)))).all()
    moved = {t for t, by, _ in placed if by is AssignedBy.USER}
    return (count + sum(1 for e in splits if e.type == "split") + len(moved)
            + any(off for _, _, off in placed))


class _Carry:
    """One take-over: pair themes, replay structure, then theme decisions; collect the rest."""

    def __init__(self, ts: ThemeSet, run: AnalysisRun, old_run_id: int, *, now: datetime):
        self.ts, self.run, self.old_run_id, self.now = ts, run, old_run_id, now
        qid = ts.question_id
        self.old = {t.id: t for t in db.session.scalars(select(Theme).where(
            Theme.run_id == old_run_id, Theme.question_id == qid))}
        self.new = {t.id: t for t in db.session.scalars(select(Theme).where(
            Theme.run_id == run.id, Theme.question_id == qid))}
        self.present = set(db.session.scalars(select(Assignment.answer_id).where(
            Assignment.run_id == run.id)))
        self.old_final = {k: v & self.present for k, v in members(old_run_id, qid).items()}
        self.new_of: dict[int, int] = {}  # old theme id -> new theme id
        self.carried, self.review = 0, []
        self.splits = db.session.scalars(select(CurationEvent).where(
            CurationEvent.run_id == old_run_id, CurationEvent.theme_set_id == ts.id,
            CurationEvent.type == "split", CurationEvent.undone_at.is_(None))
            .order_by(CurationEvent.id)).all()

    def act(self, type_: str, theme_id: int | None, payload: dict) -> CurationEvent:
        self.carried += 1
        theme = db.session.get(Theme, theme_id) if theme_id else None
        return curation.act(self.ts, type_, theme=theme, payload=payload,
                            actor=self.run.started_by, now=self.now, carried=True)

    def replay(self) -> None:
        self._pair()
        self._split()
        self._merge()
        self._move()
        self._theme_decisions()

    def _pair(self) -> None:
        """Engine themes, old to new, by their model answers; the residual to the residual."""
        old_model = members(self.old_run_id, self.ts.question_id, model=True)
        new_model = members(self.run.id, self.ts.question_id, model=True)
        olds = [t for t in self.old.values() if not t.created_by_user and not t.is_residual]
        news = [t for t in self.new.values() if not t.is_residual]
        pairs = sorted(((overlap(old_model[o.id] & self.present, new_model[n.id]), o.id, n.id)
                        for o in olds for n in news), reverse=True)
        taken: set[int] = set()
        for score, old_id, new_id in pairs:
            if score >= MIN_OVERLAP and old_id not in self.new_of and new_id not in taken:
                self.new_of[old_id] = new_id
                taken.add(new_id)
        old_rest = next((t for t in self.old.values() if t.is_residual), None)
        new_rest = next(t for t in self.new.values() if t.is_residual)
        if old_rest is not None:
            self.new_of[old_rest.id] = new_rest.id
        for old_id, new_id in self.new_of.items():
            self.new[new_id].previous_id = old_id

    def _split(self) -> None:
        """Each standing split is redone on the paired theme with its parts' answers now."""
        for event in self.splits:
            parent = self.new_of.get(event.theme_id)
            if parent is None:
                self._to_review(event.theme_id, [{"type": "split", "payload": {
                    "parts": len(event.payload["children"])}}])
                continue
            children = event.payload["children"]
            made = self.act("split", parent, {
                "parts": [sorted(self.old_final.get(c, set())) for c in children],
                "labels": [self.old[c].label for c in children]})
            for old_id, new_id in zip(children, made.payload["children"], strict=True):
                self.new_of[old_id] = new_id
                db.session.get(Theme, new_id).previous_id = old_id

    def _merge(self) -> None:
        for old in self.old.values():
            if old.status is not ThemeStatus.MERGED or not old.is_active:
                continue
            source, target = self.new_of.get(old.id), self.new_of.get(old.merged_into_id)
            if source is None or target is None:
                self._to_review(old.id, decisions(old, merged_into=self._label(
                    old.merged_into_id)))
            else:
                self.act("merge", None, {"sources": [source], "target": target})
                self._apply(old, source, [d for d in decisions(old) if d["type"] != "merge"])

    def _move(self) -> None:
        """Manual moves go to the paired theme; off-topic marks stay on the answer."""
        rows = db.session.execute(select(Assignment.answer_id, Assignment.theme_id,
                                         Assignment.assigned_by, Assignment.is_off_topic)
                                  .where(Assignment.run_id == self.old_run_id,
                                         Assignment.answer_id.in_(list(self.present)))).all()
        moves: dict[int, list[int]] = defaultdict(list)
        lost: dict[int, int] = defaultdict(int)
        for answer_id, theme_id, by, _ in rows:
            if by is not AssignedBy.USER or theme_id not in self.old:
                continue
            if theme_id in self.new_of:
                moves[self.new_of[theme_id]].append(answer_id)
            else:
                lost[theme_id] += 1
        for target, answer_ids in moves.items():
            self.act("move", None, {"answer_ids": sorted(answer_ids), "target": target})
        for theme_id, count in lost.items():
            self._to_review(theme_id, [{"type": "move", "payload": {"count": count}}])
        off = sorted(a for a, t, _, is_off in rows if is_off and t in self.old)
        if off:
            self.act("off_topic", None, {"answer_ids": off, "value": True})

    def _theme_decisions(self) -> None:
        """Names, texts, status, chapters and notes: only onto a theme with the same answers."""
        now_in = members(self.run.id, self.ts.question_id)
        for old in sorted(self.old.values(), key=lambda t: t.id):
            if not old.is_active or old.status is ThemeStatus.MERGED:
                continue
            found = [d for d in decisions(old) if d["type"] != "merge"]
            new_id = self.new_of.get(old.id)
            fits = new_id is not None and (old.is_residual or overlap(
                self.old_final.get(old.id, set()), now_in.get(new_id, set())) >= MIN_OVERLAP)
            if not fits:
                if found and not old.is_residual:
                    self._to_review(old.id, found)
                continue
            self._apply(old, new_id, found)

    def _apply(self, old: Theme, new_id: int, found: list[dict]) -> None:
        for d in found:
            if d["type"] != "note":
                self.act(d["type"], new_id, d["payload"])
        self._notes(old, new_id)

    def _notes(self, old: Theme, new_id: int) -> None:
        """A carried note keeps its original author and time."""
        for note in review.notes_of(old):
            self.carried += 1
            db.session.add(CurationEvent(
                theme_set_id=self.ts.id, run_id=self.run.id, type="note", theme_id=new_id,
                payload=dict(note.payload), user_id=note.user_id, created_at=note.created_at,
                is_carried=True))

    def _to_review(self, old_id: int, found: list[dict]) -> None:
        """An old decision that has no sure place: listed with where most answers went."""
        if not found:
            return
        old = self.old[old_id]
        item = next((r for r in self.review if r["old_id"] == old_id), None)
        if item is None:
            answers = self.old_final.get(old_id) or set()
            now_in = defaultdict(int)
            for theme_id in db.session.scalars(select(Assignment.theme_id).where(
                    Assignment.run_id == self.run.id, Assignment.answer_id.in_(list(answers)))):
                now_in[theme_id] += 1
            item = {"old_id": old_id, "label": old.label, "size": len(answers),
                    "now_in": max(now_in, key=now_in.get) if now_in else None,
                    "decisions": []}
            self.review.append(item)
        item["decisions"] += found

    def _label(self, theme_id: int | None) -> str:
        theme = self.old.get(theme_id) if theme_id else None
        return theme.label if theme else ""


def _compare(new_of: dict[int, int], old: dict[int, Theme], new: dict[int, Theme]) -> dict:
    old_for = {n: o for o, n in new_of.items()}
    out = {"new": [], "changed": [], "same": [],
           "gone": [o.label for o in old.values() if o.id not in new_of and not o.is_residual
                    and o.is_active and not o.created_by_user
                    and o.status is not ThemeStatus.MERGED]}
    for theme in new.values():
        if theme.is_residual:
            continue
        before = old.get(old_for.get(theme.id))
        theme.change = "nieuw" if before is None else _change(theme, before)
        bucket = {"nieuw": "new", "gewijzigd": "changed", "ongewijzigd": "same"}[theme.change]
        out[bucket].append(theme.id)
    return out


def _change(theme: Theme, before: Theme) -> str:
    shared = len(set(theme.keywords) & set(before.keywords))
    similar_size = abs(theme.size - before.size) <= max(2, before.size // 4)
    keep = shared * 2 >= min(len(theme.keywords), len(before.keywords)) and similar_size
    return "ongewijzigd" if keep else "gewijzigd"
