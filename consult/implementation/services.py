"""Writing agreements and the status of a municipality; every write is audited. No Flask here.

Services check the acting user's right themselves as well, so a municipal officer cannot
change another municipality's status or an agreement whichever way the call comes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select

from consult.audit.services import record
from consult.auth.models import User
from consult.auth.permissions import can, can_for_municipality
from consult.db import db
from consult.errors import ConsultError, NotAllowed, NotFound
from consult.exports.services import ExportFile
from consult.implementation.models import (
    Agreement,
    AgreementStatus,
    StatusKind,
    agreement_themes,
    theme_ids_of,
)
from consult.regions.models import Municipality, Region
from consult.themes.choices import theme_choices


class ReasonRequired(ConsultError):
    """"Niet van toepassing" needs a reason."""


@dataclass(frozen=True)
class AgreementFields:
    title: str
    chapter_id: int | None
    description: str = ""
    owner: str = ""
    due_on: date | None = None
    amount: int | None = None
    is_public: bool = False
    theme_ids: tuple[int, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class StatusFields:
    status: StatusKind
    reason: str = ""
    status_on: date | None = None
    evidence: str = ""


def _snapshot(agreement: Agreement, theme_ids: set[int]) -> dict:
    return {"title": agreement.title, "chapter": agreement.chapter.name if agreement.chapter
            else "", "description": agreement.description, "owner": agreement.owner,
            "due_on": agreement.due_on.isoformat() if agreement.due_on else "",
            "amount": agreement.amount, "is_public": agreement.is_public,
            "themes": sorted(theme_ids)}


def linked_theme_ids(agreement: Agreement) -> set[int]:
    """The ids of the themes the agreement answers."""
    return set(db.session.scalars(theme_ids_of(agreement.id)))


def _check_links(region: Region, fields: AgreementFields, current: set[int]) -> None:
    if fields.chapter_id is not None and fields.chapter_id not in {c.id for c in region.chapters}:
        raise NotFound("chapter not in region")
    allowed = {t.id for t in theme_choices(region.id)} | current
    if not set(fields.theme_ids) <= allowed:
        raise NotFound("theme not in region")


def save_agreement(region: Region, fields: AgreementFields, *, agreement: Agreement | None = None,
                   actor: User, now: datetime) -> Agreement:
    """Create or change an agreement and the themes it answers; the changes are audited."""
    if not can(actor, "manage_agreements", region.id):
        raise NotAllowed("may not manage agreements")
    if agreement is not None and agreement.region_id != region.id:
        raise NotFound("agreement not in region")
    current = linked_theme_ids(agreement) if agreement is not None else set()
    _check_links(region, fields, current)
    before = _snapshot(agreement, current) if agreement is not None else None
    if agreement is None:
        count = select(func.count()).where(Agreement.region_id == region.id)
        agreement = Agreement(region_id=region.id, created_at=now,
                              position=db.session.scalar(count))
        db.session.add(agreement)
    agreement.title, agreement.chapter_id = fields.title, fields.chapter_id
    agreement.description, agreement.owner = fields.description, fields.owner
    agreement.due_on, agreement.amount = fields.due_on, fields.amount
    agreement.is_public, agreement.updated_at = fields.is_public, now
    db.session.flush()
    db.session.refresh(agreement, ["chapter"])
    _link_themes(agreement, set(fields.theme_ids), current)
    after = _snapshot(agreement, set(fields.theme_ids))
    if before is None:
        record("agreement.create", actor=actor, obj=agreement, region_id=region.id, now=now,
               values=after)
    else:
        changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changes:
            record("agreement.update", actor=actor, obj=agreement, region_id=region.id,
                   now=now, changes=changes)
    return agreement


def _link_themes(agreement: Agreement, wanted: set[int], current: set[int]) -> None:
    if current - wanted:
        db.session.execute(delete(agreement_themes).where(
            agreement_themes.c.agreement_id == agreement.id,
            agreement_themes.c.theme_id.in_(current - wanted)))
    for theme_id in sorted(wanted - current):
        db.session.execute(insert(agreement_themes).values(agreement_id=agreement.id,
                                                           theme_id=theme_id))


def delete_agreement(agreement: Agreement, *, actor: User, now: datetime) -> None:
    """Remove an agreement with its statuses; the audit log keeps its title."""
    if not can(actor, "manage_agreements", agreement.region_id):
        raise NotAllowed("may not manage agreements")
    record("agreement.delete", actor=actor, obj=agreement, region_id=agreement.region_id,
           now=now, title=agreement.title)
    db.session.delete(agreement)
    db.session.flush()


def status_of(agreement: Agreement, municipality: Municipality) -> AgreementStatus | None:
    """The stored status of a municipality, or None ("niet gestart")."""
    return next((s for s in agreement.statuses if s.municipality_id == municipality.id), None)


def set_status(agreement: Agreement, municipality: Municipality, fields: StatusFields, *,
               actor: User, now: datetime) -> AgreementStatus:
    """Record where a municipality stands with an agreement; audited on the agreement."""
    if municipality.region_id != agreement.region_id:
        raise NotFound("municipality not in the agreement's region")
    if not can_for_municipality(actor, "update_status", region_id=agreement.region_id,
                                municipality_id=municipality.id):
        raise NotAllowed("may not update this municipality's status")
    reason = fields.reason.strip() if fields.status is StatusKind.NOT_APPLICABLE else ""
    if fields.status is StatusKind.NOT_APPLICABLE and not reason:
        raise ReasonRequired("reason required")
    status = status_of(agreement, municipality)
    old = status.status if status is not None else StatusKind.NOT_STARTED
    if status is None:
        status = AgreementStatus(municipality_id=municipality.id)
        agreement.statuses.append(status)
    status.status, status.reason, status.status_on = fields.status, reason, fields.status_on
    status.evidence, status.updated_at, status.updated_by_id = fields.evidence, now, actor.id
    db.session.flush()
    record("agreement.status", actor=actor, obj=agreement, region_id=agreement.region_id,
           now=now, municipality=municipality.name, municipality_id=municipality.id,
           old=str(old), new=str(fields.status), reason=reason,
           status_on=fields.status_on.isoformat() if fields.status_on else "",
           evidence=fields.evidence)
    return status


MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def export(region: Region, fmt: str, *, municipality: Municipality | None = None,
           actor: User | None, now: datetime) -> ExportFile:
    """The matrix (xlsx) or a progress report (docx, pdf) of a region or one municipality."""
    from consult.implementation import documents, overview
    from consult.text import slugify

    if fmt not in MIMETYPES:
        raise NotFound(f"unknown format {fmt}")
    matrix = (overview.for_municipality(municipality) if municipality is not None
              else overview.matrix(region))
    if fmt == "xlsx":
        data = documents.to_xlsx(matrix, generated_at=now)
    else:
        report = documents.Report(matrix, documents.report_title(matrix), now)
        data = documents.to_docx(report) if fmt == "docx" else documents.to_pdf(report)
    name = slugify((municipality or region).name, max_length=60, fallback="regio")
    kind = "afspraken" if fmt == "xlsx" else "voortgang"
    record("agreements.export", actor=actor, obj=municipality or region, region_id=region.id,
           now=now, format=fmt)
    return ExportFile(filename=f"{kind}-{name}.{fmt}", mimetype=MIMETYPES[fmt], data=data,
                      is_final=True)
