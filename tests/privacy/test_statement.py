"""The participants' privacy statement, its links, and the region's privacy contacts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import render_template
from sqlalchemy import select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.participate.forms import ParticipateForm
from consult.privacy import statement
from consult.privacy.models import PrivacyContact
from consult.rounds.services import end_of_day, local_date

CONTACT = {"controller": "Gemeente Goes namens de regio", "privacy_email": "fg@goes.example",
           "privacy_phone": "0113 - 000 000", "contact_name": "Projectteam Wonen",
           "contact_email": "meedoen@goes.example", "contact_phone": "0113 - 111 111"}


def test_every_consent_on_the_form_has_one_purpose():
    consents = sorted(name.removeprefix("consent_") for name in dir(ParticipateForm)
                      if name.startswith("consent_"))
    assert sorted(p.consent for p in statement.PURPOSES) == consents


def test_statement_shows_the_rounds_retention_and_consents(client, make_round, region):
    round_ = make_round(raw_retention_days=30)
    delete_on = local_date(round_.closes_at, closing=True) + timedelta(days=365)
    round_.delete_after = end_of_day(delete_on)
    statement.save_contact(region, CONTACT, actor=None, now=utcnow())
    db.session.commit()
    page = client.get(f"/r/{round_.slug}/privacy").text
    raw_until = round_.closes_at + timedelta(days=30)
    assert "30 dagen na het einde van de ronde" in page
    from consult.dates import format_date
    assert f"tot {format_date(raw_until)}" in page
    assert f"tot {format_date(round_.delete_after)}" in page
    for purpose in statement.PURPOSES:
        assert f'id="doel-{purpose.consent}"' in page and purpose.title in page
    assert "Verantwoordelijk voor uw gegevens: <strong>Gemeente Goes namens de regio" in page
    assert "mailto:fg@goes.example" in page and "meedoen@goes.example" in page
    assert "Autoriteit Persoonsgegevens" in page
    assert f"/r/{round_.slug}/mijn-inbreng" in page and f"/r/{round_.slug}/verwijderen" in page


def test_statement_without_retention_dates_says_so(client, make_round):
    round_ = make_round()
    page = client.get(f"/r/{round_.slug}/privacy").text
    assert "tot wij de uitkomsten van de ronde delen" in page
    assert "er is nog geen einddatum" in page
    # No controller filled in yet: the region's municipalities answer for it.
    assert "gegevens: <strong>De gemeenten in de regio Zeeland-test</strong>" in page


def test_unknown_round_has_no_statement(client):
    assert client.get("/r/bestaat-niet/privacy").status_code == 404


@pytest.mark.parametrize("path", ["", "/mijn-inbreng", "/verwijderen", "/privacy"])
def test_participant_pages_link_the_statements(client, make_round, path):
    round_ = make_round()
    page = client.get(f"/r/{round_.slug}{path}").text
    assert f'href="/r/{round_.slug}/privacy"' in page
    assert 'href="/toegankelijkheid"' in page


def test_consent_text_links_the_statement(client, make_round):
    round_ = make_round()
    page = client.get(f"/r/{round_.slug}").text
    consent = page.split("Toestemming</h2>")[1].split("</p>")[0]
    assert f'href="/r/{round_.slug}/privacy"' in consent


def test_home_links_each_open_rounds_statement(client, make_round):
    round_ = make_round()
    assert f'href="/r/{round_.slug}/privacy"' in client.get("/").text


def test_accessibility_statement(client, region):
    statement.save_contact(region, CONTACT, actor=None, now=utcnow())
    db.session.commit()
    page = client.get("/toegankelijkheid").text
    for heading in ("Status: voldoet gedeeltelijk", "Wat hebben wij onderzocht?",
                    "Hoe hebben wij dat onderzocht?", "Bekende problemen", "Contact", "Datum"):
        assert heading in page
    assert "axe-core" in page and "meedoen@goes.example" in page


def test_receipt_help_names_the_regions_contact(app, make_round, region):
    round_ = make_round()
    with app.test_request_context():
        before = render_template("participate/_help.html", round=round_, help_lines=["113"])
        statement.save_contact(region, CONTACT, actor=None, now=utcnow())
        after = render_template("participate/_help.html", round=round_, help_lines=["113"])
    assert "Projectteam Wonen" not in before
    assert "Projectteam Wonen" in after and 'href="tel:0113111111"' in after


@pytest.mark.parametrize(("role", "status"), [
    ("admin", 200), ("project_leader", 200), ("policy_officer", 403), ("facilitator", 403)])
def test_who_may_edit_the_region_contacts(client, login_as, region, role, status):
    login_as(role)
    assert client.get(f"/privacy/regio/{region.id}/contact").status_code == status
    response = client.post(f"/privacy/regio/{region.id}/contact", data=CONTACT)
    assert response.status_code == (302 if status == 200 else status)
    stored = db.session.get(PrivacyContact, region.id)
    assert (stored is not None) == (status == 200)


def test_other_regions_contacts_are_not_found(client, login_as, make_region):
    login_as("admin")
    other = make_region("Elders")
    assert client.get(f"/privacy/regio/{other.id}/contact").status_code == 404


def test_saving_contacts_is_audited_and_keeps_bad_input(client, login_as, region):
    user = login_as("project_leader")
    bad = {**CONTACT, "privacy_email": "geen-adres"}
    page = client.post(f"/privacy/regio/{region.id}/contact", data=bad).text
    assert "Vul een geldig e-mailadres in." in page and 'value="geen-adres"' in page
    assert db.session.get(PrivacyContact, region.id) is None
    client.post(f"/privacy/regio/{region.id}/contact", data=CONTACT)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "privacy.contact"))
    assert event.user_id == user.id and event.region_id == region.id
    assert "contact_phone" in event.details["changed"]
    assert statement.region_contact(region).contact_phone == "0113 - 111 111"
