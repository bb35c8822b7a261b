"""The municipal officer: a membership for one municipality of a region."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.auth import services as auth_services
from consult.auth.models import Membership, Role
from consult.db import db, utcnow
from consult.errors import InvalidState


def _invite(region, **kwargs):
    return auth_services.invite(email="gemeente@consult.test", name="Gemma", region_id=region.id,
                                actor=None, now=utcnow(), valid_for=timedelta(days=7), **kwargs)


def test_a_municipal_role_needs_a_municipality(region):
    with pytest.raises(InvalidState):
        _invite(region, role=Role.MUNICIPAL_OFFICER)
    user, _ = _invite(region, role=Role.MUNICIPAL_OFFICER,
                      municipality_id=region.municipalities[1].id)
    assert user.municipality_in(region.id) == region.municipalities[1].id


def test_a_region_role_ignores_a_municipality(region):
    user, _ = _invite(region, role=Role.POLICY_OFFICER,
                      municipality_id=region.municipalities[1].id)
    assert user.municipality_in(region.id) is None


def test_the_staff_page_asks_which_municipality(client, login_as, region):
    login_as("admin")
    url = f"/beheer/regio/{region.id}/medewerkers"
    assert "Beleidsmedewerker gemeente" in client.get(url).text
    response = client.post(url, data={"name": "Gemma", "email": "gemma@consult.test",
                                      "role": "municipal_officer", "municipality": "0"})
    assert "Kies de gemeente van deze beleidsmedewerker." in response.text
    assert 'value="gemma@consult.test"' in response.text
    goes = region.municipalities[0]
    client.post(url, data={"name": "Gemma", "email": "gemma@consult.test",
                           "role": "municipal_officer", "municipality": str(goes.id)})
    membership = db.session.scalar(select(Membership).where(
        Membership.role == Role.MUNICIPAL_OFFICER))
    assert membership.municipality_id == goes.id
    assert f"Beleidsmedewerker gemeente ({goes.name})" in client.get(url).text


def test_a_municipal_officer_sees_no_rounds(client, login, make_user, make_round, region):
    round_ = make_round(title="Geheime ronde")
    login(make_user("municipal_officer", region, municipality=region.municipalities[0]))
    assert "Geheime ronde" not in client.get("/rondes/").text
    assert client.get(f"/rondes/{round_.id}").status_code == 403
