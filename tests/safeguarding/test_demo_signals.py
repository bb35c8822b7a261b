"""The demo has a named safeguarding contact with flagged answers in the queue."""

from __future__ import annotations

from sqlalchemy import select

from consult.db import db, utcnow
from consult.demo.content import DEMO_PASSWORD
from consult.demo.services import load_demo
from consult.rounds.models import Round
from consult.safeguarding.models import CrisisSignal


def test_demo_contact_sees_flagged_demo_answers(client):
    load_demo(now=utcnow(), per_round=10)
    db.session.commit()
    zeeland = db.session.scalar(select(Round).where(Round.slug == "zeeland-uitvoeringsplan"))
    signals = list(db.session.scalars(select(CrisisSignal)))
    assert sorted(k for s in signals for k in s.kinds) == ["homeless", "suicide"]
    client.post("/inloggen", data={"email": "demo.beleid@consult.test",
                                   "password": DEMO_PASSWORD})
    queue = client.get(f"/beheer/regio/{zeeland.region_id}/signalen")
    assert queue.status_code == 200 and "slaap vannacht buiten" in queue.text
    overview = client.get(f"/rondes/{zeeland.id}").text
    assert "1 signaal wacht langer dan 2 werkdagen." in overview
