"""Everything an export shows, gathered once so every format tells the same numbers. No Flask.

Counting unit: one answer (a submission's reply to one question). Theme sizes and
breakdowns count the live answers assigned to a theme; the data export lists those same
answers, so each size can be recounted from it. Breakdowns go through the one small-cell
rule (``consult.disclosure``); the answer rows carry no group, municipality or channel, so
a hidden cell cannot be recounted from them either (docs/export-schema.md).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult.db import db
from consult.disclosure import Count, suppress
from consult.exports.themesource import SourceTheme, ThemeSet, load_theme_set
from consult.privacy.models import RetainedCount
from consult.privacy.services import retained_counts
from consult.regions.models import Municipality, StakeholderGroup
from consult.rounds.models import Round
from consult.submissions.models import Answer, Channel, Submission, submission_reference
from consult.themes.engine import copy_groups

MAX_QUOTES = 3
QUOTE_CANDIDATES = 60  # enough to find three different texts in a theme full of copies
NO_CHAPTER = "Niet gekoppeld aan een hoofdstuk"
NO_GROUP = "Onbekend"
NO_MUNICIPALITY = "Niet opgegeven"
HIDDEN_STATUSES = {"samengevoegd", "uitgesloten"}


@dataclass(frozen=True)
class AnswerRow:
    id: int
    ref: str  # "#R12-0345/V1": the submission reference plus the question number
    submission_ref: str
    question_id: int
    question_number: int
    group: str  # for the breakdowns only: never written to an export (see the module doc)
    municipality: str
    channel: str
    created_at: datetime
    quotable: bool
    text: str  # redacted text; empty when quoting was not allowed
    theme_ids: tuple[int, ...]


@dataclass(frozen=True)
class Quote:
    ref: str
    text: str


@dataclass(frozen=True)
class ThemeSummary:
    id: int
    label: str
    description: str
    keywords: tuple[str, ...]
    status: str
    chapter: str
    size: int
    by_group: tuple[tuple[str, Count], ...]
    by_municipality: tuple[tuple[str, Count], ...]
    quotes: tuple[Quote, ...]
    exclusion_reason: str
    near_copies: int = 0

    @property
    def near_copies_note(self) -> str:
        """The summary's sentence on near-copies ('' when there are none)."""
        if not self.near_copies:
            return ""
        return (f"Daarvan zijn {self.near_copies} antwoorden (bijna) gelijk aan een ander "
                "antwoord, bijvoorbeeld een gekopieerde tekst of een actiebrief.")


@dataclass(frozen=True)
class Section:
    chapter: str
    themes: tuple[ThemeSummary, ...]


@dataclass(frozen=True)
class SignOff:
    """The sign-off of one question's themes: the one source every format reads."""

    question_number: int
    signed_by: str | None
    signed_at: datetime | None
    offered_by: str | None
    offered_at: datetime | None

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None


@dataclass(frozen=True)
class Method:
    opens_at: datetime
    closes_at: datetime  # when input really stopped: an early close counts (Round.ended_at)
    planned_closes_at: datetime
    submissions: int
    answers: int | None  # None after the round's end of life: only contributions are counted
    questions: tuple[tuple[int, str, int], ...]  # number, prompt, answers
    channels: tuple[tuple[str, Count], ...]
    groups: tuple[tuple[str, Count], ...]
    municipalities: tuple[tuple[str, Count], ...]
    unassigned: int  # answers in no theme (the analysis's "niet ingedeeld")


@dataclass(frozen=True)
class Summary:
    round_id: int
    round_slug: str
    title: str
    region: str
    threshold: int
    generated_at: datetime
    method: Method
    sections: tuple[Section, ...]
    excluded: tuple[ThemeSummary, ...]
    answers: tuple[AnswerRow, ...]
    sign_offs: tuple[SignOff, ...]
    run_id: int | None

    @property
    def is_final(self) -> bool:
        """Final only when every analysed question's themes are signed off."""
        return bool(self.sign_offs) and all(s.is_signed for s in self.sign_offs)

    @property
    def themes(self) -> tuple[ThemeSummary, ...]:
        return tuple(t for s in self.sections for t in s.themes)


def build_summary(round_: Round, *, now: datetime) -> Summary:
    """Gather the method, themes per chapter, quotes and answer rows of a round."""
    theme_set = load_theme_set(round_)
    rows = _answer_rows(round_, theme_set)
    scale = Scale(round_.region.small_cell_threshold, tuple(g.name for g in round_.groups),
                  tuple(m.name for m in round_.region.municipalities))
    chapters = {c.id: c.name for c in round_.region.chapters}
    numbers = {q.id: i for i, q in enumerate(round_.questions, start=1)}
    kept = [t for t in theme_set.themes if t.status != "samengevoegd" and not t.is_residual]
    names = theme_names(kept, numbers)
    retained = [] if rows else retained_counts(round_.id)
    summaries = [_theme_summary(t, names[t.id], rows, chapters, scale, ended=bool(retained))
                 for t in kept]
    shown = [t for t in summaries if t.status != "uitgesloten"]
    sections = [Section(name, tuple(sorted((t for t in shown if t.chapter == name),
                                           key=lambda t: (-t.size, t.label))))
                for name in [*chapters.values(), NO_CHAPTER]]
    return Summary(
        round_id=round_.id, round_slug=round_.slug, title=round_.title,
        region=round_.region.name, threshold=scale.threshold, generated_at=now,
        method=(_method_after_end(round_, retained, scale) if retained
                else _method(round_, rows, scale)),
        sections=tuple(s for s in sections if s.themes),
        excluded=tuple(t for t in summaries if t.status == "uitgesloten"),
        answers=tuple(rows), run_id=theme_set.run_id,
        sign_offs=tuple(SignOff(numbers.get(s.question_id, 0), s.signed_by, s.signed_at,
                                s.offered_by, s.offered_at) for s in theme_set.sets),
    )


def theme_names(themes: list[SourceTheme], numbers: dict[int, int]) -> dict[int, str]:
    """The review's label; "Vraag 2: label" when another question has a theme of that name."""
    questions: dict[str, set] = {}
    for theme in themes:
        questions.setdefault(theme.label.casefold(), set()).add(theme.question_id)
    return {t.id: (f"Vraag {numbers.get(t.question_id, 0)}: {t.label}"
                   if len(questions[t.label.casefold()]) > 1 else t.label) for t in themes}


def _live_answers(round_id: int):
    """Select the plain columns of a round's live answers (no ORM objects: 5,000 rows fast)."""
    return (
        select(Answer.id, Answer.question_id, Answer.text, Submission.id, Submission.channel,
               Submission.created_at, Submission.consent_quote, StakeholderGroup.name,
               Municipality.name)
        .join(Submission, Answer.submission_id == Submission.id)
        .outerjoin(StakeholderGroup, Submission.group_id == StakeholderGroup.id)
        .outerjoin(Municipality, Submission.municipality_id == Municipality.id)
        .where(Submission.round_id == round_id, Submission.withdrawn_at.is_(None))
        .order_by(Submission.id, Answer.question_id)
    )


def _answer_rows(round_: Round, theme_set: ThemeSet) -> list[AnswerRow]:
    numbers = {q.id: i for i, q in enumerate(round_.questions, start=1)}
    themes_of: dict[int, list[int]] = {}
    for theme in theme_set.themes:
        if theme.status == "samengevoegd" or theme.is_residual:
            continue
        for answer_id in theme.answer_ids:
            themes_of.setdefault(answer_id, []).append(theme.id)
    rows = []
    for (answer_id, question_id, text, sub_id, channel, created_at, quotable, group,
         municipality) in db.session.execute(_live_answers(round_.id)):
        number = numbers.get(question_id, 0)
        reference = submission_reference(round_.id, sub_id)
        rows.append((sub_id, number, AnswerRow(
            id=answer_id, ref=f"{reference}/V{number}", submission_ref=reference,
            question_id=question_id, question_number=number, group=group or NO_GROUP,
            municipality=municipality or NO_MUNICIPALITY, channel=Channel(channel).label,
            created_at=created_at, quotable=quotable, text=text if quotable else "",
            theme_ids=tuple(sorted(themes_of.get(answer_id, ()))),
        )))
    rows.sort(key=lambda item: item[:2])
    return [row for _, _, row in rows]


@dataclass(frozen=True)
class Scale:
    """The threshold and every category a breakdown can have (zeros protect small cells)."""

    threshold: int
    groups: tuple[str, ...]
    municipalities: tuple[str, ...]


def _breakdown(values: list[str], categories: tuple[str, ...],
               threshold: int) -> tuple[tuple[str, Count], ...]:
    """Counts per category, suppressed; shown zeros are left out, largest shown first."""
    counts = dict.fromkeys(categories, 0) | Counter(values)
    shown = suppress(counts, threshold=threshold)
    listed = [(name, count) for name, count in shown.items()
              if count.value or count.is_suppressed]
    return tuple(sorted(listed, key=lambda item: (item[1].rank, item[0])))


def _theme_summary(theme: SourceTheme, name: str, rows: list[AnswerRow],
                   chapters: dict[int, str], scale: Scale, *, ended: bool) -> ThemeSummary:
    """A theme's figures from its live answers; after the round's end of life, when its
    answers are gone, the size stored with the theme (breakdowns are then empty)."""
    members = [r for r in rows if theme.id in r.theme_ids]
    by_id = {r.id: r for r in members}
    ordered = [by_id[i] for i in theme.representative_ids if i in by_id]
    ordered += [r for r in members if r.id not in theme.representative_ids]
    quotes = distinct_quotes([r for r in ordered if r.quotable and r.text])
    return ThemeSummary(
        id=theme.id, label=name, description=theme.description,
        keywords=theme.keywords, status=theme.status,
        chapter=chapters.get(theme.chapter_id, NO_CHAPTER),
        size=theme.size if ended else len(members),
        by_group=_breakdown([r.group for r in members], scale.groups, scale.threshold),
        by_municipality=_breakdown([r.municipality for r in members], scale.municipalities,
                                   scale.threshold),
        quotes=quotes, exclusion_reason=theme.exclusion_reason,
        near_copies=theme.near_copies,
    )


def distinct_quotes(rows: list[AnswerRow], *, limit: int = MAX_QUOTES) -> tuple[Quote, ...]:
    """The first quotes in order that are not (near-)copies of one chosen before."""
    candidates = rows[:QUOTE_CANDIDATES]
    groups = copy_groups([r.text for r in candidates])
    chosen, seen = [], set()
    for row, group in zip(candidates, groups, strict=True):
        key = group if group >= 0 else " ".join(row.text.casefold().split())
        if key not in seen:
            seen.add(key)
            chosen.append(Quote(row.ref, row.text))
        if len(chosen) == limit:
            break
    return tuple(chosen)


def _method_after_end(round_: Round, retained: list[RetainedCount], scale: Scale) -> Method:
    """The method of a round whose input is deleted: the contributions counted at its end of
    life per group, municipality and channel (answers were not counted)."""
    def spread(attribute: str) -> list[str]:
        return [value for r in retained for value in [getattr(r, attribute)] * r.count]

    channels = spread("channel")
    return Method(
        opens_at=round_.opens_at, closes_at=round_.ended_at,
        planned_closes_at=round_.closes_at,
        submissions=len(channels), answers=None,
        questions=tuple((i, q.prompt, 0) for i, q in enumerate(round_.questions, start=1)),
        channels=_breakdown([Channel(c).label for c in channels],
                            tuple(c.label for c in Channel), scale.threshold),
        groups=_breakdown([g or NO_GROUP for g in spread("group_name")], scale.groups,
                          scale.threshold),
        municipalities=_breakdown([m or NO_MUNICIPALITY for m in spread("municipality_name")],
                                  scale.municipalities, scale.threshold),
        unassigned=0,
    )


def _method(round_: Round, rows: list[AnswerRow], scale: Scale) -> Method:
    per_submission = {r.submission_ref: r for r in rows}.values()
    per_question = Counter(r.question_id for r in rows)
    return Method(
        opens_at=round_.opens_at, closes_at=round_.ended_at,
        planned_closes_at=round_.closes_at,
        submissions=len(per_submission), answers=len(rows),
        questions=tuple((i, q.prompt, per_question.get(q.id, 0))
                        for i, q in enumerate(round_.questions, start=1)),
        channels=_breakdown([r.channel for r in per_submission],
                            tuple(c.label for c in Channel), scale.threshold),
        groups=_breakdown([r.group for r in per_submission], scale.groups, scale.threshold),
        municipalities=_breakdown([r.municipality for r in per_submission],
                                  scale.municipalities, scale.threshold),
        unassigned=sum(1 for r in rows if not r.theme_ids),
    )
