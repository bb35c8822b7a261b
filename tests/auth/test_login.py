"""Staff login, server-side sessions, timeouts and invitations."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult import create_app
from consult.auth import services
from consult.auth.models import StaffSession
from consult.db import db, utcnow


def test_login_then_logout(client, make_user, region, login):
    user = make_user("policy_officer", region)
    login(user)
    assert client.get("/rondes/").status_code == 200
    response = client.post("/uitloggen")
    assert response.status_code == 302
    assert client.get("/rondes/").status_code == 302


def test_wrong_password_gives_dutch_error_and_keeps_email(client, make_user, region):
    user = make_user("policy_officer", region)
    response = client.post("/inloggen", data={"email": user.email, "password": "fout-wachtwoord"})
    assert response.status_code == 200
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text
    assert user.email in response.text


def test_unknown_email_gives_same_message(client):
    response = client.post("/inloggen", data={"email": "niemand@x.nl", "password": "iets-anders"})
    assert "Het e-mailadres of het wachtwoord klopt niet." in response.text


def test_replayed_cookie_after_logout_is_rejected(app, make_user, region, login, client):
    user = make_user("policy_officer", region)
    login(user)
    stolen = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    client.post("/uitloggen")
    thief = app.test_client()
    thief.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen, domain="localhost")
    assert thief.get("/rondes/").status_code == 302


def test_deactivation_ends_live_sessions(app, make_user, region, login, client):
    user = make_user("policy_officer", region)
    login(user)
    assert client.get("/rondes/").status_code == 200
    services.set_enabled(user, False, actor=user, region_id=region.id, now=utcnow())
    db.session.commit()
    assert client.get("/rondes/").status_code == 302
    response = client.post("/inloggen",
                           data={"email": user.email, "password": "test-wachtwoord-123"})
    assert "klopt niet" in response.text


@pytest.mark.parametrize("field,age", [("last_seen_at", timedelta(minutes=31)),
                                       ("created_at", timedelta(hours=13))])
def test_idle_and_absolute_timeouts(make_user, region, login, client, field, age):
    user = make_user("policy_officer", region)
    login(user)
    staff_session = db.session.query(StaffSession).filter_by(user_id=user.id).one()
    setattr(staff_session, field, utcnow() - age)
    if field == "created_at":
        staff_session.last_seen_at = utcnow()
    db.session.commit()
    assert client.get("/rondes/").status_code == 302
    db.session.refresh(staff_session)
    assert staff_session.revoked_at is not None


def test_session_rotates_at_login(app, make_user, region, client):
    user = make_user("policy_officer", region)
    client.get("/inloggen")
    before = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    client.post("/inloggen", data={"email": user.email, "password": "test-wachtwoord-123"})
    client.post("/uitloggen")
    client.post("/inloggen", data={"email": user.email, "password": "test-wachtwoord-123"})
    tokens = db.session.query(StaffSession.token_hash).filter_by(user_id=user.id).all()
    assert len(set(tokens)) == 2
    after = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert before is None or before.value != after.value


def test_session_cookie_flags(app, make_user, region, client):
    user = make_user("policy_officer", region)
    response = client.post("/inloggen", data={"email": user.email,
                                                "password": "test-wachtwoord-123"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_login_does_not_redirect_offsite(make_user, region, client):
    user = make_user("policy_officer", region)
    response = client.post("/inloggen?next=//evil.example/x",
                           data={"email": user.email, "password": "test-wachtwoord-123"})
    assert response.headers["Location"] == "/rondes/"


def test_login_is_rate_limited(app_config):
    limited = create_app({**app_config, "RATELIMIT_ENABLED": True})
    from consult.extensions import limiter

    limiter.reset()
    client = limited.test_client()
    codes = [client.post("/inloggen", data={"email": "a@b.nl", "password": "x" * 12}).status_code
             for _ in range(12)]
    assert 429 in codes
    assert "Even wachten" in client.post("/inloggen", data={"email": "a@b.nl"}).text
    limiter.reset()


def test_invitation_sets_password_once(app, client, region):
    user, token = services.invite(email="Nieuw@Consult.test", name="Nieuw", region_id=region.id,
                                  role="facilitator", actor=None, now=utcnow(),
                                  valid_for=timedelta(days=7))
    db.session.commit()
    assert user.email == "nieuw@consult.test"
    data = {"password": "een lang wachtwoord", "confirm": "een lang wachtwoord"}
    response = client.post(f"/uitnodiging/{token}", data=data)
    assert response.status_code == 302
    client.post("/uitloggen")
    again = client.post(f"/uitnodiging/{token}", data=data)
    assert again.status_code == 404
    assert "werkt niet meer" in again.text


def test_expired_invitation_is_refused(client, region):
    _, token = services.invite(email="laat@consult.test", name="Laat", region_id=region.id,
                               role="facilitator", actor=None, now=utcnow() - timedelta(days=8),
                               valid_for=timedelta(days=7))
    db.session.commit()
    assert client.get(f"/uitnodiging/{token}").status_code == 404


def test_short_password_is_refused_with_dutch_message(client, region):
    _, token = services.invite(email="kort@consult.test", name="Kort", region_id=region.id,
                               role="facilitator", actor=None, now=utcnow(),
                               valid_for=timedelta(days=7))
    db.session.commit()
    response = client.post(f"/uitnodiging/{token}", data={"password": "kort", "confirm": "kort"})
    assert response.status_code == 200
    assert "Gebruik minstens 12 en hoogstens 256 tekens." in response.text
    assert "Field must" not in response.text


def test_invite_cli_prints_link(runner, region):
    result = runner.invoke(args=["invite", "cli@consult.test", "--name", "Cli",
                                 "--region", region.name, "--role", "policy_officer"])
    assert result.exit_code == 0, result.output
    assert "/uitnodiging/" in result.output


def test_invite_cli_prints_no_link_for_an_existing_account(runner, make_user, make_region,
                                                           region):
    existing = make_user("admin", make_region("Elders"))
    result = runner.invoke(args=["invite", existing.email, "--name", "Cli",
                                 "--region", region.name, "--role", "policy_officer"])
    assert result.exit_code == 0, result.output
    assert "/uitnodiging/" not in result.output and "accepts it" in result.output
    db.session.refresh(existing)
    assert existing.role_in(region.id) is None
