"""Group session pages: staff open, show and close sessions; participants enter with the code."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
import segno
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.dates import from_local, local
from consult.db import db, utcnow
from consult.groupsession.models import GroupSession
from consult.submissions.models import Channel, Submission


def _open(client, round_, **data):
    page = client.get(f"/rondes/{round_.id}/groepssessies")
    defaults = {name: re.search(rf'name="{name}"[^>]*value="([^"]*)"', page.text).group(1)
                for name in ("starts_at", "ends_at", "submission_limit")}
    return client.post(f"/rondes/{round_.id}/groepssessies", data={**defaults, **data})


@pytest.fixture
def leader_round(login_as, make_round):
    login_as("project_leader")
    return make_round()


def _session() -> GroupSession:
    return db.session.scalars(select(GroupSession)).one()


def test_the_form_proposes_now_until_four_hours_later_and_100(client, leader_round):
    page = client.get(f"/rondes/{leader_round.id}/groepssessies").text
    start = re.search(r'name="starts_at"[^>]*value="([^"]*)"', page).group(1)
    end = re.search(r'name="ends_at"[^>]*value="([^"]*)"', page).group(1)
    start_at = from_local(datetime.strptime(start, "%Y-%m-%dT%H:%M"))
    end_at = from_local(datetime.strptime(end, "%Y-%m-%dT%H:%M"))
    assert abs(start_at - utcnow()) < timedelta(minutes=2)
    assert end_at - start_at == timedelta(hours=4)
    assert re.search(r'name="submission_limit"[^>]*value="100"', page)


def test_opening_shows_code_qr_and_link_as_text(client, leader_round):
    response = _open(client, leader_round)
    assert response.status_code == 302
    session = _session()
    page = client.get(response.location).text
    assert f"De groepssessie is geopend. De code is {session.code}." in page
    assert re.search(r'<svg role="img"[^>]*class="qr"><title>QR-code voor groepssessie '
                     + session.code, page)
    assert f"http://localhost/groep/{session.code}" in page  # the link, as text
    # The QR code holds that link: its modules are the ones segno draws for it.
    modules = re.search(r'd="([^"]+)"', segno.make(
        f"http://localhost/groep/{session.code}", error="m").svg_inline()).group(1)
    assert f'd="{modules}"' in page
    assert "http://localhost/groep</span>" in page  # where to type the code
    assert "0 van de 100" in page
    assert session.submission_limit == 100
    assert session.ends_at - session.starts_at == timedelta(hours=4)


def test_times_and_limit_can_be_changed_and_bad_ones_are_explained(client, leader_round):
    response = _open(client, leader_round, submission_limit="30", ends_at="2020-01-01T22:00")
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.text
    assert 'value="30"' in response.text  # what was typed stays
    assert db.session.scalar(select(GroupSession.id)) is None
    tomorrow = local(utcnow() + timedelta(days=1))
    start, end = tomorrow.replace(hour=19, minute=0), tomorrow.replace(hour=22, minute=30)
    response = _open(client, leader_round, submission_limit="30",
                     starts_at=start.strftime("%Y-%m-%dT%H:%M"),
                     ends_at=end.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 302
    session = _session()
    assert session.submission_limit == 30
    assert local(session.starts_at).strftime("%H:%M") == "19:00"
    assert session.ends_at - session.starts_at == timedelta(hours=3, minutes=30)


def test_closing_early_is_audited_and_the_code_stops_working(client, leader_round):
    _open(client, leader_round)
    session = _session()
    response = client.post(f"/groepssessie/{session.id}/sluiten")
    assert response.status_code == 302
    page = client.get(response.location).text
    assert f"De groepssessie {session.code} is gesloten." in page
    assert "Gesloten" in page
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "group_session.open" in actions and "group_session.close" in actions
    entry = client.get(f"/groep/{session.code}")
    assert entry.status_code == 200
    assert "De groepssessie met deze code is gesloten." in entry.text


def test_participants_reach_the_form_with_the_session_attached(client, leader_round):
    _open(client, leader_round)
    session = _session()
    client.post("/uitloggen")
    response = client.get(f"/groep/{session.code.lower()}")
    assert response.status_code == 302
    assert response.location.endswith(f"/r/{leader_round.slug}?sessie={session.code}")
    form = client.get(response.location).text
    assert f'name="group_code" type="hidden" value="{session.code}"' in form
    assert "U doet mee via de groepssessie met code" in form


def test_typing_the_code_on_the_entry_page(client, leader_round):
    _open(client, leader_round)
    session = _session()
    client.post("/uitloggen")
    page = client.get("/groep")
    assert page.status_code == 200 and "Code van de groepssessie" in page.text
    typed = f"{session.code[:3]} {session.code[3:]}".lower()
    assert client.get("/groep", query_string={"code": typed}).status_code == 302
    wrong = client.get("/groep", query_string={"code": "zzzz99"})
    assert "Deze code kennen wij niet." in wrong.text
    assert 'value="zzzz99"' in wrong.text  # the typed code stays
    assert 'aria-invalid="true"' in wrong.text


def _form_data(client, round_, url: str, **extra) -> dict:
    page = client.get(url).text
    data = {name: re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page).group(1)
            for name in ("started", "form_token", "group_code")}
    data.update({"group": "client", "municipality": "", "consent_analysis": "y",
                 "website": "", f"answer_{round_.questions[0].id}": "Meer plekken in Goes."})
    data.update(extra)
    return data


def test_a_submit_through_the_session_records_channel_and_session(client, leader_round):
    _open(client, leader_round)
    session = _session()
    data = _form_data(client, leader_round, f"/r/{leader_round.slug}?sessie={session.code}")
    assert client.post(f"/r/{leader_round.slug}", data=data).status_code == 302
    submission = db.session.scalars(select(Submission)).one()
    assert submission.channel is Channel.GROUP_SESSION
    assert submission.group_session_id == session.id
    db.session.refresh(session)
    assert session.submission_count == 1


def test_a_session_that_ended_while_typing_keeps_the_text_and_lets_it_go_the_usual_way(
        client, leader_round):
    _open(client, leader_round)
    session = _session()
    data = _form_data(client, leader_round, f"/r/{leader_round.slug}?sessie={session.code}",
                      **{f"answer_{leader_round.questions[0].id}": "Mijn eigen verhaal."})
    session.ends_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = client.post(f"/r/{leader_round.slug}", data=data)
    assert response.status_code == 200
    assert "De groepssessie met deze code is afgelopen." in response.text
    assert "Uw antwoorden staan er nog." in response.text
    assert "Mijn eigen verhaal." in response.text
    assert 'name="group_code" type="hidden" value=""' in response.text
    assert db.session.scalar(select(Submission.id)) is None
    again = {**data, "group_code": ""}
    assert client.post(f"/r/{leader_round.slug}", data=again).status_code == 302
    assert db.session.scalars(select(Submission)).one().channel is Channel.WEB


def test_a_full_session_says_so_and_keeps_the_text(client, leader_round):
    _open(client, leader_round, submission_limit="1")
    session = _session()
    url = f"/r/{leader_round.slug}?sessie={session.code}"
    first = _form_data(client, leader_round, url)
    second = _form_data(client, leader_round, url,
                        **{f"answer_{leader_round.questions[0].id}": "Ook van mij."})
    assert client.post(f"/r/{leader_round.slug}", data=first).status_code == 302
    response = client.post(f"/r/{leader_round.slug}", data=second)
    assert "Het maximale aantal inzendingen is bereikt." in response.text
    assert "Ook van mij." in response.text
    assert db.session.query(Submission).count() == 1


def test_a_code_of_another_round_is_not_attached(client, leader_round, make_round):
    _open(client, leader_round)
    session = _session()
    other = make_round(title="Andere ronde")
    data = _form_data(client, other, f"/r/{other.slug}", group_code=session.code)
    response = client.post(f"/r/{other.slug}", data=data)
    assert response.status_code == 200
    assert "Deze code kennen wij niet." in response.text
    assert db.session.scalar(select(Submission.id)) is None


@pytest.mark.parametrize("role", ["policy_officer", "facilitator"])
def test_roles_that_may_not_manage_the_round_cannot_open_one(client, login_as, make_round,
                                                             role):
    round_ = make_round()
    login_as(role)
    assert client.get(f"/rondes/{round_.id}/groepssessies").status_code == 403
    assert client.post(f"/rondes/{round_.id}/groepssessies",
                       data={"submission_limit": "100"}).status_code == 403
    assert db.session.scalar(select(GroupSession.id)) is None


def test_a_participant_cannot_open_or_close_one(client, make_round, make_user, region):
    round_ = make_round()
    response = client.post(f"/rondes/{round_.id}/groepssessies",
                           data={"submission_limit": "100"})
    assert response.status_code == 302 and "/inloggen" in response.location
    assert db.session.scalar(select(GroupSession.id)) is None


def test_staff_of_another_region_cannot_open_or_close_one(client, login_as, make_round,
                                                          make_region, leader_round):
    _open(client, leader_round)
    session = _session()
    client.post("/uitloggen")
    login_as("project_leader", in_region=make_region("Andere regio"))
    assert client.get(f"/rondes/{leader_round.id}/groepssessies").status_code == 404
    assert client.post(f"/rondes/{leader_round.id}/groepssessies",
                       data={"submission_limit": "100"}).status_code == 404
    assert client.post(f"/groepssessie/{session.id}/sluiten").status_code == 404
    db.session.refresh(session)
    assert session.closed_at is None
