"""Only the region's safeguarding contacts (and its admins) see its signals; every look is
audited; contacts record what they did; the round overview shows late signals."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.auth.models import Role
from consult.db import db, utcnow
from consult.safeguarding import services
from consult.safeguarding.models import CrisisSignal, SignalStatus
from consult.submissions.models import Submission
from tests.safeguarding.conftest import CRISIS, NORMAL


@pytest.fixture
def flagged(make_round, send):
    """A round with one flagged contribution, whose participant may be contacted."""
    round_ = make_round()
    send(round_, NORMAL)
    send(round_, CRISIS, contact="jan@voorbeeld.nl", consent_contact=True)
    signal = db.session.scalar(select(CrisisSignal))
    return round_, signal


def _events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_named_contact_sees_the_queue_and_the_flagged_answer(client, login, make_user,
                                                             name_contact, flagged):
    round_, signal = flagged
    contact = login(name_contact(make_user(Role.FACILITATOR, round_.region), round_.region_id))
    queue = client.get(f"/beheer/regio/{round_.region_id}/signalen")
    assert queue.status_code == 200
    assert "Gedachten aan zelfdoding" in queue.text and "niet meer leven" in queue.text
    assert "06-12345678" not in queue.text and "Meer betaalbare" not in queue.text
    page = client.get(f"/beheer/signaal/{signal.id}")
    assert page.status_code == 200
    assert "niet meer leven" in page.text and "[telefoonnummer]" in page.text
    assert "06-12345678" not in page.text
    assert "jan@voorbeeld.nl" in page.text
    assert contact.name in queue.text  # the queue names the region's contacts


def test_no_contact_details_without_consent(client, login, make_user, name_contact,
                                            make_round, send):
    round_ = make_round()
    send(round_, CRISIS, contact="piet@voorbeeld.nl", consent_contact=False)
    signal = db.session.scalar(select(CrisisSignal))
    login(name_contact(make_user(Role.POLICY_OFFICER, round_.region), round_.region_id))
    page = client.get(f"/beheer/signaal/{signal.id}")
    assert "piet@voorbeeld.nl" not in page.text
    assert "geen contactgegevens gegeven, of wil niet benaderd worden" in page.text


@pytest.mark.parametrize(("role", "named", "status"), [
    (Role.ADMIN, False, 200),
    (Role.POLICY_OFFICER, True, 200),
    (Role.PROJECT_LEADER, True, 200),
    (Role.POLICY_OFFICER, False, 403),
    (Role.PROJECT_LEADER, False, 403),
    (Role.FACILITATOR, False, 403),
])
def test_only_the_regions_contacts_and_admins_get_in(client, login, make_user, name_contact,
                                                      flagged, role, named, status):
    round_, signal = flagged
    user = make_user(role, round_.region)
    if named:
        name_contact(user, round_.region_id)
    login(user)
    for url in (f"/beheer/regio/{round_.region_id}/signalen", f"/beheer/signaal/{signal.id}"):
        assert client.get(url).status_code == status, url
    posted = client.post(f"/beheer/signaal/{signal.id}", data={"outcome": "contacted",
                                                               "close": "y"})
    assert posted.status_code == (302 if status == 200 else status)
    expected = SignalStatus.CLOSED if status == 200 else SignalStatus.OPEN
    assert db.session.get(CrisisSignal, signal.id).status is expected


def test_contacts_and_admins_of_another_region_get_404(client, login, make_user, make_region,
                                                       name_contact, flagged):
    round_, signal = flagged
    elsewhere = make_region("Elders")
    for role in (Role.ADMIN, Role.POLICY_OFFICER):
        client.post("/uitloggen")
        user = make_user(role, elsewhere)
        name_contact(user, elsewhere.id)
        login(user)
        assert client.get(f"/beheer/regio/{round_.region_id}/signalen").status_code == 404
        assert client.get(f"/beheer/signaal/{signal.id}").status_code == 404


def test_a_contact_switched_off_in_the_region_no_longer_gets_in(client, login, make_user,
                                                               name_contact, flagged):
    round_, signal = flagged
    contact = name_contact(make_user(Role.POLICY_OFFICER, round_.region), round_.region_id)
    login(contact)
    assert client.get(f"/beheer/signaal/{signal.id}").status_code == 200
    contact.memberships[0].is_enabled = False
    db.session.commit()
    assert client.get(f"/beheer/signaal/{signal.id}").status_code == 404


def test_participants_and_anonymous_visitors_are_sent_to_the_login(client, flagged):
    round_, signal = flagged
    for url in (f"/beheer/regio/{round_.region_id}/signalen", f"/beheer/signaal/{signal.id}"):
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_every_view_and_the_close_are_audited(client, login, make_user, name_contact, flagged):
    round_, signal = flagged
    contact = login(name_contact(make_user(Role.POLICY_OFFICER, round_.region),
                                 round_.region_id))
    client.get(f"/beheer/regio/{round_.region_id}/signalen")
    client.get(f"/beheer/signaal/{signal.id}")
    client.get(f"/beheer/signaal/{signal.id}")
    client.post(f"/beheer/signaal/{signal.id}", data={
        "outcome": "no_action", "note": "Deelnemer heeft al hulp.", "close": "y"})
    [queue_view] = _events("signal.queue_view")
    assert (queue_view.user_id, queue_view.region_id) == (contact.id, round_.region_id)
    views = _events("signal.view")
    assert len(views) == 2
    assert {(e.user_id, e.object_type, e.object_id) for e in views} == {
        (contact.id, "crisissignal", signal.id)}
    [closed] = _events("signal.close")
    assert closed.user_id == contact.id and closed.details["outcome"] == "no_action"
    assert "Deelnemer" not in str(closed.details)  # the note stays out of the audit log


def test_recording_an_action_without_closing_keeps_the_signal_open(client, login, make_user,
                                                                   name_contact, flagged):
    round_, signal = flagged
    login(name_contact(make_user(Role.POLICY_OFFICER, round_.region), round_.region_id))
    response = client.post(f"/beheer/signaal/{signal.id}", data={
        "outcome": "unreachable", "note": "Twee keer gebeld."}, follow_redirects=True)
    assert "Uw actie is vastgelegd." in response.text
    assert "Niet bereikbaar" in response.text and "Twee keer gebeld." in response.text
    assert db.session.get(CrisisSignal, signal.id).status is SignalStatus.OPEN
    assert len(_events("signal.action")) == 1


def test_a_form_without_outcome_says_so_and_keeps_the_note(client, login, make_user,
                                                           name_contact, flagged):
    round_, signal = flagged
    login(name_contact(make_user(Role.POLICY_OFFICER, round_.region), round_.region_id))
    response = client.post(f"/beheer/signaal/{signal.id}", data={"note": "Huisarts gebeld."})
    assert response.status_code == 200
    assert "Kies wat u heeft gedaan." in response.text
    assert "Huisarts gebeld.</textarea>" in response.text
    assert db.session.get(CrisisSignal, signal.id).status is SignalStatus.OPEN
    assert _events("signal.close") == []


def test_round_overview_shows_late_signals_to_those_who_follow_them(
        client, login, make_user, name_contact, make_round, send):
    round_ = make_round(opens_in_days=-20)
    send(round_, CRISIS, now=utcnow() - timedelta(days=6))
    send(round_, CRISIS, now=utcnow() - timedelta(days=8))
    send(round_, CRISIS)
    login(name_contact(make_user(Role.POLICY_OFFICER, round_.region), round_.region_id))
    page = client.get(f"/rondes/{round_.id}").text
    assert "2 signalen wachten langer dan 2 werkdagen." in page
    assert "Open signalen in deze ronde: 3." in page
    client.post("/uitloggen")
    login(make_user(Role.POLICY_OFFICER, round_.region))  # not named
    page = client.get(f"/rondes/{round_.id}").text
    assert "werkdagen" not in page and "signalen" not in page.lower()


def test_project_leader_names_and_unnames_contacts(client, login, make_user, flagged):
    round_, signal = flagged
    leader = login(make_user(Role.PROJECT_LEADER, round_.region))
    officer = make_user(Role.POLICY_OFFICER, round_.region)
    url = f"/beheer/regio/{round_.region_id}/aandachtsfunctionarissen"
    assert client.get(f"/beheer/signaal/{signal.id}").status_code == 403
    response = client.post(url, data={"user": str(officer.id)}, follow_redirects=True)
    assert f"{officer.name} is nu aandachtsfunctionaris" in response.text
    [added] = _events("safeguarding.contact_add")
    assert added.user_id == leader.id and added.details["user_id"] == officer.id
    client.post(url, data={"remove": str(officer.id)})
    assert len(_events("safeguarding.contact_remove")) == 1
    client.post("/uitloggen")
    login(officer)
    assert client.get(f"/beheer/signaal/{signal.id}").status_code == 403


def test_only_staff_of_the_region_can_be_named(client, login, make_user, make_region, flagged):
    round_, _ = flagged
    login(make_user(Role.ADMIN, round_.region))
    stranger = make_user(Role.POLICY_OFFICER, make_region("Elders"))
    url = f"/beheer/regio/{round_.region_id}/aandachtsfunctionarissen"
    response = client.post(url, data={"user": str(stranger.id)})
    assert response.status_code == 200 and "Kies een van de mogelijkheden." in response.text
    assert _events("safeguarding.contact_add") == []


def test_a_facilitator_cannot_name_contacts(client, login, make_user, flagged):
    round_, _ = flagged
    login(make_user(Role.FACILITATOR, round_.region))
    url = f"/beheer/regio/{round_.region_id}/aandachtsfunctionarissen"
    assert client.get(url).status_code == 403


def _participate(client, round_, text: str):
    page = client.get(f"/r/{round_.slug}")
    started = re.search(r'name="started" type="hidden" value="([^"]+)"', page.text).group(1)
    return client.post(f"/r/{round_.slug}", data={
        "group": "client", "municipality": "", "consent_analysis": "y", "website": "",
        "started": started, "form_token": "token-" + "w" * 20,
        f"answer_{round_.questions[0].id}": text})


def test_a_web_submission_raises_a_signal(client, make_round):
    round_ = make_round()
    response = _participate(client, round_, CRISIS)
    assert response.status_code == 302
    [signal] = db.session.scalars(select(CrisisSignal)).all()
    assert signal.kinds == ["suicide"]


def test_a_failing_signal_store_keeps_the_web_submission_and_its_help(client, make_round,
                                                                      monkeypatch):
    def broken(texts):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services, "kinds_per_text", broken)
    round_ = make_round()
    response = _participate(client, round_, CRISIS)
    page = client.get(response.headers["Location"])
    assert "0800-0113" in page.text and 'class="receipt"' in page.text
    assert db.session.query(Submission).count() == 1
    assert db.session.scalars(select(CrisisSignal)).all() == []
