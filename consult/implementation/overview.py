"""Reading the tracker: the matrix, one municipality, the public progress, history. No Flask.

One structure (Matrix) serves the staff matrix, the per-municipality view, the public
progress page, the exports and the API, so they always agree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from consult.audit.services import events_for
from consult.db import db
from consult.implementation.models import (
    Agreement,
    StatusKind,
    agreement_ids_for_theme,
    agreement_themes,
    agreements_of,
)
from consult.regions.models import Municipality, Region
from consult.themes.choices import ThemeChoice, themes_by_ids

NO_CHAPTER = "Overige afspraken"


@dataclass(frozen=True)
class Cell:
    municipality: Municipality
    status: StatusKind
    reason: str = ""
    status_on: date | None = None
    evidence: str = ""

    @property
    def label(self) -> str:
        return self.status.label


@dataclass(frozen=True)
class Row:
    agreement: Agreement
    cells: tuple[Cell, ...]
    themes: tuple[ThemeChoice, ...]

    @property
    def counts(self) -> dict[StatusKind, int]:
        counted = Counter(cell.status for cell in self.cells)
        return {kind: counted.get(kind, 0) for kind in StatusKind}

    @property
    def done_text(self) -> str:
        """'5 van 13 gerealiseerd' (municipalities for which it does not apply left out)."""
        counts = self.counts
        applicable = len(self.cells) - counts[StatusKind.NOT_APPLICABLE]
        return f"{counts[StatusKind.DONE]} van {applicable} gerealiseerd"


@dataclass(frozen=True)
class Chapter:
    name: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Matrix:
    region: Region
    municipalities: tuple[Municipality, ...]
    chapters: tuple[Chapter, ...]

    @property
    def rows(self) -> list[Row]:
        return [row for chapter in self.chapters for row in chapter.rows]


def _themes(agreement_ids: list[int]) -> dict[int, list[int]]:
    links: dict[int, list[int]] = {}
    if agreement_ids:
        for agreement_id, theme_id in db.session.execute(
                select(agreement_themes.c.agreement_id, agreement_themes.c.theme_id)
                .where(agreement_themes.c.agreement_id.in_(agreement_ids))):
            links.setdefault(agreement_id, []).append(theme_id)
    return links


def _row(agreement: Agreement, municipalities, themes: dict[int, ThemeChoice],
         theme_ids: list[int], *, published_themes_only: bool) -> Row:
    stored = {s.municipality_id: s for s in agreement.statuses}
    cells = []
    for municipality in municipalities:
        s = stored.get(municipality.id)
        cells.append(Cell(municipality, StatusKind.NOT_STARTED) if s is None else
                     Cell(municipality, s.status, s.reason, s.status_on, s.evidence))
    chosen = [themes[i] for i in theme_ids if i in themes]
    if published_themes_only:
        chosen = [t for t in chosen if t.is_published]
    return Row(agreement, tuple(cells), tuple(sorted(chosen, key=lambda t: t.label.lower())))


def matrix(region: Region, *, municipalities: list[Municipality] | None = None,
           public_only: bool = False, agreements: list[Agreement] | None = None) -> Matrix:
    """Agreements x municipalities, grouped by the region's vision chapters.

    ``public_only`` keeps the agreements marked public and the themes of rounds whose
    feedback is published: what the public progress page may show.
    """
    municipalities = list(municipalities if municipalities is not None
                          else region.municipalities)
    found = agreements if agreements is not None else list(
        db.session.scalars(agreements_of(region.id)))
    if public_only:
        found = [a for a in found if a.is_public]
    links = _themes([a.id for a in found])
    themes = {t.id: t for t in themes_by_ids({i for ids in links.values() for i in ids})}
    rows = [_row(a, municipalities, themes, links.get(a.id, []),
                 published_themes_only=public_only) for a in found]
    chapters = []
    for chapter in [*region.chapters, None]:
        chapter_id = chapter.id if chapter is not None else None
        in_chapter = tuple(r for r in rows if r.agreement.chapter_id == chapter_id)
        if in_chapter:
            chapters.append(Chapter(chapter.name if chapter else NO_CHAPTER, in_chapter))
    return Matrix(region, tuple(municipalities), tuple(chapters))


def for_municipality(municipality: Municipality) -> Matrix:
    """The region's agreements with the status of one municipality."""
    return matrix(municipality.region, municipalities=[municipality])


def agreement_row(agreement: Agreement) -> Row:
    """One agreement with every municipality's status and its themes."""
    return matrix(agreement.region, agreements=[agreement]).rows[0]


def agreements_for_theme(theme_id: int, *, public_only: bool = False) -> list[Agreement]:
    """The agreements that answer a theme ("wij spraken af" seen from "u zei")."""
    found = db.session.scalars(
        select(Agreement).where(Agreement.id.in_(agreement_ids_for_theme(theme_id)))
        .order_by(Agreement.position, Agreement.id)).all()
    return [a for a in found if a.is_public or not public_only]


def has_public_progress(region_id: int) -> bool:
    """Whether the region shows any agreement on its public progress page."""
    return db.session.scalar(select(Agreement.id).where(
        Agreement.region_id == region_id, Agreement.is_public.is_(True)).limit(1)) is not None


FIELD_LABELS = {
    "title": "Titel", "chapter": "Hoofdstuk", "description": "Omschrijving",
    "owner": "Eigenaar", "due_on": "Uiterlijk klaar", "amount": "Bedrag",
    "is_public": "Openbaar", "themes": "Thema's",
}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    who: str
    action: str
    lines: tuple[str, ...]


def _value(key: str, value) -> str:
    if value in ("", None, []):
        return "(leeg)"
    if key == "is_public":
        return "ja" if value else "nee"
    if key == "amount":
        return format_euro(value)
    if key == "themes":
        return ", ".join(t.label for t in themes_by_ids(value)) or "(thema's verwijderd)"
    return str(value)


def _lines(action: str, details: dict) -> tuple[str, ...]:
    if action == "agreement.status":
        old, new = StatusKind(details["old"]).label, StatusKind(details["new"]).label
        lines = [f"{details['municipality']}: van {old.lower()} naar {new.lower()}"]
        lines += [f"Reden: {details['reason']}"] if details.get("reason") else []
        lines += [f"Bewijs: {details['evidence']}"] if details.get("evidence") else []
        return tuple(lines)
    if action == "agreement.update":
        return tuple(f"{FIELD_LABELS.get(k, k)}: {_value(k, old)} → {_value(k, new)}"
                     for k, (old, new) in details.get("changes", {}).items())
    if action == "agreement.create":
        values = details.get("values", {})
        return tuple(f"{FIELD_LABELS.get(k, k)}: {_value(k, v)}" for k, v in values.items()
                     if v not in ("", None, []))
    return ()


def history(agreement: Agreement) -> list[HistoryEntry]:
    """What changed on the agreement and its statuses, newest first, in Dutch."""
    from consult.audit.labels import action_label

    return [HistoryEntry(e.created_at, e.user.name if e.user else "Systeem",
                         action_label(e.action), _lines(e.action, e.details or {}))
            for e in events_for(agreement)]


def format_euro(amount: int | None) -> str:
    """'€ 1.250.000'."""
    if amount is None:
        return ""
    return "€ " + f"{amount:,}".replace(",", ".")

