"""A region with chapters, themes from a round, a leader, a municipal officer and agreements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from consult.auth.models import User
from consult.db import db, utcnow
from consult.implementation import services
from consult.implementation.models import Agreement
from consult.regions import services as region_services
from consult.regions.models import Municipality, Region
from consult.submissions.models import Channel
from consult.submissions.services import Consent, Intake, submit
from consult.themes.models import Theme
from tests.api.test_api import check_schema  # noqa: F401  (a fixture for test_api.py)
from tests.theme_factories import make_theme_set


@dataclass
class Tracker:
    region: Region
    leader: User
    officer: User  # municipal officer of Goes
    goes: Municipality
    middelburg: Municipality
    theme: Theme
    agreement: Agreement


@pytest.fixture
def tracker(region, make_round, make_user) -> Tracker:
    now = utcnow()
    for name in ("Preventie", "Toegang"):
        region_services.save_chapter(region, name=name, keywords="", actor=None, now=now)
    round_ = make_round(questions=1)
    answer_ids = []
    for text in ("Er moet een OGGZ-netwerk komen in elke gemeente.",
                 "Ervaringsdeskundigen moeten meedoen bij preventie."):
        sub, _ = submit(round_, Intake(group=region.groups[0], municipality=None,
                                       answers={round_.questions[0].id: text},
                                       channel=Channel.WEB, consent=Consent(analysis=True)),
                        now=now)
        answer_ids.append(sub.answers[0])
    db.session.commit()
    _, (theme,) = make_theme_set(round_, round_.questions[0], [
        {"label": "Preventie in de wijk", "answers": answer_ids,
         "description": "Eerder hulp in de buurt."}])
    leader = make_user("project_leader", region)
    goes, middelburg = region.municipalities[0], region.municipalities[1]
    officer = make_user("municipal_officer", region, municipality=goes)
    agreement = services.save_agreement(region, services.AgreementFields(
        title="OGGZ-netwerk", chapter_id=region.chapters[0].id,
        description="Elke gemeente heeft een OGGZ-netwerk.", owner="Projectleider preventie",
        due_on=date(2027, 12, 31), is_public=True, theme_ids=(theme.id,)),
        actor=leader, now=now)
    db.session.commit()
    return Tracker(region, leader, officer, goes, middelburg, theme, agreement)
