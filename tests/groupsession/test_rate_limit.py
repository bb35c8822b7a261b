"""A group on one address submits through a group session; without one, the per-address
limit (RATELIMIT_SUBMIT) stops it. Bots are still stopped by honeypot, fill time and token."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consult.db import db, utcnow
from consult.groupsession import services
from consult.submissions.models import Channel, Submission

PER_ADDRESS = 5
GROUP = 40


@pytest.fixture
def app_config(app_config):
    return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://",
            "RATELIMIT_SUBMIT": f"{PER_ADDRESS} per hour"}


@pytest.fixture
def session(make_round, make_user, region):
    round_ = make_round()
    now = utcnow()
    opened = services.open_session(round_, services.SessionFields(
        starts_at=now, ends_at=now + timedelta(hours=4), submission_limit=100),
        actor=make_user("project_leader", region), now=now)
    db.session.commit()
    return opened


def _data(client, round_, i: int, code: str = "") -> dict:
    page = client.get(f"/r/{round_.slug}").text
    started = re.search(r'name="started" type="hidden" value="([^"]+)"', page).group(1)
    return {"group": "client", "municipality": "", "consent_analysis": "y", "website": "",
            "started": started, "form_token": f"token-{code or 'web'}-{i:03d}-" + "x" * 12,
            "group_code": code, f"answer_{round_.questions[0].id}": f"Antwoord {i}."}


def _count(channel: Channel) -> int:
    return db.session.scalar(select(func.count(Submission.id)).where(
        Submission.channel == channel))


def test_forty_from_one_address_through_a_session_all_succeed(client, session):
    round_ = session.round
    for i in range(GROUP):
        response = client.post(f"/r/{round_.slug}", data=_data(client, round_, i, session.code))
        assert response.status_code == 302, f"submission {i + 1}: {response.status_code}"
    assert _count(Channel.GROUP_SESSION) == GROUP


def test_the_same_address_without_a_session_meets_the_per_address_limit(client, session):
    round_ = session.round
    statuses = [client.post(f"/r/{round_.slug}", data=_data(client, round_, i)).status_code
                for i in range(PER_ADDRESS + 1)]
    assert statuses == [302] * PER_ADDRESS + [429]
    assert _count(Channel.WEB) == PER_ADDRESS


def test_an_unusable_code_does_not_lift_the_per_address_limit(client, session):
    round_ = session.round
    session.closed_at = utcnow()
    db.session.commit()
    statuses = [client.post(f"/r/{round_.slug}",
                            data=_data(client, round_, i, session.code)).status_code
                for i in range(PER_ADDRESS + 1)]
    assert statuses[-1] == 429
    assert _count(Channel.GROUP_SESSION) == 0


def test_bots_are_still_stopped_through_a_session(client, app, session):
    round_ = session.round
    honeypot = _data(client, round_, 1, session.code) | {"website": "http://spam.example"}
    assert client.post(f"/r/{round_.slug}", data=honeypot).status_code == 302
    app.config["MIN_FILL_SECONDS"] = 60
    too_fast = client.post(f"/r/{round_.slug}", data=_data(client, round_, 2, session.code))
    assert "erg snel verstuurd" in too_fast.text
    app.config["MIN_FILL_SECONDS"] = 0
    once = _data(client, round_, 3, session.code)
    assert client.post(f"/r/{round_.slug}", data=once).status_code == 302
    assert client.post(f"/r/{round_.slug}", data=once).status_code == 302  # sent again
    assert _count(Channel.GROUP_SESSION) == 1  # one-use token: stored once
    db.session.refresh(session)
    assert session.submission_count == 1


def test_a_group_sending_at_the_same_moment_never_overshoots_the_session_limit(app, session):
    """Twelve submits at once for the last five places: five are stored, seven are told."""
    round_ = session.round
    session.submission_limit = 5
    db.session.commit()
    clients = [app.test_client() for _ in range(12)]
    forms = [_data(c, round_, i, session.code) for i, c in enumerate(clients)]
    slug, start = round_.slug, threading.Barrier(len(clients))

    def send(client, data):
        with app.app_context():  # the test client expires the session it leaves
            start.wait()
            return client.post(f"/r/{slug}", data=data)

    with ThreadPoolExecutor(len(clients)) as pool:
        responses = list(pool.map(send, clients, forms))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 7 + [302] * 5
    assert all("Het maximale aantal inzendingen is bereikt." in r.text
               for r in responses if r.status_code == 200)
    assert _count(Channel.GROUP_SESSION) == 5
    db.session.refresh(session)
    assert session.submission_count == 5
