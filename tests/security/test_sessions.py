"""Session management (ASVS V7): cookie flags, revocation, timeouts, rotation."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pyotp
from sqlalchemy import select

from consult import create_app
from consult.auth import services, totp
from consult.auth.models import StaffSession, User
from consult.db import db, utcnow
from tests.conftest import PASSWORD

STAFF_PAGE = "/rondes/"


def _cookie(client, app):
    return client.get_cookie(app.config["SESSION_COOKIE_NAME"])


def test_production_cookie_flags_and_host_prefix(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSULT_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("CONSULT_PRODUCTION", "1")
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "k" * 32})
    with app.test_request_context("/", base_url="https://consult.example"):
        from flask import session

        session["x"] = 1
        response = app.make_response("ok")
        app.session_interface.save_session(app, session, response)
    header = response.headers["Set-Cookie"]
    assert header.startswith("__Host-consult_session=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in header
    assert "Domain=" not in header  # __Host- forbids a Domain attribute


def test_logout_revokes_server_side_session_and_replay_fails(app, client, make_user, region,
                                                             login):
    login(make_user("policy_officer", region))
    stolen = _cookie(client, app).value
    client.post("/uitloggen")
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen)
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]
    assert db.session.scalar(select(StaffSession)).revoked_at is not None


def test_deactivation_revokes_every_session(app, client, make_user, region, login):
    user = make_user("policy_officer", region)
    login(user)
    stolen = _cookie(client, app).value
    admin = make_user("admin", region)
    services.set_enabled(user, False, actor=admin, region_id=region.id, now=utcnow())
    db.session.commit()
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], stolen)
    assert client.get(STAFF_PAGE).status_code == 302
    services.set_enabled(user, True, actor=admin, region_id=region.id, now=utcnow())
    db.session.commit()
    # Enabling again does not bring the old session back: the user must log in anew.
    assert client.get(STAFF_PAGE).status_code == 302


def _age_session(*, created: timedelta, seen: timedelta) -> None:
    staff_session = db.session.scalar(select(StaffSession))
    staff_session.created_at = utcnow() - created
    staff_session.last_seen_at = utcnow() - seen
    db.session.commit()


def test_idle_timeout(app, client, make_user, region, login):
    login(make_user("policy_officer", region))
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    _age_session(created=idle, seen=idle - timedelta(minutes=2))
    assert client.get(STAFF_PAGE).status_code == 200
    _age_session(created=idle * 2, seen=idle + timedelta(seconds=5))
    assert client.get(STAFF_PAGE).status_code == 302
    assert db.session.scalar(select(StaffSession)).revoked_at is not None


def test_absolute_timeout_despite_activity(app, client, make_user, region, login):
    login(make_user("policy_officer", region))
    absolute = app.config["SESSION_ABSOLUTE_TIMEOUT"]
    _age_session(created=absolute + timedelta(seconds=5), seen=timedelta(seconds=1))
    assert client.get(STAFF_PAGE).status_code == 302


def test_session_id_rotates_at_login(app, client, make_user, region, login):
    client.get("/inloggen")
    before = _cookie(client, app)
    user = make_user("policy_officer", region)
    login(user)
    first = _cookie(client, app).value
    assert before is None or before.value != first
    client.post("/uitloggen")
    login(user)
    assert _cookie(client, app).value != first
    tokens = db.session.scalars(select(StaffSession.token_hash)).all()
    assert len(set(tokens)) == 2


def _session_in_cookie(client, app) -> dict:
    """The Flask session as the browser holds it: signed (itsdangerous), not encrypted."""
    raw = _cookie(client, app).value
    return app.session_interface.get_signing_serializer(app).loads(raw)


def _secret_totp_user(app, make_user, region) -> tuple[User, str]:
    user = make_user("policy_officer", region)
    secret = totp.new_secret()
    user.totp_secret = totp.seal(secret, totp.sealing_key(app.config["SECRET_KEY"]))
    db.session.commit()
    return user, secret


def _leaks(cookie: dict, *secrets: str) -> list[str]:
    text = json.dumps(cookie)
    return [s for s in secrets if s and (s in text or s.lower() in text.lower())]


def test_session_cookie_carries_no_user_secret(app, client, make_user, region):
    user, secret = _secret_totp_user(app, make_user, region)
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    code = pyotp.TOTP(secret).at(utcnow().timestamp() + 30)
    assert client.post("/inloggen/code", data={"code": code}).status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200
    cookie = _session_in_cookie(client, app)
    stored = db.session.scalar(select(StaffSession))
    # What it does hold: a random token whose hash the server keeps, so it can be revoked.
    assert cookie["_user_id"] == str(user.id)
    assert services.hash_token(cookie["sid"]) == stored.token_hash
    assert _leaks(cookie, user.password_hash, PASSWORD, user.totp_secret, secret,
                  totp.grouped(secret), user.email, user.name, stored.token_hash) == []


def test_totp_set_up_keeps_the_new_secret_out_of_the_cookie(app, client, make_user, region,
                                                            login):
    user = login(make_user("policy_officer", region))
    page = client.get("/account/tweestapsverificatie")
    secret = re.search(r"secret=([A-Z2-7]+)", page.text).group(1)
    cookie = _session_in_cookie(client, app)
    assert _leaks(cookie, secret, totp.grouped(secret), user.password_hash, user.email) == []
    again = client.get("/account/tweestapsverificatie")  # the same secret until it is confirmed
    assert f"secret={secret}" in again.text
    client.post("/account/tweestapsverificatie", data={"code": pyotp.TOTP(secret).now()})
    db.session.refresh(user)
    assert totp.unseal(user.totp_secret, totp.sealing_key(app.config["SECRET_KEY"])) == secret
