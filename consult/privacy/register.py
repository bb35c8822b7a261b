"""Material for the DPIA and the processing register: purposes, retention, audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, select

from consult.audit.models import AuditEvent
from consult.db import db
from consult.rounds.models import Round

PURPOSES = (
    ("Analyse van inbreng", "Toestemming van de deelnemer (art. 6 lid 1 sub a AVG)",
     "Antwoorden, groep, gemeente (niet verplicht)", "Zie bewaartermijnen per ronde"),
    ("Citeren zonder naam in verslagen", "Aparte toestemming van de deelnemer",
     "Geanonimiseerde antwoorden", "Tot het einde van de ronde"),
    ("Contact over de inbreng", "Aparte toestemming van de deelnemer",
     "E-mailadres of telefoonnummer", "Samen met de originele tekst"),
    ("Beheer van medewerkersaccounts", "Taak van algemeen belang (art. 6 lid 1 sub e AVG)",
     "Naam, e-mailadres, rol, inlogmomenten", "Zolang het account bestaat"),
    ("Verantwoording (auditlog)", "Wettelijke verplichting en taak van algemeen belang",
     "Wie wat wanneer deed, zonder inhoud van antwoorden", "Zolang de regio bestaat"),
)
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    region_ids: list[int]
    include_global: bool = False
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def audit_events(flt: AuditFilter, *, to_utc) -> Select:
    """Select audit events in the given regions, newest first, filtered."""
    scope = AuditEvent.region_id.in_(flt.region_ids)
    if flt.include_global:
        scope = scope | AuditEvent.region_id.is_(None)
    query = select(AuditEvent).where(scope)
    if flt.action:
        query = query.where(AuditEvent.action.startswith(flt.action, autoescape=True))
    if flt.date_from:
        query = query.where(AuditEvent.created_at >= to_utc(flt.date_from))
    if flt.date_to:
        query = query.where(AuditEvent.created_at < to_utc(flt.date_to + timedelta(days=1)))
    return query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())


def retention_rows(region_ids: list[int], *, raw_due_at) -> list[tuple[Round, datetime | None]]:
    """Every round in the regions with the moment its raw texts go."""
    rounds = select(Round).where(Round.region_id.in_(region_ids)).order_by(Round.opens_at.desc())
    return [(r, raw_due_at(r)) for r in db.session.scalars(rounds)]
