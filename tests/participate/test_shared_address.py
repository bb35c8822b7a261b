"""A group on one network (a shelter's wifi, an advisory council meeting) can submit together.

With the default settings 50 participants behind one address all get their receipt within
ten minutes; the per-address limit still stops more, and the honeypot, the minimum fill time
and the one-use form token still stop robots.
"""

from __future__ import annotations

import re
import time

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import func, select

from consult.config import DefaultConfig
from consult.db import db
from consult.submissions.models import Submission

CODE = re.compile(r'class="receipt"[^>]*>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})<')
GROUP = 50
FILL_SECONDS = 60  # each participant took a minute to fill in the form


@pytest.fixture
def app_config(app_config):
    """The production defaults for limits and bot checks (the tests' own config drops them)."""
    config = {**app_config, "RATELIMIT_ENABLED": True}
    config.pop("MIN_FILL_SECONDS")
    return config


def _form(client, app, round_, n: int) -> dict:
    """The form as participant n sends it, FILL_SECONDS after opening it."""
    html = client.get(f"/r/{round_.slug}").text
    token = re.search(r'name="form_token" type="hidden" value="([^"]*)"', html).group(1)
    opened = URLSafeSerializer(app.secret_key, salt="form-started").dumps(
        str(time.time() - FILL_SECONDS))
    return {"started": opened, "form_token": token, "group": "client", "website": "",
            "consent_analysis": "y",
            f"answer_{round_.questions[0].id}": f"Deelnemer {n} wil meer begeleiding thuis."}


def _stored() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Submission))


def test_fifty_participants_behind_one_address_all_get_a_receipt(app, client, make_round):
    assert app.config["RATELIMIT_SUBMIT"] == DefaultConfig.RATELIMIT_SUBMIT
    assert "MIN_FILL_SECONDS" not in app.config  # the built-in minimum applies
    round_ = make_round()
    codes = []
    for n in range(GROUP):
        page = client.post(f"/r/{round_.slug}", data=_form(client, app, round_, n),
                           follow_redirects=True)
        assert page.status_code == 200, f"participant {n + 1}: {page.status_code}"
        codes.append(CODE.search(page.text).group(1))
    assert len(set(codes)) == GROUP and _stored() == GROUP


def test_the_per_address_limit_still_stops_a_flood(app, client, make_round):
    round_ = make_round()
    for attempt in range(1, 500):
        response = client.post(f"/r/{round_.slug}", data=_form(client, app, round_, attempt))
        if response.status_code == 429:
            break
        assert response.status_code == 302
    assert response.status_code == 429 and "Even wachten" in response.text
    assert GROUP < attempt <= 100  # a group fits; a flood from one address does not
    elsewhere = client.post(f"/r/{round_.slug}", data=_form(client, app, round_, 0),
                            environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert elsewhere.status_code == 302  # counted per address


def test_robots_are_still_stopped_with_the_group_limit(app, client, make_round):
    round_ = make_round()
    honeypot = {**_form(client, app, round_, 1), "website": "http://spam.example"}
    assert client.post(f"/r/{round_.slug}", data=honeypot).status_code == 302
    assert _stored() == 0  # looks received, stores nothing
    too_fast = _form(client, app, round_, 2)
    too_fast["started"] = URLSafeSerializer(app.secret_key, salt="form-started").dumps(
        str(time.time()))
    page = client.post(f"/r/{round_.slug}", data=too_fast)
    assert page.status_code == 200 and "erg snel verstuurd" in page.text and _stored() == 0
    once = _form(client, app, round_, 3)
    for _ in range(3):  # the same one-use form sent again and again
        client.post(f"/r/{round_.slug}", data=once)
    assert _stored() == 1
