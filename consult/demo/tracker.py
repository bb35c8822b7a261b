"""Demo agreements of the implementation plans, with a plausible mix of statuses. No Flask.

Zeeland: the minimum prevention package, the access agreements and the solidarity fund for
its 13 municipalities. Meierij en Bommelerwaard: the yearly implementation programme.
Idempotent: a region that has agreements is left alone.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from sqlalchemy import select

from consult.auth.models import Membership, Role, User, user_by_email
from consult.auth.services import set_password
from consult.db import db
from consult.demo.content import DEMO_PASSWORD
from consult.implementation import services
from consult.implementation.models import Agreement, StatusKind
from consult.regions.models import Region

# (chapter, title, description, owner, due, amount, public)
ZEELAND = (
    ("Preventie", "OGGZ-netwerk in elke gemeente",
     "Elke gemeente heeft een OGGZ-netwerk. Daarin bespreken wijkteam, GGZ, woningcorporatie "
     "en politie zorgen over inwoners op tijd, voordat het misgaat.",
     "Werkgroep preventie", date(2027, 6, 30), None, True),
    ("Preventie", "Inzet van ervaringsdeskundigen",
     "In elk lokaal team werkt een ervaringsdeskundige mee, betaald en geschoold.",
     "Werkgroep preventie", date(2027, 12, 31), None, True),
    ("Preventie", "Integraal werken",
     "Geld, wonen, zorg en werk komen samen in één plan per inwoner, met één vaste "
     "contactpersoon.", "Werkgroep preventie", date(2027, 12, 31), None, True),
    ("Preventie", "Afstemming met de zorgverzekeraar",
     "De gemeenten en de zorgverzekeraar spreken af hoe zij samen voorkomen dat mensen "
     "afglijden, en wat zij doen bij een achterstand in de zorgpremie.",
     "Regionaal projectleider", date(2027, 3, 31), None, True),
    ("Preventie", "Regionale kaart op- en afschaling",
     "Eén kaart voor heel Zeeland: wie doet wat als het slechter of juist beter gaat met "
     "iemand.", "Regionaal projectleider", date(2027, 6, 30), None, True),
    ("Toegang", "Gezamenlijk afwegingskader",
     "Alle dertien gemeenten beoordelen een aanvraag voor beschermd wonen met hetzelfde kader.",
     "Werkgroep toegang", date(2027, 1, 31), None, True),
    ("Toegang", "Afspraken over verhuizende cliënten",
     "Wie naar een andere Zeeuwse gemeente verhuist, houdt de hulp tot de nieuwe gemeente die "
     "heeft overgenomen.", "Werkgroep toegang", date(2027, 6, 30), None, True),
    ("Toegang", "Landelijke toegankelijkheid",
     "Iedereen uit Nederland kan zich in Zeeland melden voor beschermd wonen en opvang.",
     "Werkgroep toegang", date(2027, 1, 1), None, True),
    ("Toegang", "Onafhankelijke deskundigheid bij de toegang",
     "Bij twijfel kijkt een onafhankelijke deskundige mee naar een aanvraag.",
     "Werkgroep toegang", date(2027, 9, 30), None, False),
    ("Financiën en solidariteit", "Bijdrage aan het solidariteitsfonds",
     "Elke gemeente draagt bij aan een gezamenlijk fonds, naar de totale budgetbehoefte van de "
     "regio. Zo kan elke gemeente hulp blijven bieden, ook als het daar duurder uitvalt.",
     "Regionaal projectleider", date(2027, 1, 1), 4_800_000, True),
)
MEIERIJ = (
    ("Vroegsignalering", "Signaleringsnetwerk met huisartsen",
     "Huisartsen, wijkteams en woningcorporaties melden zorgen op één plek.",
     "Programmateam uitvoering 2026", date(2026, 12, 31), None, True),
    ("Schulden", "Schuldhulp binnen vier weken",
     "Wie zich meldt met schulden, krijgt binnen vier weken een eerste gesprek en een plan.",
     "Programmateam uitvoering 2026", date(2026, 12, 31), None, True),
    ("Participatie", "Dagbesteding dichtbij huis",
     "In elke gemeente is dagbesteding in de eigen wijk of het eigen dorp.",
     "Programmateam uitvoering 2026", date(2026, 12, 31), None, True),
    ("Wonen", "Woningen voor uitstroom",
     "Met de woningcorporaties: 60 woningen per jaar voor mensen die uit beschermd wonen of de "
     "opvang komen.", "Centrumgemeente 's-Hertogenbosch", date(2026, 12, 31), None, True),
    ("Wonen", "Proef met Skaeve Huse",
     "Een proef met kleine woningen op een rustige plek voor mensen die niet in een flat passen.",
     "Centrumgemeente 's-Hertogenbosch", date(2027, 6, 30), 750_000, False),
    ("Toegang", "Eén regionaal loket",
     "Eén plek voor aanmelding voor beschermd wonen en opvang, bij de centrumgemeente.",
     "Centrumgemeente 's-Hertogenbosch", date(2026, 9, 30), None, True),
)
# Zeeland's prevention is furthest, its fund is agreed everywhere; the rest is mixed.
WEIGHTS = {"Preventie": (3, 4, 4), "Toegang": (4, 4, 2), "Financiën en solidariteit": (0, 2, 9),
           "default": (3, 4, 3)}
NOT_APPLICABLE = {
    ("Landelijke toegankelijkheid", "Noord-Beveland"):
        "Geen eigen voorziening; aanmeldingen lopen via Goes.",
    ("Proef met Skaeve Huse", "Maasdriel"): "De proef loopt in 's-Hertogenbosch en Oss.",
}
EVIDENCE = {
    StatusKind.DONE: ("Besluit college", "Werkt sinds het voorjaar", "Vastgelegd in convenant"),
    StatusKind.PREPARING: ("Plan van aanpak in de maak", "Eerste overleg gehouden",
                           "Werving loopt"),
    StatusKind.NOT_STARTED: ("", "Gepland voor volgend kwartaal"),
}
OFFICER = ("demo.gemeente@consult.test", "Gert Gemeente", "Zeeland", "Goes")


def load_tracker_demo(*, actor: User, now: datetime) -> int:
    """Add the demo agreements to regions without any; returns how many were added."""
    added = 0
    for name, plan in (("Zeeland", ZEELAND), ("Meierij en Bommelerwaard", MEIERIJ)):
        region = db.session.scalar(select(Region).where(Region.name == name))
        if region is not None and db.session.scalar(
                select(Agreement.id).where(Agreement.region_id == region.id)) is None:
            added += _agreements(region, plan, actor=actor, now=now)
    _officer(now=now)
    return added


def _agreements(region: Region, plan, *, actor: User, now: datetime) -> int:
    rng = random.Random(f"demo-tracker-{region.name}")  # noqa: S311  # nosec B311 - demo content
    chapters = {c.name: c.id for c in region.chapters}
    for chapter, title, description, owner, due, amount, public in plan:
        agreement = services.save_agreement(region, services.AgreementFields(
            title=title, chapter_id=chapters.get(chapter), description=description,
            owner=owner, due_on=due, amount=amount, is_public=public),
            actor=actor, now=now - timedelta(days=60))
        for municipality in region.municipalities:
            kind, reason = _pick(rng, chapter, title, municipality.name)
            if kind is StatusKind.NOT_STARTED and rng.random() < 0.5:
                continue  # never touched: reads as "niet gestart"
            services.set_status(agreement, municipality, services.StatusFields(
                kind, reason=reason, evidence=rng.choice(EVIDENCE.get(kind, ("",))),
                status_on=(now - timedelta(days=rng.randint(5, 50))).date()
                if kind is StatusKind.DONE else None),
                actor=actor, now=now - timedelta(days=rng.randint(1, 50)))
    return len(plan)


def _pick(rng: random.Random, chapter: str, title: str, municipality: str):
    reason = NOT_APPLICABLE.get((title, municipality))
    if reason:
        return StatusKind.NOT_APPLICABLE, reason
    weights = WEIGHTS.get(chapter, WEIGHTS["default"])
    kinds = (StatusKind.NOT_STARTED, StatusKind.PREPARING, StatusKind.DONE)
    return rng.choices(kinds, weights)[0], ""


def _officer(*, now: datetime) -> None:
    """A municipal officer of Goes: updates the statuses of Goes only."""
    email, name, region_name, municipality_name = OFFICER
    if db.session.scalar(user_by_email(email)) is not None:
        return
    region = db.session.scalar(select(Region).where(Region.name == region_name))
    municipality = next(m for m in region.municipalities if m.name == municipality_name)
    user = User(email=email, name=name, created_at=now)
    set_password(user, DEMO_PASSWORD)
    user.memberships.append(Membership(region_id=region.id, role=Role.MUNICIPAL_OFFICER,
                                       municipality_id=municipality.id, created_at=now))
    db.session.add(user)
    db.session.flush()
