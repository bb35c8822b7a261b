"""Optional two-factor login with TOTP, enforceable per region."""

from __future__ import annotations

import re

import pyotp
from flask import current_app

from consult.auth import totp
from consult.db import db, utcnow
from tests.conftest import PASSWORD


def _password(client, user):
    return client.post("/inloggen", data={"email": user.email, "password": PASSWORD})


def _key() -> bytes:
    return totp.sealing_key(current_app.config["SECRET_KEY"])


def _give_totp(user, secret: str | None = None) -> str:
    """Switch two-factor login on for a user as enable() stores it (sealed); the secret."""
    secret = secret or totp.new_secret()
    user.totp_secret = totp.seal(secret, _key())
    return secret


def _next_code(secret: str) -> str:
    return pyotp.TOTP(secret).at(utcnow().timestamp() + 30)


def _secret_from(html: str) -> str:
    return re.search(r"secret=([A-Z2-7]+)", html).group(1)


def test_set_up_then_log_in_with_a_code(client, make_user, region, login):
    user = make_user("policy_officer", region)
    login(user)
    page = client.get("/account/tweestapsverificatie")
    assert "otpauth://totp/Consult:" in page.text
    secret = _secret_from(page.text)
    wrong = client.post("/account/tweestapsverificatie", data={"code": "000000"})
    assert "Deze code klopt niet" in wrong.text
    client.post("/account/tweestapsverificatie", data={"code": pyotp.TOTP(secret).now()})
    db.session.refresh(user)
    assert user.totp_secret != secret  # stored sealed, never as typed into the app
    assert totp.unseal(user.totp_secret, _key()) == secret
    client.post("/uitloggen")
    step = _password(client, user)
    assert step.headers["Location"].endswith("/inloggen/code")
    assert client.get("/rondes/").status_code == 302  # the password alone is not enough
    bad = client.post("/inloggen/code", data={"code": "123456"})
    assert "Deze code klopt niet" in bad.text
    # the set-up code was this time step's: a login takes the next one (no replay)
    done = client.post("/inloggen/code", data={"code": _next_code(secret)})
    assert done.status_code == 302
    assert client.get("/rondes/").status_code == 200


def test_second_step_without_a_password_step_goes_back_to_login(client):
    response = client.post("/inloggen/code", data={"code": "123456"})
    assert response.headers["Location"].endswith("/inloggen")


def test_region_requirement_forces_set_up_before_staff_pages(client, make_user, region, login):
    region.require_totp = True
    db.session.commit()
    login(make_user("policy_officer", region))
    response = client.get("/rondes/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/account/tweestapsverificatie")
    page = client.get("/account/tweestapsverificatie")
    assert "Uw regio verplicht tweestapsverificatie" in page.text
    assert client.get("/").status_code == 200  # public pages stay reachable


def test_required_factor_cannot_be_switched_off(client, make_user, region, login):
    user = make_user("policy_officer", region)
    secret = _give_totp(user)
    region.require_totp = True
    db.session.commit()
    client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    client.post("/inloggen/code", data={"code": pyotp.TOTP(secret).now()})
    client.post("/account/tweestapsverificatie/uitzetten",
                data={"code": _next_code(secret)})
    db.session.refresh(user)
    assert user.totp_secret is not None


def test_invitation_link_does_not_skip_the_second_factor(client, make_user, region):
    from datetime import timedelta

    from consult.auth import services

    user = make_user("policy_officer", region)
    _give_totp(user)
    token = services.issue_invitation(user, actor=None, now=utcnow(),
                                      valid_for=timedelta(days=1))
    db.session.commit()
    response = client.post(f"/uitnodiging/{token}",
                           data={"password": "een nieuw lang wachtwoord",
                                 "confirm": "een nieuw lang wachtwoord"})
    assert response.headers["Location"].endswith("/inloggen/code")
    assert client.get("/rondes/").status_code == 302


def test_verify_allows_one_step_of_clock_drift():
    secret = totp.new_secret()
    now = utcnow()
    earlier = pyotp.TOTP(secret).at(now.timestamp() - 30)
    assert totp.verify(secret, earlier, now=now)
    assert not totp.verify(secret, pyotp.TOTP(secret).at(now.timestamp() - 120), now=now)
    assert not totp.verify(secret, "12345", now=now)


def test_a_code_is_accepted_only_once(client, make_user, region):
    user = make_user("policy_officer", region)
    secret = _give_totp(user)
    db.session.commit()
    code = pyotp.TOTP(secret).now()
    _password(client, user)
    assert client.post("/inloggen/code", data={"code": code}).status_code == 302
    client.post("/uitloggen")
    _password(client, user)
    replay = client.post("/inloggen/code", data={"code": code})
    assert "al gebruikt" in replay.text
    assert client.get("/rondes/").status_code == 302
    fresh = client.post("/inloggen/code", data={"code": _next_code(secret)})
    assert fresh.status_code == 302
    assert client.get("/rondes/").status_code == 200


def test_admin_resets_a_colleagues_second_factor(client, make_user, region, login):
    from consult.audit.models import AuditEvent

    colleague = make_user("policy_officer", region)
    _give_totp(colleague)
    db.session.commit()
    login(make_user("admin", region))
    page = client.get(f"/beheer/regio/{region.id}/medewerkers")
    assert "Tweestapsverificatie herstellen" in page.text
    membership = colleague.memberships[0]
    done = client.post(f"/beheer/lid/{membership.id}/tweestaps-herstellen", follow_redirects=True)
    assert f"Tweestapsverificatie van {colleague.name} staat uit" in done.text
    db.session.refresh(colleague)
    assert colleague.totp_secret is None and colleague.totp_last_step is None
    assert db.session.query(AuditEvent).filter_by(action="user.totp_reset").count() == 1
    client.post("/uitloggen")
    assert _password(client, colleague).headers["Location"].endswith("/rondes/")


def test_only_an_admin_of_the_region_can_reset(client, make_user, make_region, region, login):
    colleague = make_user("policy_officer", region)
    _give_totp(colleague)
    sealed = colleague.totp_secret
    db.session.commit()
    membership_id = colleague.memberships[0].id
    login(make_user("project_leader", region))
    assert client.post(f"/beheer/lid/{membership_id}/tweestaps-herstellen").status_code == 403
    client.post("/uitloggen")
    login(make_user("admin", make_region("Elders")))
    assert client.post(f"/beheer/lid/{membership_id}/tweestaps-herstellen").status_code == 404
    db.session.refresh(colleague)
    assert colleague.totp_secret == sealed


def test_secret_sealed_under_another_key_is_refused_not_crashed(client, make_user, region):
    user = make_user("policy_officer", region)
    secret = totp.new_secret()
    user.totp_secret = totp.seal(secret, totp.sealing_key("an old SECRET_KEY"))
    db.session.commit()
    _password(client, user)
    page = client.post("/inloggen/code", data={"code": pyotp.TOTP(secret).now()})
    assert "Deze code klopt niet" in page.text
    assert client.get("/rondes/").status_code == 302


def test_sealing_round_trip_and_tamper_detection():
    key = totp.sealing_key("test-secret-key")
    sealed = totp.seal("JBSWY3DPEHPK3PXP", key)
    assert "JBSWY3DPEHPK3PXP" not in sealed
    assert totp.unseal(sealed, key) == "JBSWY3DPEHPK3PXP"
    assert totp.unseal(sealed[:-4] + "AAAA", key) is None
    assert totp.unseal(sealed, totp.sealing_key("other")) is None
