"""Search results and dashboard figures for a round. No Flask here."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from consult.dates import local_date
from consult.db import db
from consult.disclosure import Count, Hidden, suppress
from consult.insight import search
from consult.rounds.models import Round
from consult.submissions.models import Answer, Channel, Submission, live_submissions
from consult.themes.models import Assignment, Theme, ThemeSet, ThemeStatus

PER_PAGE = 20
MAX_PAGE = 10_000  # keeps OFFSET within every backend's integer range


@dataclass(frozen=True)
class Hit:
    answer: Answer
    marked: Markup
    theme_label: str | None


@dataclass(frozen=True)
class SearchPage:
    terms: list[str]
    hits: list[Hit]
    total: int
    page: int
    pages: int
    per_page: int


def search_round(
    round_: Round, query: str, *, question_id: int | None = None, page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchPage:
    """One page of the round's live answers matching every word of the query, best first."""
    terms = search.query_terms(query)
    page = min(max(page, 1), MAX_PAGE)
    total, ranked = search.search_answers(
        db.session.connection(), terms, round_id=round_.id, question_id=question_id,
        limit=per_page, offset=(page - 1) * per_page,
    )
    answers = _answers_by_id([r.answer_id for r in ranked])
    labels = theme_labels_for([r.answer_id for r in ranked])
    hits = [Hit(answers[r.answer_id], r.marked, labels.get(r.answer_id)) for r in ranked]
    return SearchPage(terms=terms, hits=hits, total=total, page=page,
                      pages=max(1, math.ceil(total / per_page)), per_page=per_page)


def _answers_by_id(ids: list[int]) -> dict[int, Answer]:
    if not ids:
        return {}
    answers = db.session.scalars(
        select(Answer).where(Answer.id.in_(ids))
        .options(selectinload(Answer.submission), selectinload(Answer.question))
    )
    return {a.id: a for a in answers}


def theme_labels_for(answer_ids: list[int]) -> dict[int, str]:
    """The answer's theme in the current run of its question (the run its ThemeSet names)."""
    if not answer_ids:
        return {}
    rows = db.session.execute(
        select(Assignment.answer_id, Theme.label)
        .join(Theme, Theme.id == Assignment.theme_id)
        .join(ThemeSet, ThemeSet.run_id == Assignment.run_id)  # the run that is current
        .where(Assignment.answer_id.in_(answer_ids), Assignment.is_off_topic.is_(False),
               Theme.is_active.is_(True), Theme.status != ThemeStatus.EXCLUDED)
    )
    return {answer_id: label for answer_id, label in rows}


# --- dashboard -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One bar of a breakdown, its count as it may be shown."""

    key: str
    label: str
    count: Count

    @property
    def is_suppressed(self) -> bool:
        return self.count.is_suppressed


@dataclass(frozen=True)
class ReachGap:
    label: str
    is_empty: bool  # no input at all (else: fewer than the threshold)


@dataclass(frozen=True)
class Dashboard:
    total: int
    threshold: int
    per_day: list[tuple[date, int]]
    by_group: list[Cell]
    by_municipality: list[Cell]
    by_channel: list[Cell]
    groups_to_reach: list[ReachGap]
    municipalities_to_reach: list[ReachGap]


UNKNOWN = "onbekend"


def round_dashboard(round_: Round, *, now: datetime) -> Dashboard:
    """Counts of the round's live submissions over time and per group, municipality, channel."""
    rows = db.session.execute(
        live_submissions(round_.id).with_only_columns(
            Submission.created_at, Submission.group_id, Submission.municipality_id,
            Submission.channel)
    ).all()
    threshold = round_.region.small_cell_threshold
    groups = Counter(r.group_id for r in rows)
    places = Counter(r.municipality_id for r in rows)
    channels = Counter(Channel(r.channel) for r in rows)
    group_items = [(str(g.id), g.name, groups[g.id]) for g in round_.groups]
    place_items = [(str(m.id), m.name, places[m.id]) for m in round_.region.municipalities]
    by_group = cells(_with_unknown(group_items, groups, {g.id for g in round_.groups}),
                     threshold)
    by_place = cells(_with_unknown(place_items, places,
                                   {m.id for m in round_.region.municipalities}), threshold)
    return Dashboard(
        total=len(rows), threshold=threshold,
        per_day=per_day([r.created_at for r in rows], start=round_.opens_at,
                        end=min(now, round_.ended_at - timedelta(seconds=1))),
        by_group=by_group, by_municipality=by_place,
        by_channel=cells([(c.value, c.label, channels[c]) for c in Channel], threshold),
        groups_to_reach=reach_gaps(by_group[:len(group_items)]),
        municipalities_to_reach=reach_gaps(by_place[:len(place_items)]),
    )


def _with_unknown(items: list[tuple[str, str, int]], counts: Counter, known: set) -> list:
    """Add one row for input without (or with an unlisted) group or municipality."""
    rest = sum(n for key, n in counts.items() if key not in known)
    return [*items, (UNKNOWN, "Niet ingevuld", rest)] if rest else items


def per_day(moments: list[datetime], *, start: datetime, end: datetime) -> list[tuple[date, int]]:
    """Submissions per local calendar day, every day from the first to the last included."""
    days = Counter(local_date(m) for m in moments)
    if not days and end < start:
        return []
    first = min([local_date(start), *days])
    last = max([local_date(end), *days])
    count = (last - first).days + 1
    return [(first + timedelta(days=i), days[first + timedelta(days=i)]) for i in range(count)]


def cells(items: list[tuple[str, str, int]], threshold: int) -> list[Cell]:
    """A breakdown whose total is shown, through the one small-cell rule."""
    shown = suppress({key: n for key, _, n in items}, threshold=threshold)
    return [Cell(key, label, shown[key]) for key, label, _ in items]


def reach_gaps(cells: list[Cell]) -> list[ReachGap]:
    """Groups or municipalities shown as empty or below the threshold, emptiest first.

    Read from the shown cells, so a cell hidden to protect another is not listed, and a
    zero hidden with small cells is listed as small: the list adds nothing to the table.
    """
    gaps = [ReachGap(c.label, c.count.public() == 0) for c in cells
            if c.count.public() == 0 or c.count.hidden is Hidden.SMALL]
    return sorted(gaps, key=lambda gap: not gap.is_empty)
