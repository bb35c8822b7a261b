"""Demo agreements: Zeeland's package for 13 municipalities, Meierij's programme, an officer."""

from __future__ import annotations

from sqlalchemy import select

from consult.db import db, utcnow
from consult.demo.content import DEMO_PASSWORD
from consult.demo.services import load_demo
from consult.implementation import overview
from consult.implementation.models import Agreement, StatusKind
from consult.regions.models import Region


def _region(name: str) -> Region:
    return db.session.scalar(select(Region).where(Region.name == name))


def test_demo_agreements_cover_both_regions_with_a_mix_of_statuses(app, runner):
    load_demo(now=utcnow(), per_round=5)
    db.session.commit()
    zeeland = overview.matrix(_region("Zeeland"))
    assert len(zeeland.municipalities) == 13
    assert [c.name for c in zeeland.chapters] == ["Preventie", "Toegang",
                                                 "Financiën en solidariteit"]
    titles = {r.agreement.title for r in zeeland.rows}
    assert {"OGGZ-netwerk in elke gemeente", "Inzet van ervaringsdeskundigen",
            "Gezamenlijk afwegingskader", "Afspraken over verhuizende cliënten",
            "Bijdrage aan het solidariteitsfonds"} <= titles
    fund = next(r for r in zeeland.rows if r.agreement.amount)
    assert fund.agreement.amount == 4_800_000
    kinds = {cell.status for row in zeeland.rows for cell in row.cells}
    assert kinds == set(StatusKind)
    assert all(c.reason for row in zeeland.rows for c in row.cells
               if c.status is StatusKind.NOT_APPLICABLE)
    meierij = overview.matrix(_region("Meierij en Bommelerwaard"))
    assert len(meierij.rows) == 6 and len(meierij.municipalities) == 10
    count = db.session.query(Agreement).count()
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert db.session.query(Agreement).count() == count


def test_the_demo_municipal_officer_updates_goes_only(app, client):
    load_demo(now=utcnow(), per_round=5)
    db.session.commit()
    zeeland = _region("Zeeland")
    goes, hulst = (next(m for m in zeeland.municipalities if m.name == name)
                   for name in ("Goes", "Hulst"))
    client.post("/inloggen", data={"email": "demo.gemeente@consult.test",
                                   "password": DEMO_PASSWORD})
    assert "Afspraken van Goes" in client.get("/uitvoering/").text
    assert client.get(f"/uitvoering/gemeente/{goes.id}").status_code == 200
    assert client.get(f"/uitvoering/gemeente/{hulst.id}").status_code == 403
    assert client.get(f"/uitvoering/regio/{zeeland.id}").status_code == 403
