"""Read side of the review workspace: theme overview with breakdowns, theme detail. No Flask."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select

from consult.db import db
from consult.disclosure import Count, suppress
from consult.regions.models import Municipality, StakeholderGroup, VisionChapter
from consult.submissions.models import Answer, Channel, Submission
from consult.themes import engine
from consult.themes.models import (
    AssignedBy,
    Assignment,
    CurationEvent,
    Theme,
    ThemeSet,
    current_themes,
)

PER_PAGE = 50
SORTS = ("grootte", "naam", "status")


@dataclass(frozen=True)
class Filters:
    group_id: int | None = None
    municipality_id: int | None = None
    channel: str | None = None
    chapter_id: int | None = None
    status: str | None = None
    sort: str = "grootte"

    @property
    def by_input(self) -> bool:
        return bool(self.group_id or self.municipality_id or self.channel)


@dataclass(frozen=True)
class Cell:
    name: str
    count: Count
    share: int  # percent of the theme's answers; 0 when the count is hidden


@dataclass
class ThemeRow:
    theme: Theme
    size: int = 0
    arrived: int = 0
    groups: list[Cell] = field(default_factory=list)
    municipalities: list[Cell] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)


def overview(ts: ThemeSet, filters: Filters, *, threshold: int) -> list[ThemeRow]:
    """Themes of a set with size, share per group and municipality, and quotes.

    Withdrawn input has no answers left (``erase`` deletes them, which cascades to the
    assignments), so no filter on ``withdrawn_at`` is needed here.
    """
    query = current_themes(ts)
    if filters.status:
        query = query.where(Theme.status == filters.status)
    if filters.chapter_id:
        query = query.where(Theme.chapter_id == filters.chapter_id)
    themes = db.session.scalars(query).all()
    rows = {t.id: ThemeRow(theme=t) for t in themes}
    by_group, by_town = _counts(rows, filters)
    names = _names()
    # Every category, zeros included, can protect a small cell; a filter leaves only its own.
    groups = [filters.group_id] if filters.group_id else [g.id for g in ts.round.groups] + [None]
    towns = ([filters.municipality_id] if filters.municipality_id
             else [m.id for m in ts.round.region.municipalities] + [None])
    for theme_id, row in rows.items():
        row.size = sum(by_group.get(theme_id, {}).values())
        row.groups = _cells(by_group.get(theme_id, {}), groups, names[0], row.size, threshold)
        row.municipalities = _cells(by_town.get(theme_id, {}), towns, names[1], row.size,
                                    threshold)
    _add_arrivals(rows)
    _add_quotes(rows)
    result = [r for r in rows.values() if r.size or not filters.by_input]
    return _sorted(result, filters.sort)


def _counts(rows: dict[int, ThemeRow], filters: Filters) -> tuple[dict, dict]:
    """Answers per theme per group and per theme per municipality, in one query.

    Group, municipality and channel come from the submission, the one place a correction
    changes them.
    """
    query = (select(Assignment.theme_id, Submission.group_id, Submission.municipality_id,
                    func.count())
             .join(Answer, Answer.id == Assignment.answer_id)
             .join(Submission, Submission.id == Answer.submission_id)
             .where(Assignment.theme_id.in_(list(rows)), Assignment.is_off_topic.is_(False))
             .group_by(Assignment.theme_id, Submission.group_id, Submission.municipality_id))
    if filters.group_id:
        query = query.where(Submission.group_id == filters.group_id)
    if filters.municipality_id:
        query = query.where(Submission.municipality_id == filters.municipality_id)
    if filters.channel:
        query = query.where(Submission.channel == Channel(filters.channel))
    by_group: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    by_town: dict[int, dict] = defaultdict(lambda: defaultdict(int))
    for theme_id, group_id, town_id, count in db.session.execute(query):
        by_group[theme_id][group_id] += count
        by_town[theme_id][town_id] += count
    return by_group, by_town


def _names() -> tuple[dict, dict]:
    groups = dict(db.session.execute(select(StakeholderGroup.id, StakeholderGroup.name)).all())
    towns = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
    return {**groups, None: "Onbekend"}, {**towns, None: "Niet opgegeven"}


def _cells(counts: dict, categories: list, names: dict, size: int,
           threshold: int) -> list[Cell]:
    """A theme's breakdown through the one small-cell rule; shown zeros are left out."""
    shown = suppress(dict.fromkeys(categories, 0) | counts, threshold=threshold)
    cells = [Cell(names.get(key, "Onbekend"), count,
                  round(100 * count.value / size) if size and not count.is_suppressed else 0)
             for key, count in shown.items() if count.value or count.is_suppressed]
    return sorted(cells, key=lambda c: (c.count.rank, c.name))


def _add_arrivals(rows: dict[int, ThemeRow]) -> None:
    query = (select(Assignment.theme_id, func.count())
             .where(Assignment.theme_id.in_(list(rows)),
                    Assignment.assigned_by == AssignedBy.ARRIVAL)
             .group_by(Assignment.theme_id))
    for theme_id, count in db.session.execute(query):
        rows[theme_id].arrived = count


def _add_quotes(rows: dict[int, ThemeRow], per_theme: int = 3) -> None:
    wanted = {i for r in rows.values() for i in r.theme.representative_ids[:per_theme]}
    texts = dict(db.session.execute(
        select(Answer.id, Answer.text).where(Answer.id.in_(wanted))).all())
    for row in rows.values():
        row.quotes = [texts[i] for i in row.theme.representative_ids[:per_theme] if i in texts]


def _sorted(rows: list[ThemeRow], sort: str) -> list[ThemeRow]:
    if sort == "naam":
        key = lambda r: (r.theme.is_residual, r.theme.label.lower())  # noqa: E731
    elif sort == "status":
        key = lambda r: (r.theme.is_residual, r.theme.status.value, -r.size)  # noqa: E731
    else:
        key = lambda r: (r.theme.is_residual, -r.size, r.theme.position)  # noqa: E731
    return sorted(rows, key=key)


@dataclass(frozen=True)
class AnswerRow:
    answer_id: int
    reference: str
    text: str
    group: str
    municipality: str
    channel: str
    assigned_by: str
    is_off_topic: bool
    shared: list[str]


def unseen(ts: ThemeSet) -> int:
    """Live answers to the set's question that the current run's engine has not seen."""
    seen = (select(Assignment.answer_id)
            .where(Assignment.run_id == ts.run_id,
                   Assignment.model_assigned_by != AssignedBy.ARRIVAL))
    return db.session.scalar(
        select(func.count(Answer.id)).join(Submission)
        .where(Submission.round_id == ts.round_id, Answer.question_id == ts.question_id,
               Submission.withdrawn_at.is_(None), Submission.consent_analysis.is_(True),
               Answer.id.not_in(seen))) or 0


def off_topic_in(theme: Theme) -> int:
    """Answers in a theme marked as not relevant: listed, but not counted in its size."""
    return db.session.scalar(select(func.count(Assignment.id)).where(
        Assignment.theme_id == theme.id, Assignment.is_off_topic.is_(True))) or 0


def answers_in(theme: Theme, *, page: int, per_page: int = PER_PAGE) -> tuple[list, int]:
    """One page of a theme's answers with why they are in it; and the total count."""
    base = (select(Assignment, Answer.text, Submission)
            .join(Answer, Answer.id == Assignment.answer_id)
            .join(Submission, Submission.id == Answer.submission_id)
            .where(Assignment.theme_id == theme.id))
    total = db.session.scalar(select(func.count(Assignment.id))
                              .where(Assignment.theme_id == theme.id))
    rows = db.session.execute(base.order_by(Assignment.is_off_topic, Assignment.answer_id)
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return [AnswerRow(
        answer_id=a.answer_id, reference=s.reference, text=text,
        group=s.group.name if s.group else "Onbekend",
        municipality=s.municipality.name if s.municipality else "Niet opgegeven",
        channel=s.channel.label, assigned_by=a.assigned_by.value, is_off_topic=a.is_off_topic,
        shared=engine.shared_keywords(text, theme.keywords)) for a, text, s in rows], total


def notes_of(theme: Theme) -> list[CurationEvent]:
    """Notes on a theme that were not undone, oldest first."""
    return db.session.scalars(select(CurationEvent).where(
        CurationEvent.theme_id == theme.id, CurationEvent.type == "note",
        CurationEvent.undone_at.is_(None)).order_by(CurationEvent.id)).all()


def chapters_of(region_id: int) -> list[VisionChapter]:
    """The region's vision chapters in order."""
    return db.session.scalars(select(VisionChapter).where(
        VisionChapter.region_id == region_id).order_by(VisionChapter.position)).all()
