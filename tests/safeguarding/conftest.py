"""Factories for crisis signals: contributions as a participant would send them."""

from __future__ import annotations

from datetime import datetime

import pytest

from consult.auth.models import User
from consult.db import db, utcnow
from consult.safeguarding import services
from consult.submissions import services as submissions
from consult.submissions.models import Channel, Submission

CRISIS = "Ik wil niet meer leven. Bel mij op 06-12345678."
VIOLENCE = "Mijn vriend slaat me als hij drinkt."
NORMAL = "Meer betaalbare woningen in de buurt."


@pytest.fixture
def send(app):
    """Factory: store a contribution through the intake service, as every channel does."""

    def make(round_, *texts: str, contact: str | None = None, consent_contact: bool = False,
             channel: Channel = Channel.WEB, now: datetime | None = None,
             form_token: str | None = None) -> Submission:
        answers = {q.id: t for q, t in zip(round_.questions, texts, strict=False)}
        submission, _ = submissions.submit(round_, submissions.Intake(
            group=round_.groups[0], municipality=None, answers=answers,
            consent=submissions.Consent(analysis=True, contact=consent_contact,
                                        verbal=channel is not Channel.WEB),
            channel=channel, contact=contact, form_token=form_token,
            is_verbatim=None if channel is Channel.WEB else False,
        ), now=now or utcnow())
        db.session.commit()
        return submission

    return make


@pytest.fixture
def name_contact(app):
    """Factory: make a staff member a safeguarding contact of a region."""

    def make(user: User, region_id: int) -> User:
        services.add_contact(region_id, user, actor=user, now=utcnow())
        db.session.commit()
        return user

    return make
