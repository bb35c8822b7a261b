"""Rate limits (ASVS V2.2): login, invitation (password reset), second factor, submit,
export and analysis start. Routes built by other features are found by endpoint name."""

from __future__ import annotations

import re

import pytest

from consult.auth import services as auth_services
from consult.db import db, utcnow
from tests.conftest import PASSWORD

TIGHT = "2 per minute"
ENOUGH = 25  # above every limit here, including the fixed "10 per minute" ones
PATTERNS = {
    "export": re.compile(r"export"),
    "analysis start": re.compile(r"(theme|analys).*\.(start|run_analysis|analyse)$"),
}


@pytest.fixture
def app_config(app_config):
    overrides = {key: TIGHT for key, value in _limit_keys()}
    return {**app_config, **overrides, "RATELIMIT_ENABLED": True,
            "RATELIMIT_STORAGE_URI": "memory://"}


def _limit_keys():
    from consult.config import DefaultConfig

    names = [n for n in dir(DefaultConfig) if n.startswith("RATELIMIT_")]
    return [(n, getattr(DefaultConfig, n)) for n in names
            if isinstance(getattr(DefaultConfig, n), str) and " per " in getattr(DefaultConfig, n)
            ] + [("RATELIMIT_EXPORT", None)]


def _hits_limit(client, method: str, url: str, data=None) -> int:
    """Send requests until the server answers 429; return how many it took."""
    for attempt in range(1, ENOUGH + 1):
        response = client.open(url, method=method, data=data or {})
        if response.status_code == 429:
            assert "Even wachten" in response.text
            return attempt
    pytest.fail(f"{method} {url}: no 429 after {ENOUGH} requests")


def test_login_is_rate_limited(client, make_user, region):
    user = make_user("policy_officer", region)
    assert _hits_limit(client, "POST", "/inloggen",
                       {"email": user.email, "password": "fout-wachtwoord"}) <= 3


def _from(address: str) -> dict:
    return {"REMOTE_ADDR": address}


def test_login_is_rate_limited_per_account_across_addresses(app, client, make_user, region):
    user = make_user("policy_officer", region)
    for attempt in range(1, ENOUGH + 1):
        # A new address for every attempt, and the address typed in other cases and spacing.
        email = f"  {user.email.upper()} " if attempt % 2 else user.email
        response = client.post("/inloggen", data={"email": email, "password": "fout"},
                               environ_base=_from(f"192.0.2.{attempt}"))
        if response.status_code == 429:
            break
    assert response.status_code == 429 and "Even wachten" in response.text
    assert attempt <= 3
    # Even the right password waits now; another account from the same addresses does not.
    right = client.post("/inloggen", data={"email": user.email, "password": PASSWORD},
                        environ_base=_from("198.51.100.7"))
    assert right.status_code == 429
    other = make_user("policy_officer", region)
    works = client.post("/inloggen", data={"email": other.email, "password": PASSWORD},
                        environ_base=_from("198.51.100.8"))
    assert works.status_code == 302


def test_successful_logins_do_not_use_up_the_account_limit(app, client, make_user, region):
    user = make_user("policy_officer", region)
    for attempt in range(4):
        response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD},
                               environ_base=_from(f"192.0.2.{attempt}"))
        assert response.status_code == 302, attempt
        client.post("/uitloggen", environ_base=_from(f"192.0.2.{attempt}"))


def test_second_factor_shares_the_account_limit_across_addresses(app, client, make_user,
                                                                region):
    from consult.auth import totp

    user = make_user("policy_officer", region)
    user.totp_secret = totp.seal(totp.new_secret(), totp.sealing_key(app.config["SECRET_KEY"]))
    db.session.commit()
    for attempt in range(1, ENOUGH + 1):
        address = _from(f"192.0.2.{attempt}")
        step = client.post("/inloggen", data={"email": user.email, "password": PASSWORD},
                           environ_base=address)
        if step.status_code == 429:
            break
        response = client.post("/inloggen/code", data={"code": "000000"}, environ_base=address)
        if response.status_code == 429:
            break
    assert attempt <= 3, "guessing codes from many addresses is not limited per account"


def test_invitation_link_is_rate_limited(client, make_user, region):
    user = make_user("facilitator", region)
    token = auth_services.issue_invitation(user, actor=None, now=utcnow(),
                                           valid_for=__import__("datetime").timedelta(days=1))
    db.session.commit()
    assert _hits_limit(client, "POST", f"/uitnodiging/{token}", {"password": "kort"}) <= 3


def test_second_factor_step_is_rate_limited(client):
    assert _hits_limit(client, "POST", "/inloggen/code", {"code": "000000"}) <= 3


def test_submit_is_rate_limited(client, make_round):
    round_ = make_round()
    assert _hits_limit(client, "POST", f"/r/{round_.slug}", {}) <= 3


def test_erasure_and_receipt_code_are_rate_limited(client, make_round):
    round_ = make_round()
    assert _hits_limit(client, "POST", f"/r/{round_.slug}/verwijderen", {"code": "X"}) <= 11
    assert _hits_limit(client, "POST", f"/r/{round_.slug}/mijn-inbreng", {"code": "X"}) <= 11


def test_import_upload_is_rate_limited(client, login_as, make_round):
    login_as("facilitator")
    round_ = make_round()
    assert _hits_limit(client, "POST", f"/invoer/ronde/{round_.id}/importeren") <= 3


def _rules(app, kind: str):
    pattern = PATTERNS[kind]
    rules = [r for r in app.url_map.iter_rules()
             if pattern.search(r.endpoint) and "POST" in r.methods]
    if not rules:
        pytest.skip(f"no POST route for {kind} yet (endpoint pattern {pattern.pattern})")
    return rules


@pytest.mark.parametrize("kind", sorted(PATTERNS))
def test_export_and_analysis_start_are_rate_limited(kind, app, client, login_as, make_round):
    from tests.security.route_world import build_url

    login_as("project_leader")
    round_ = make_round()
    for rule in _rules(app, kind):
        url = build_url(rule, {"round_id": round_.id})
        assert _hits_limit(client, "POST", url) <= 31, rule.endpoint


def test_oversized_request_is_413_everywhere(app, client, make_round):
    round_ = make_round()
    limit = app.config["MAX_CONTENT_LENGTH"]
    body = {"answer": "x" * (limit + 1)}
    for url in (f"/r/{round_.slug}", "/inloggen", f"/r/{round_.slug}/verwijderen"):
        response = client.post(url, data=body)
        assert response.status_code == 413, url
        assert "te groot" in response.text
