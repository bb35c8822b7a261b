"""Region admins act inside their region: inviting an existing account never hands it over.

The attack these tests replay: the admin of region B invites the e-mail address of someone
who works in region A, then asks for a "new link" (or resets the second factor) through the
new membership, sets the password and logs in as that person, with all of their regions.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import current_app
from sqlalchemy import select

from consult.auth import services, totp
from consult.auth.models import Invitation, Membership, Role, User
from consult.db import db, utcnow
from tests.conftest import PASSWORD


@pytest.fixture
def regions(make_region):
    return make_region("Regio A"), make_region("Regio B")


@pytest.fixture
def person(make_user, regions):
    """A staff member of region A with a password and two-factor login."""
    user = make_user("project_leader", regions[0], email="persoon@consult.test")
    user.totp_secret = totp.seal(totp.new_secret(),
                                 totp.sealing_key(current_app.config["SECRET_KEY"]))
    db.session.commit()
    return user


def _invite(client, region, email="persoon@consult.test", role="admin"):
    return client.post(f"/beheer/regio/{region.id}/medewerkers",
                       data={"name": "Iemand", "email": email, "role": role})


def _membership(user: User, region) -> Membership:
    return db.session.scalar(select(Membership).filter_by(user_id=user.id, region_id=region.id))


def _join(user: User, region, role=Role.POLICY_OFFICER) -> None:
    user.memberships.append(Membership(region_id=region.id, role=role, created_at=utcnow()))
    db.session.commit()


def test_inviting_an_existing_account_gives_no_link_and_grants_nothing_yet(
        client, login, make_user, regions, person):
    region_a, region_b = regions
    login(make_user("admin", region_b))
    response = _invite(client, region_b)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "/uitnodiging/" not in page
    assert "ziet de uitnodiging na het inloggen en accepteert die zelf" in page
    assert "Uitgenodigd, wacht op akkoord" in page
    assert db.session.scalars(select(Invitation)).all() == []
    db.session.refresh(person)
    assert person.role_in(region_b.id) is None
    assert person.role_in(region_a.id) == Role.PROJECT_LEADER


def test_region_admin_cannot_take_over_an_invited_account(client, login, make_user, regions,
                                                          person):
    region_b = regions[1]
    login(make_user("admin", region_b))
    _invite(client, region_b)
    membership = _membership(person, region_b)
    assert client.post(f"/beheer/lid/{membership.id}/nieuwe-link").status_code == 403
    assert client.post(f"/beheer/lid/{membership.id}/tweestaps-herstellen").status_code == 403
    db.session.refresh(person)
    assert person.totp_secret is not None
    assert db.session.scalars(select(Invitation)).all() == []


def test_owner_accepts_the_invitation_from_their_own_session(client, login, regions, person):
    region_b = regions[1]
    services.invite(email=person.email, name="x", region_id=region_b.id, role=Role.ADMIN,
                    actor=None, now=utcnow(), valid_for=timedelta(days=1))
    db.session.commit()
    person.totp_secret = None  # log in with the password alone in this test
    db.session.commit()
    login(person)
    home = client.get("/rondes/").text
    assert "U bent uitgenodigd voor een andere regio" in home
    listing = client.get("/account/uitnodigingen").text
    assert "Regio B" in listing and "Beheerder" in listing
    membership = _membership(person, region_b)
    done = client.post(f"/account/uitnodigingen/{membership.id}/accepteren",
                       follow_redirects=True)
    assert "U werkt nu ook in Regio B als beheerder." in done.text
    db.session.refresh(person)
    assert person.role_in(region_b.id) == Role.ADMIN
    assert client.get(f"/beheer/regio/{region_b.id}").status_code == 200


def test_owner_declines_and_nobody_else_answers_for_them(client, login, make_user, regions,
                                                         person):
    region_b = regions[1]
    services.invite(email=person.email, name="x", region_id=region_b.id, role=Role.ADMIN,
                    actor=None, now=utcnow(), valid_for=timedelta(days=1))
    db.session.commit()
    membership_id = _membership(person, region_b).id
    login(make_user("admin", region_b))
    assert client.post(f"/account/uitnodigingen/{membership_id}/accepteren").status_code == 404
    client.post("/uitloggen")
    person.totp_secret = None
    db.session.commit()
    login(person)
    done = client.post(f"/account/uitnodigingen/{membership_id}/weigeren",
                       follow_redirects=True)
    assert "U heeft de uitnodiging voor Regio B geweigerd." in done.text
    assert db.session.get(Membership, membership_id) is None


def test_switching_off_reaches_only_the_region_when_the_account_reaches_beyond(
        client, login, make_user, regions, person):
    region_a, region_b = regions
    _join(person, region_b)
    login(make_user("admin", region_b))
    membership = _membership(person, region_b)
    done = client.post(f"/beheer/lid/{membership.id}/uitzetten", follow_redirects=True)
    assert f"{person.name} kan niet meer werken in Regio B." in done.text
    db.session.refresh(person)
    assert person.is_enabled
    assert person.role_in(region_a.id) == Role.PROJECT_LEADER
    assert person.role_in(region_b.id) is None
    assert "Uitgezet in deze regio" in client.get(f"/beheer/regio/{region_b.id}/medewerkers").text
    client.post(f"/beheer/lid/{membership.id}/aanzetten")
    db.session.refresh(person)
    assert person.role_in(region_b.id) == Role.POLICY_OFFICER


def test_admin_of_every_region_of_the_account_acts_on_the_whole_account(
        client, login, make_user, regions, person):
    region_a, region_b = regions
    _join(person, region_b)
    admin = make_user("admin", region_a)
    _join(admin, region_b, Role.ADMIN)
    login(admin)
    membership = _membership(person, region_b)
    done = client.post(f"/beheer/lid/{membership.id}/uitzetten", follow_redirects=True)
    assert f"Het account van {person.name} is uitgezet" in done.text
    db.session.refresh(person)
    assert not person.is_enabled
    client.post(f"/beheer/lid/{membership.id}/aanzetten")
    link = client.post(f"/beheer/lid/{membership.id}/nieuwe-link")
    assert link.status_code == 200 and "/uitnodiging/" in link.text


def test_superuser_accounts_are_out_of_reach_of_region_admins(client, login, make_user, regions):
    region_a = regions[0]
    chief = make_user("policy_officer", region_a, superuser=True)
    login(make_user("admin", region_a))
    membership = _membership(chief, region_a)
    page = client.get(f"/beheer/regio/{region_a.id}/medewerkers").text
    assert "niet het hele account" in page
    assert client.post(f"/beheer/lid/{membership.id}/nieuwe-link").status_code == 403
    client.post(f"/beheer/lid/{membership.id}/uitzetten")
    db.session.refresh(chief)
    assert chief.is_enabled and chief.role_in(region_a.id) is None


def test_a_link_stops_working_once_the_account_joins_a_region_its_creator_does_not_run(
        client, login, make_user, regions, person):
    region_a, region_b = regions
    admin_a = make_user("admin", region_a)
    token = services.issue_invitation(person, actor=admin_a, now=utcnow(),
                                      valid_for=timedelta(days=7))
    db.session.commit()
    assert client.get(f"/uitnodiging/{token}").status_code == 200
    _join(person, region_b)
    response = client.post(f"/uitnodiging/{token}",
                           data={"password": "een-nieuw-wachtwoord", "confirm":
                                 "een-nieuw-wachtwoord"})
    assert response.status_code == 404
    assert services.authenticate(person.email, PASSWORD) is not None
