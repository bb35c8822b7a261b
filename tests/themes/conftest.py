"""Theme tests: analyses run inline with a fixed, fast engine configuration."""

from __future__ import annotations

import pytest

from consult.db import utcnow
from consult.themes import engine, services
from consult.themes.models import AnalysisRun

WONEN = [
    "Er zijn veel te weinig woningen voor mensen die uit de opvang komen.",
    "De wachtlijst voor een woning is jaren lang, dat is niet te doen.",
    "Betaalbare woningen ontbreken in onze gemeente, ook voor jongeren.",
    "Na de opvang vind je geen huis, de woningmarkt zit helemaal op slot.",
]
SCHULDEN = [
    "Schulden moeten veel eerder worden opgemerkt door de gemeente.",
    "Schuldhulp is traag en de schulden lopen ondertussen op.",
    "Preventie van schulden werkt beter dan achteraf hulp bieden.",
    "Vroegsignalering van schulden en huurachterstand voorkomt dakloosheid.",
]
TOEGANG = [
    "Het loket is moeilijk te vinden en je wordt van de ene naar de andere gestuurd.",
    "De toegang tot zorg is ingewikkeld, je moet overal opnieuw je verhaal doen.",
    "Bij het wijkteam kent niemand de regels voor beschermd wonen.",
    "Verhuizen naar een andere gemeente betekent opnieuw een indicatie aanvragen bij het loket.",
]
OPTIONS = {"k": 3, "seed": 0, "semantic": False}


@pytest.fixture
def app_config(app_config):
    return {**app_config, "ANALYSIS_SYNC": True, "ANALYSIS_OPTIONS": OPTIONS}


@pytest.fixture
def texts():
    return [t for group in zip(WONEN, SCHULDEN, TOEGANG, strict=True) for t in group]


@pytest.fixture
def filled_round(make_round, make_submission, texts):
    """A closed-for-analysis round with 24 answers to its first question."""
    round_ = make_round(questions=1)
    for i, text in enumerate(texts * 2):
        make_submission(round_, text, group_key="client" if i % 3 else "zorgaanbieder")
    return round_


@pytest.fixture
def analysed(filled_round, make_user):
    """The filled round after one finished analysis; returns (round, run)."""
    from consult.db import db

    officer = make_user("policy_officer", filled_round.region)
    run = services.start_run(filled_round, question=None, options=engine.Options(**OPTIONS),
                             actor=officer, now=utcnow())
    db.session.commit()
    services.execute_run(run.id)
    return filled_round, db.session.get(AnalysisRun, run.id)
