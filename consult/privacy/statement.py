"""The privacy statement for participants: who, why, how long, rights, contact. No Flask here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from consult.audit.services import record
from consult.auth.models import User
from consult.db import db
from consult.privacy.models import PrivacyContact
from consult.privacy.services import raw_due_at
from consult.regions.models import Region
from consult.rounds.models import Round


@dataclass(frozen=True)
class Purpose:
    """What one consent on the participant form allows, in B1 words."""

    consent: str  # the consent field on the form and on Submission: consent_<consent>
    title: str
    text: str
    is_required: bool
    retention: str  # "raw": until the raw texts go; "round": until the round's end of life


# One purpose per consent the participant form asks for (ParticipateForm.consent_*).
PURPOSES = (
    Purpose("analysis", "Uw antwoorden lezen en samenvatten",
            "Wij lezen alle antwoorden. Wij zoeken welke onderwerpen vaak terugkomen. Zo maken "
            "wij de plannen van de regio beter. Zonder deze toestemming kunt u niet meedoen.",
            True, "round"),
    Purpose("quote", "Uw woorden laten zien in een verslag",
            "Alleen als u dat wilt. Wij zetten dan een stukje van uw antwoord in een verslag. "
            "Uw naam staat er nooit bij.", False, "round"),
    Purpose("contact", "Contact met u opnemen",
            "Alleen als u dat wilt. Wij gebruiken uw e-mailadres of telefoonnummer dan om u "
            "iets te vragen over uw antwoorden.", False, "raw"),
)
COMPLAINT_URL = "https://www.autoriteitpersoonsgegevens.nl"


@dataclass(frozen=True)
class RegionContact:
    """The region's contacts as filled in, with the region's name where nothing was filled in."""

    region_name: str
    controller: str
    privacy_email: str = ""
    privacy_phone: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""

    @property
    def has_privacy_contact(self) -> bool:
        return bool(self.privacy_email or self.privacy_phone)

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_email or self.contact_phone)


@dataclass(frozen=True)
class Statement:
    round: Round
    contact: RegionContact
    purposes: tuple[Purpose, ...]
    raw_until: datetime | None  # original texts and contact details go then (None: at publishing)
    all_until: datetime | None  # the round's end of life (None: no date set)


FIELDS = ("controller", "privacy_email", "privacy_phone", "contact_name", "contact_email",
          "contact_phone")


def stored_contact(region: Region) -> PrivacyContact | None:
    return db.session.get(PrivacyContact, region.id)


def region_contact(region: Region) -> RegionContact:
    """The region's privacy and participant contacts; the controller defaults to the region."""
    stored = stored_contact(region)
    if stored is None:
        return RegionContact(region_name=region.name, controller=_default_controller(region))
    values = {name: getattr(stored, name) or "" for name in FIELDS}
    values["controller"] = values["controller"] or _default_controller(region)
    return RegionContact(region_name=region.name, **values)


def _default_controller(region: Region) -> str:
    central = next((m.name for m in region.municipalities if m.is_central), None)
    return f"Gemeente {central}" if central else f"De gemeenten in de regio {region.name}"


def save_contact(region: Region, values: dict[str, str], *, actor: User | None,
                 now: datetime) -> PrivacyContact:
    """Store the region's privacy and participant contacts (audited)."""
    stored = stored_contact(region)
    if stored is None:
        stored = PrivacyContact(region_id=region.id)
        db.session.add(stored)
    changed = sorted(name for name in FIELDS if (getattr(stored, name) or "") != values[name])
    for name in FIELDS:
        setattr(stored, name, values[name])
    stored.updated_at = now
    db.session.flush()
    record("privacy.contact", actor=actor, obj=region, region_id=region.id, now=now,
           changed=changed)
    return stored


def statement(round_: Round) -> Statement:
    """Everything the round's privacy statement says, from the round's own settings."""
    return Statement(round=round_, contact=region_contact(round_.region), purposes=PURPOSES,
                     raw_until=raw_due_at(round_), all_until=round_.delete_after)


def participant_contacts() -> list[RegionContact]:
    """Every region's contact for participants that has one, by region name."""
    regions = db.session.scalars(select(Region).order_by(Region.name))
    return [c for c in map(region_contact, regions) if c.has_contact or c.has_privacy_contact]
